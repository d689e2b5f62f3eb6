/**
 * Claim bodies: parsed with remark (or, for plain prose, split into paragraphs without it: see
 * plain-blocks.ts) to find paragraphs, their inline citations, and factual paragraphs that cite nothing
 * (rule `uncited-paragraph`).
 */
import type { RootContent } from 'mdast';
import { parseMarkdown } from '../markdown.js';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { Citation } from '../model.js';
import { LineIndex } from '../text.js';
import { findCitations, statesFacts } from './citations.js';
import { BODY_LIMITS, checkMarkdownLimits } from './markdown-limits.js';
import { plainParagraphs, type BodyBlock } from './plain-blocks.js';

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

/** The paragraphs, headings and table cells of a body as remark parses it, in document order, skipping code blocks (no recursion). */
export function remarkBlocks(body: string): BodyBlock[] {
  const out: BodyBlock[] = [];
  const stack: RootContent[] = [...parseMarkdown(body).children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) out.push({ type: node.type, start, end });
    } else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
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
  const citations: Citation[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { type, start, end } of plainParagraphs(body) ?? remarkBlocks(body)) {
    const raw = blankCode(body.slice(start, end));
    const hits = findCitations(raw);
    for (const hit of hits) citations.push({ id: hit.id, ...toFile(bodyStart, lines.position(start + hit.offset)) });
    if (hits.length === 0 && type === 'paragraph' && statesFacts(raw)) {
      const at = toFile(bodyStart, lines.position(start));
      diagnostics.push(
        diagnostic(file, 'uncited-paragraph', 'warning', 'paragraph states facts but cites no source; add [@source-id]', at),
      );
    }
  }
  return { citations, diagnostics };
}
