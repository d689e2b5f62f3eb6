/**
 * Claim bodies: parsed with remark to find paragraphs, their inline citations, and factual
 * paragraphs that cite nothing (rule `uncited-paragraph`).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { Citation } from '../model.js';
import { LineIndex } from '../text.js';
import { findCitations, statesFacts } from './citations.js';
import { BODY_LIMITS, checkMarkdownLimits } from './markdown-limits.js';

const parser = unified().use(remarkParse);

/** Citations and diagnostics of one claim body. */
export interface BodyAnalysis {
  citations: Citation[];
  diagnostics: Diagnostic[];
}

/** Converts a position inside the body into a position in the file. */
function toFile(bodyStart: Position, p: Position): Position {
  return p.line === 1
    ? { line: bodyStart.line, column: bodyStart.column + p.column - 1 }
    : { line: bodyStart.line + p.line - 1, column: p.column };
}

/** Blanks out inline code spans so that `[@x]` inside code is not a citation; keeps offsets. */
function blankCode(raw: string): string {
  return raw.replace(/(`+)[\s\S]*?\1/g, (m) => ' '.repeat(m.length));
}

/** Collects the paragraphs and headings of a tree in document order, skipping code blocks (no recursion). */
function textBlocks(tree: Root): RootContent[] {
  const out: RootContent[] = [];
  const stack: RootContent[] = [...tree.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') out.push(node);
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
  }
  return out;
}

/** Finds the citations of a claim body and warns about factual paragraphs that cite nothing. */
export function analyzeBody(body: string, bodyStart: Position, file: string): BodyAnalysis {
  const lines = new LineIndex(body);
  const over = checkMarkdownLimits(body, BODY_LIMITS);
  if (over) {
    const msg = `the body ${over.message}; it was not parsed, so its citations were not checked`;
    return { citations: [], diagnostics: [diagnostic(file, 'body-too-complex', 'error', msg, toFile(bodyStart, lines.position(over.offset)))] };
  }
  const tree = parser.parse(body);
  const citations: Citation[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const block of textBlocks(tree)) {
    const start = block.position?.start.offset;
    const end = block.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const raw = blankCode(body.slice(start, end));
    const hits = findCitations(raw);
    for (const hit of hits) citations.push({ id: hit.id, ...toFile(bodyStart, lines.position(start + hit.offset)) });
    if (hits.length === 0 && block.type === 'paragraph' && statesFacts(raw)) {
      const at = toFile(bodyStart, lines.position(start));
      diagnostics.push(
        diagnostic(file, 'uncited-paragraph', 'warning', 'paragraph states facts but cites no source; add [@source-id]', at),
      );
    }
  }
  return { citations, diagnostics };
}
