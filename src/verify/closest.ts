/**
 * The closest passage of a source to a quote that was not found, for the hint of a `quote-not-found`
 * error. Linear in the source and the quote: one sliding window, as wide as the quote has words, over
 * the source's words, scored by how many words it shares with the quote (multiset overlap).
 */
import type { NormalizedText } from './normalize.js';

/** The longest hint passage, in characters of the original text (it is cut at a word boundary). */
export const MAX_HINT_CHARS = 200;

/** A passage of the original text: [start, end) and its text, `text.slice(start, end)`. */
export interface Passage {
  start: number;
  end: number;
  text: string;
}

/** A source's words as ids into its vocabulary, with their [start, end) in the normalized text. */
interface SourceWords {
  vocabulary: Map<string, number>;
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

/** A word: a run of letters, digits and combining marks. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const cache = new WeakMap<NormalizedText, SourceWords>();

/** Tokenizes a normalized source once (cached for further misses against it). */
function sourceWords(norm: NormalizedText): SourceWords {
  const cached = cache.get(norm);
  if (cached) return cached;
  const vocabulary = new Map<string, number>();
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(norm.text); m; m = WORD.exec(norm.text)) {
    let id = vocabulary.get(m[0]);
    if (id === undefined) vocabulary.set(m[0], (id = vocabulary.size));
    ids.push(id);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const words = { vocabulary, ids: Int32Array.from(ids), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
  cache.set(norm, words);
  return words;
}

/** How many times each vocabulary word occurs in the quote, and the quote's word count. */
function quoteNeeds(nq: string, vocabulary: Map<string, number>): { need: Int32Array; words: number } {
  const need = new Int32Array(vocabulary.size);
  let words = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(nq); m; m = WORD.exec(nq)) {
    words++;
    const id = vocabulary.get(m[0]);
    if (id !== undefined) need[id]!++;
  }
  return { need, words };
}

/** Start of the first window of `size` words with the largest overlap with `need`; -1 if none shares. */
function bestWindow(ids: Int32Array, need: Int32Array, size: number): number {
  const count = new Int32Array(need.length);
  let overlap = 0;
  let best = 0;
  let bestAt = -1;
  for (let i = 0; i < ids.length; i++) {
    const add = ids[i]!;
    if (count[add]!++ < need[add]!) overlap++;
    if (i >= size) {
      const drop = ids[i - size]!;
      if (--count[drop]! < need[drop]!) overlap--;
    }
    if (i >= size - 1 && overlap > best) {
      best = overlap;
      bestAt = i - size + 1;
    }
  }
  return bestAt;
}

/**
 * The passage of `text` (normalized as `norm`) sharing the most words with the normalized quote `nq`,
 * trimmed to shared words at both edges and to at most MAX_HINT_CHARS; null if no word is shared.
 */
export function closestPassage(text: string, norm: NormalizedText, nq: string): Passage | null {
  const src = sourceWords(norm);
  const { need, words } = quoteNeeds(nq, src.vocabulary);
  const size = Math.min(words, src.ids.length);
  const at = size > 0 ? bestWindow(src.ids, need, size) : -1;
  if (at < 0) return null;
  const shared = (w: number): boolean => need[src.ids[w]!]! > 0;
  let first = at;
  let last = at + size - 1;
  while (!shared(first)) first++;
  while (!shared(last)) last--;
  const start = norm.map.start(src.starts[first]!);
  const endOf = (w: number): number => norm.map.end(src.ends[w]! - 1);
  let stop = first;
  while (stop < last && endOf(stop + 1) - start <= MAX_HINT_CHARS) stop++;
  const end = endOf(stop);
  return { start, end, text: text.slice(start, end) };
}
