/**
 * The blocks of a markdown article made only of plain paragraphs and simple ATX headings, found
 * without a markdown parser: remark is then not even loaded, which is about 70 ms of a cold `claimkb
 * check`, plus the parse. An article qualifies only when nothing in it could be markdown syntax other
 * than such blocks, so that its paragraphs are exactly its text:
 * - no character that can start inline markup, an escape, an entity or HTML (CHARACTERS), no CR, NUL or
 *   other control character but tab and line feed;
 * - every non-blank line starts without indentation and ends without whitespace;
 * - a paragraph's first line starts with a letter or a digit but not a list number (`1.`), its later
 *   lines with a letter, a digit or `@` (the line rules of claim bodies: validate/plain-blocks.ts; the
 *   `[` those also allow is excluded by CHARACTERS);
 * - a heading is `#` to `######`, one space, then text that does not end in `#`.
 * Anything else is left to remark (blocks.ts). A property test checks that both give the same blocks.
 */
import { BLANK, FIRST_LINE, LATER_LINE, LIST_NUMBER } from '../validate/plain-blocks.js';
import type { Block } from './blocks.js';

/** Characters that may be markdown syntax inside a line: emphasis, code, links, images, escapes, entities, HTML, autolinks. */
const CHARACTERS = /[*_`[\]\\<>&\r\u0000-\u0008\u000b-\u001f\u007f]/;
const HEADING = /^(#{1,6}) (?=\S)(.*[^#\s])$/;

/** A block over `[start, end)` of the article: its text is that slice, each character mapped to its own offset. */
function block(kind: Block['kind'], source: string, start: number, end: number): Block {
  const map = Array.from({ length: end - start + 1 }, (_, i) => start + i);
  return { kind, text: source.slice(start, end), map };
}

/** The blocks of an article (frontmatter already masked) in document order, or null when remark must read it. */
export function plainArticleBlocks(source: string): Block[] | null {
  if (CHARACTERS.test(source)) return null;
  const out: Block[] = [];
  let open: { start: number; end: number } | null = null;
  const close = () => {
    if (open) out.push(block('paragraph', source, open.start, open.end));
    open = null;
  };
  for (let at = 0; at <= source.length; ) {
    let end = source.indexOf('\n', at);
    if (end < 0) end = source.length;
    const line = source.slice(at, end);
    if (BLANK.test(line)) close();
    else if (/\s$/.test(line)) return null;
    else if (line.startsWith('#')) {
      const heading = HEADING.exec(line);
      if (!heading) return null;
      close();
      const start = at + heading[1]!.length + 1;
      out.push(block('heading', source, start, end));
    } else if (LIST_NUMBER.test(line)) return null; // a list, or a paragraph line remark might read as one
    else if (open && LATER_LINE.test(line)) open.end = end;
    else if (!open && FIRST_LINE.test(line)) open = { start: at, end };
    else return null;
    at = end + 1;
  }
  close();
  return out;
}
