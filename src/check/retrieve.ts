/**
 * Step 3a of check: candidate claims for a sentence, from the postings of the search index (the
 * claim sentence and the appearance and evidence quotes; postings.ts). The sentence is tokenized as
 * the index was (MiniSearch's tokenizer and processTerm); each content word also meets the indexed
 * words that share its stem's beginning ("published" meets "publish", "publication"). A claim's
 * retrieval score is the sum, over the sentence's words it contains, of ln(1 + N / df).
 */
import { cmp } from '../diagnostics.js';
import { MAX_QUERY_TERMS, processTerm } from '../index/options.js';
import type { Postings } from './postings.js';
import { STOP_WORDS, stem } from './terms.js';

/** At most this many candidates per sentence are taken from the index and scored. */
export const CANDIDATES = 16;

/** A word meets at most this many indexed words through its stem's beginning. */
export const MAX_EXPANSIONS = 16;

/** A stem's beginning shorter than this is not expanded (too many words share it). */
export const MIN_PREFIX = 4;

/** MiniSearch's default tokenizer splits on runs of these (its SPACE_OR_PUNCTUATION). */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/**
 * MiniSearch's default tokenizer, written out so that check does not load minisearch (about 6 ms of a
 * cold process); a test checks it against `MiniSearch.getDefault('tokenize')`.
 */
export function tokenize(text: string): string[] {
  return text.split(SPACE_OR_PUNCTUATION);
}

/** The query words of a sentence: tokenized and processed as the index was, stop words dropped, at most MAX_QUERY_TERMS. */
export function queryWords(text: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    const t = processTerm(token);
    if (t && !STOP_WORDS.has(t) && (t.length > 1 || /\d/.test(t))) out.add(t);
    if (out.size >= MAX_QUERY_TERMS) break;
  }
  return [...out];
}

/** The indexed words a query word meets: itself, and the words starting with the part it shares with its stem. */
export function variants(postings: Postings, word: string): string[] {
  const s = stem(word);
  let i = 0;
  while (i < s.length && s[i] === word[i]) i++;
  const out = postings.has(word) ? [word] : [];
  if (i >= MIN_PREFIX) for (const t of postings.withPrefix(word.slice(0, i), MAX_EXPANSIONS)) if (t !== word) out.push(t);
  return out;
}

/** Reusable per-run buffers, so a long article allocates once. */
export class Scratch {
  readonly score: Float64Array;
  readonly stamp: Int32Array;
  readonly touched: number[] = [];
  private tick = 0;
  constructor(size: number) {
    this.score = new Float64Array(size);
    this.stamp = new Int32Array(size);
  }
  /** A new mark for "already counted for this word". */
  next(): number {
    return ++this.tick;
  }
}

/** Adds `weight` to every claim holding one of `terms`, once per claim. */
function accumulate(postings: Postings, terms: string[], weight: number, scratch: Scratch): void {
  const mark = scratch.next();
  for (const t of terms) {
    for (const d of postings.docs(t)) {
      if (scratch.stamp[d] === mark) continue;
      scratch.stamp[d] = mark;
      if (scratch.score[d] === 0) scratch.touched.push(d);
      scratch.score[d] = scratch.score[d]! + weight;
    }
  }
}

/** True when (doc a, score sa) ranks before (doc b, score sb): higher score, then smaller id. */
function before(sa: number, a: number, sb: number, b: number, ids: readonly string[]): boolean {
  return sa > sb || (sa === sb && cmp(ids[a]!, ids[b]!) < 0);
}

/** Inserts [doc, score] into `top` (best first), keeping at most `limit` entries. */
function insertTop(top: Array<[number, number]>, doc: number, score: number, limit: number, ids: readonly string[]): void {
  const full = top.length === limit;
  if (full) {
    const last = top[limit - 1]!;
    if (score < last[1] || !before(score, doc, last[1], last[0], ids)) return;
  }
  let i = full ? limit - 1 : top.length;
  if (!full) top.push([doc, score]);
  while (i > 0 && before(score, doc, top[i - 1]![1], top[i - 1]![0], ids)) {
    top[i] = top[i - 1]!;
    i--;
  }
  top[i] = [doc, score];
}

/** The ids of the best candidate claims for a sentence, best first (ties by id). */
export function retrieve(postings: Postings, text: string, scratch: Scratch, limit = CANDIDATES): string[] {
  const n = postings.size;
  for (const word of queryWords(text)) {
    const terms = variants(postings, word);
    if (terms.length === 0) continue;
    const df = Math.max(...terms.map((t) => postings.docs(t).length));
    accumulate(postings, terms, Math.log(1 + n / df), scratch);
  }
  const top: Array<[number, number]> = [];
  let floor = -Infinity; // the last kept score once `top` is full: a lower score cannot enter (insertTop's first test, inlined)
  for (const d of scratch.touched) {
    const score = scratch.score[d]!;
    scratch.score[d] = 0;
    if (score < floor) continue;
    insertTop(top, d, score, limit, postings.ids);
    if (top.length === limit) floor = top[limit - 1]![1];
  }
  scratch.touched.length = 0;
  return top.map(([d]) => postings.ids[d]!);
}
