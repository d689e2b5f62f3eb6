/**
 * Step 1a of check: the text blocks of an article, each as plain text with a map from every plain
 * character back to its offset in the article. Markdown is parsed with remark (headings, paragraphs,
 * list items and block quotes count; code and HTML are skipped), unless it is only plain paragraphs and
 * headings (plain-article.ts); plain text is split at blank lines.
 */
import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from '../markdown.js';
import { BODY_LIMITS, checkMarkdownLimits, type LimitExceeded, type MarkdownLimits } from '../validate/markdown-limits.js';
import { plainArticleBlocks } from './plain-article.js';

/** Limits of an article read as markdown (markdown-limits.ts); an article over them is read as plain text. */
export const ARTICLE_LIMITS: MarkdownLimits = { ...BODY_LIMITS, maxChars: 512 * 1024, maxMarkup: 20_000 };
/** How far ahead of a node's text the article is searched for each character (escapes, entities, line prefixes). */
const ALIGN_WINDOW = 256;

/** Where a block sits in the document structure. */
export type BlockKind = 'heading' | 'paragraph' | 'list' | 'blockquote';

/** A block's plain text; `map[i]` is the article offset of `text[i]` (one extra entry for the end). */
export interface Block {
  kind: BlockKind;
  text: string;
  map: number[];
}

/** How the article is read. */
export type ArticleFormat = 'markdown' | 'text';

interface Builder {
  text: string;
  map: number[];
}

/** Appends `value` (a node's text) aligned greedily against the article slice it came from. */
function appendAligned(b: Builder, value: string, source: string, start: number, end: number): void {
  let j = start;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    let k = j;
    const stop = Math.min(end, j + ALIGN_WINDOW); // bounded: a character absent from the source costs no full scan
    while (k < stop && source[k] !== ch) k++;
    if (k === stop) k = end;
    const at = k < end ? k : Math.min(j, end);
    b.text += ch;
    b.map.push(at);
    if (k < end) j = k + 1;
  }
}

/** Collects the inline text of a phrasing node (links and emphasis kept, images and HTML dropped). */
function collectInline(node: Nodes, source: string, b: Builder): void {
  const pos = node.position;
  if (node.type === 'text' || node.type === 'inlineCode') {
    if (pos?.start.offset !== undefined && pos.end.offset !== undefined) appendAligned(b, node.value, source, pos.start.offset, pos.end.offset);
    return;
  }
  if (node.type === 'break') {
    b.text += '\n';
    b.map.push(pos?.start.offset ?? b.map[b.map.length - 1] ?? 0);
    return;
  }
  if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference' || node.type === 'footnoteReference') return;
  if ('children' in node) for (const child of node.children as Nodes[]) collectInline(child, source, b);
}

function finish(kind: BlockKind, b: Builder, end: number): Block {
  return { kind, text: b.text, map: [...b.map, end] };
}

/** Walks block nodes, emitting one block per paragraph or heading; `inside` is the nearest container. */
function walk(node: Nodes, source: string, inside: BlockKind, out: Block[]): void {
  if (node.type === 'code' || node.type === 'html' || node.type === 'yaml' || node.type === 'definition') return;
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    const b: Builder = { text: '', map: [] };
    collectInline(node, source, b);
    const kind: BlockKind = node.type === 'heading' ? 'heading' : inside;
    if (b.text.trim()) out.push(finish(kind, b, (b.map[b.map.length - 1] ?? 0) + 1));
    return;
  }
  const next: BlockKind = node.type === 'blockquote' ? 'blockquote' : node.type === 'listItem' ? 'list' : inside;
  if ('children' in node) for (const child of node.children as Nodes[]) walk(child, source, next, out);
}

/** Blanks a leading YAML frontmatter block (keeping offsets), so it is not read as text. */
export function maskFrontmatter(source: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  return m ? m[0].replace(/[^\n]/g, ' ') + source.slice(m[0].length) : source;
}

/** The blocks of a markdown article, in document order, as remark reads them. */
export function markdownBlocks(source: string): Block[] {
  const tree: Root = parseMarkdown(maskFrontmatter(source));
  const out: Block[] = [];
  for (const child of tree.children) walk(child as Nodes, source, 'paragraph', out);
  return out;
}

/** The blocks of a plain-text article: runs of non-blank lines. */
export function textBlocks(source: string): Block[] {
  const out: Block[] = [];
  const re = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const map = Array.from({ length: m[0].length + 1 }, (_, i) => m!.index + i);
    out.push({ kind: 'paragraph', text: m[0], map });
  }
  return out;
}

/** Why a markdown article must be read as plain text (over ARTICLE_LIMITS), or null. */
export function markdownLimitExceeded(source: string): LimitExceeded | null {
  return checkMarkdownLimits(source, ARTICLE_LIMITS);
}

/** The blocks of an article in the given format; markdown over ARTICLE_LIMITS is read as plain text. */
export function articleBlocks(source: string, format: ArticleFormat): Block[] {
  if (format !== 'markdown' || markdownLimitExceeded(source)) return textBlocks(source);
  return plainArticleBlocks(maskFrontmatter(source)) ?? markdownBlocks(source);
}

