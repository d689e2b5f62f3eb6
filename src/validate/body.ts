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

/** Collects the paragraphs and headings of a tree, skipping code blocks. */
function textBlocks(tree: Root): RootContent[] {
  const out: RootContent[] = [];
  const visit = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') out.push(node);
      else if ('children' in node) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  return out;
}

/** Finds the citations of a claim body and warns about factual paragraphs that cite nothing. */
export function analyzeBody(body: string, bodyStart: Position, file: string): BodyAnalysis {
  const tree = parser.parse(body);
  const lines = new LineIndex(body);
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
