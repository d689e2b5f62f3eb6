/**
 * Limits that keep markdown parsing bounded. remark (micromark) is superlinear on some inputs: deep
 * container nesting (`- - - … x`, `> > > … x`, indented staircases), long runs of emphasis and bracket
 * delimiters (`*`×n, `[`×n), and paragraphs of many lines that are all setext-underline or definition
 * candidates (`=` lines). A single linear scan measures each of these before remark runs; text over a
 * limit is refused (claim bodies) or read as plain text (check's articles), never parsed.
 * A "block" here is a run of non-blank lines: a paragraph never spans a blank line, so this is an
 * over-approximation of remark's paragraphs, which only makes the limits stricter.
 */

/** The limits of one kind of markdown text. */
export interface MarkdownLimits {
  /** Longest text, in characters. */
  maxChars: number;
  /** Deepest nesting of a line: one level per `>` or list marker at its start, and per 2 columns of indentation. */
  maxDepth: number;
  /** Most lines in one block (a run of non-blank lines). */
  maxBlockLines: number;
  /** Most delimiter characters (`*`, `_`, `[`, `]`) in one block. */
  maxBlockMarkup: number;
  /** Most delimiter characters in the whole text. */
  maxMarkup: number;
  /**
   * Bound on (block starts × text length). remark rewrites its whole event list for every list item,
   * block-quote start, lazy line and setext underline, so n of them in a text of length L cost about
   * n × L; a text may have at most floor(maxBlockWork / L) such lines.
   */
  maxBlockWork: number;
}

/** Limits of a claim body: analysis prose, a few KiB in practice. */
export const BODY_LIMITS: MarkdownLimits = { maxChars: 64 * 1024, maxDepth: 32, maxBlockLines: 500, maxBlockMarkup: 1000, maxMarkup: 4000, maxBlockWork: 10_000_000 };

/** A limit that was exceeded: where (offset into the text) and what to say. */
export interface LimitExceeded {
  offset: number;
  message: string;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const isDelimiter = (c: number): boolean => c === 42 || c === 95 || c === 91 || c === 93; // * _ [ ]

/** How many container markers the line starting at `i` opens, and the offset where it nests deeper than `max` (or -1). */
function lineDepth(text: string, i: number, max: number): { markers: number; over: number } {
  let columns = 0;
  let p = i;
  for (; text[p] === ' ' || text[p] === '\t'; p++) columns += text[p] === '\t' ? 4 - (columns % 4) : 1;
  let depth = columns >> 1;
  if (depth > max) return { markers: 0, over: p };
  for (let markers = 0; ; markers++) {
    while (text[p] === ' ' || text[p] === '\t') p++;
    const marker = markerLength(text, p);
    if (marker === 0) return { markers, over: -1 };
    if (++depth > max) return { markers, over: p };
    p += marker;
  }
}

/** Length of a container marker at `p` (`>`, or a list marker followed by a space or line end), else 0. */
function markerLength(text: string, p: number): number {
  const c = text[p];
  if (c === '>') return 1;
  let q = p;
  if (c === '-' || c === '*' || c === '+') q++;
  else {
    while (q - p < 9 && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
    if (q === p || (text[q] !== '.' && text[q] !== ')')) return 0;
    q++;
  }
  const next = text[q];
  return next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r' ? q - p : 0;
}

const SETEXT_UNDERLINE = /^[ \t]{0,3}(?:=+|-+)[ \t]*$/;

/** What the scan needs to know about one line. */
interface LineInfo {
  end: number;
  blank: boolean;
  markup: number;
}

function scanLine(text: string, i: number): LineInfo {
  let end = i;
  let markup = 0;
  let blank = true;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end); // code units, not one-character strings: this runs over every body
    if (c === 10 || c === 13) break; // \n \r
    if (isDelimiter(c)) markup++;
    if (c !== 32 && c !== 9) blank = false;
  }
  return { end, blank, markup };
}

/** Checks `text` against `limits` in one pass; returns the first limit exceeded, or null. */
export function checkMarkdownLimits(text: string, limits: MarkdownLimits): LimitExceeded | null {
  if (text.length > limits.maxChars) {
    return { offset: 0, message: `is ${fmt(text.length)} characters long; the limit is ${fmt(limits.maxChars)}` };
  }
  const maxStarts = Math.floor(limits.maxBlockWork / Math.max(text.length, 1));
  let [total, starts, blockLines, blockMarkup, previousMarkers] = [0, 0, 0, 0, 0];
  for (let i = 0; i < text.length; ) {
    const line = scanLine(text, i);
    let markers = 0;
    if (line.blank) [blockLines, blockMarkup] = [0, 0];
    else {
      const depth = lineDepth(text, i, limits.maxDepth);
      if (depth.over >= 0) return { offset: depth.over, message: `nests more than ${limits.maxDepth} levels deep here (lists, block quotes or indentation)` };
      markers = depth.markers;
      if (++blockLines > limits.maxBlockLines) return { offset: i, message: `has a paragraph of more than ${fmt(limits.maxBlockLines)} lines without a blank line` };
      [blockMarkup, total] = [blockMarkup + line.markup, total + line.markup];
      if (blockMarkup > limits.maxBlockMarkup) return { offset: i, message: `has more than ${fmt(limits.maxBlockMarkup)} markup characters (* _ [ ]) in one paragraph` };
      if (total > limits.maxMarkup) return { offset: i, message: `has more than ${fmt(limits.maxMarkup)} markup characters (* _ [ ]) in all` };
      starts += markers + (previousMarkers > 0 && markers === 0 ? 1 : 0) + (SETEXT_UNDERLINE.test(text.slice(i, Math.min(line.end, i + 80))) ? 1 : 0);
      if (starts > maxStarts) {
        const message = `has more than ${fmt(maxStarts)} list items, block quotes, lazy lines and underlined headings, the most a text of ${fmt(text.length)} characters may have`;
        return { offset: i, message };
      }
    }
    previousMarkers = markers;
    i = line.end + (text[line.end] === '\r' && text[line.end + 1] === '\n' ? 2 : 1);
  }
  return null;
}
