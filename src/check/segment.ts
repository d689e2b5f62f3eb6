/**
 * Step 1 of check: the sentences of an article with exact positions. Blocks come from blocks.ts;
 * within a block, Intl.Segmenter finds sentence candidates, which are then merged where its rules
 * break too eagerly: after abbreviations (Dr., e.g., U.S., Feb.), initials, ellipses, and before a
 * lowercase continuation ("Is it?" he asked). Decimals such as 2.5 never break.
 */
import { LineIndex } from '../text.js';
import { articleBlocks, type ArticleFormat, type Block, type BlockKind } from './blocks.js';

/** A position in the article: 1-based line and column (UTF-16 units) and the 0-based offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** One sentence of the article. `end` is exclusive (the position just after its last character). */
export interface Sentence {
  /** The sentence's plain text, markup removed and whitespace collapsed. */
  text: string;
  start: Point;
  end: Point;
  /** The block the sentence belongs to. */
  kind: BlockKind;
}

/** Abbreviations after which a period does not end a sentence (compared case-sensitively, without the period). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  ('Dr Mr Mrs Ms Mx Prof Sr Jr St Mt Gen Col Lt Sgt Capt Cmdr Sen Rep Gov Pres Rev Hon Fr Messrs vs cf al approx ca ' +
    'No Nos no nos Fig Figs fig figs Vol vol pp p Inc Ltd Corp Co Bros Dept Univ Ave Blvd est ' +
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun').split(' '),
);

/** A line shorter than this fraction of a block's longest line shows the block is not hard-wrapped prose. */
export const WRAP_RATIO = 0.6;

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/** True when `text` (a sentence candidate) ends in a way that does not close a sentence. */
export function endsWithoutClosing(text: string): boolean {
  const t = text.trimEnd();
  if (/(?:\.\.\.|…)["'”’)\]]*$/.test(t)) return true;
  const m = /(?:^|[\s(["'“‘])([\p{L}.]+)\.$/u.exec(t);
  if (!m) return false;
  const word = m[1]!;
  if (ABBREVIATIONS.has(word)) return true;
  return (/^\p{Lu}$/u.test(word) && word !== 'I') || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/** True when `text` starts like the continuation of a sentence (a lowercase letter after any opening marks). */
export function startsAsContinuation(text: string): boolean {
  return /^[\s"'“‘(\[«—–-]*\p{Ll}/u.test(text);
}

/** Whether a block is hard-wrapped prose (line breaks are layout) rather than one item per line. */
function isWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return true;
  const lengths = lines.map((l) => l.trim().length);
  const longest = Math.max(...lengths);
  if (longest < 40) return false;
  return lengths.slice(0, -1).every((n) => n >= WRAP_RATIO * longest);
}

/** Splits a block's text into pieces at line breaks that separate lines (titles, datelines), as [start, end) ranges. */
function pieces(text: string): Array<[number, number]> {
  const lines = text.split('\n');
  if (isWrapped(lines)) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  let at = 0;
  for (const [i, line] of lines.entries()) {
    const last = out[out.length - 1];
    const joins = last && (/[,;(\-–—&]\s*$/.test(lines[i - 1]!) || startsAsContinuation(line));
    if (joins) last[1] = at + line.length;
    else out.push([at, at + line.length]);
    at += line.length + 1;
  }
  return out;
}

/** How much of a merged candidate's end decides whether it closes a sentence (an abbreviation or initials are short). */
const TAIL_CHARS = 80;

/**
 * The last TAIL_CHARS characters of text[start, end), so that testing a growing merged candidate stays linear;
 * a cut inside a word is marked with U+0000 so that the word's remainder is not read as a whole word.
 */
function tail(text: string, start: number, end: number): string {
  const from = Math.max(start, end - TAIL_CHARS);
  return (from > start && !/\s/.test(text[from - 1]!) ? '\u0000' : '') + text.slice(from, end);
}

/** Intl.Segmenter takes quadratic time on long strings, so it is given windows of at most this many characters. */
export const SEGMENT_WINDOW = 2000;

/** Intl.Segmenter's sentence segments of `flat` as [start, end), found window by window (linear time). */
function* segments(flat: string): Generator<[number, number]> {
  for (let pos = 0; pos < flat.length; ) {
    const end = Math.min(flat.length, pos + SEGMENT_WINDOW);
    const found = [...SEGMENTER.segment(flat.slice(pos, end))].map((g) => [pos + g.index, pos + g.index + g.segment.length] as [number, number]);
    const keep = end === flat.length || found.length === 1 ? found : found.slice(0, -1); // the last one may go on
    yield* keep;
    pos = keep[keep.length - 1]![1];
  }
}

/** Sentence ranges [start, end) within `text[from, to)`, after merging over-eager breaks (line breaks count as spaces). */
export function sentenceRanges(text: string, from = 0, to = text.length): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [s, e] of segments(text.slice(from, to).replace(/[\r\n]/g, ' '))) {
    const [start, end] = [from + s, from + e];
    const last = merged[merged.length - 1];
    if (last && (endsWithoutClosing(tail(text, last[0], last[1])) || startsAsContinuation(text.slice(start, Math.min(end, start + TAIL_CHARS))))) last[1] = end;
    else merged.push([start, end]);
  }
  return merged;
}

/** Trims a range to its non-space content; null when nothing with a letter or digit remains. */
function trimRange(text: string, [s, e]: [number, number]): [number, number] | null {
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return /[\p{L}\p{N}]/u.test(text.slice(s, e)) ? [s, e] : null;
}

function point(lines: LineIndex, offset: number): Point {
  return { ...lines.position(offset), offset };
}

/** The sentences of one block. */
function blockSentences(block: Block, lines: LineIndex): Sentence[] {
  const out: Sentence[] = [];
  for (const [from, to] of pieces(block.text)) {
    for (const range of sentenceRanges(block.text, from, to)) {
      const r = trimRange(block.text, range);
      if (!r) continue;
      const text = block.text.slice(r[0], r[1]).replace(/\s+/g, ' ');
      const start = block.map[r[0]]!;
      const end = block.map[r[1] - 1]! + 1;
      out.push({ text, start: point(lines, start), end: point(lines, end), kind: block.kind });
    }
  }
  return out;
}

/** Splits an article into sentences with exact positions. A leading byte-order mark counts as offset 0. */
export function segmentArticle(source: string, format: ArticleFormat = 'markdown'): Sentence[] {
  const lines = new LineIndex(source);
  return articleBlocks(source, format).flatMap((b) => blockSentences(b, lines));
}
