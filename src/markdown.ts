/**
 * remark's markdown parser, loaded on first use. Plain prose (claim bodies: validate/plain-blocks.ts;
 * articles: check/plain-article.ts) never needs it, and loading unified, remark-parse and micromark
 * costs about 60 ms of a cold process: most of what a rebuild after one edit spends on the edited file.
 * Both packages are ES modules, required synchronously (Node 20.19 and later load ES modules with
 * require), so that the stages using them stay synchronous.
 */
import { createRequire } from 'node:module';
import type { Root } from 'mdast';
import type RemarkParse from 'remark-parse';
import type * as Unified from 'unified';

const require = createRequire(import.meta.url);

let parser: { parse(source: string): unknown } | null = null;

/** The mdast tree of `source`, as remark parses it (remark is loaded on the first call). */
export function parseMarkdown(source: string): Root {
  if (!parser) {
    const { unified } = require('unified') as typeof Unified;
    const remarkParse = (require('remark-parse') as { default: typeof RemarkParse }).default;
    parser = unified().use(remarkParse);
  }
  return parser.parse(source) as Root;
}
