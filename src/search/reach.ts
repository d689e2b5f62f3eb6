/**
 * Which of an index's terms a query reaches, as MiniSearch's executeQuery finds them with QUERY_OPTIONS:
 * each query term (tokenized and processed as MiniSearch does) itself, the terms it prefixes (when
 * `prefix` holds for it), and the terms within its fuzzy edit distance (Levenshtein, when `fuzzy` holds).
 * Over the sorted term list: prefixes by binary search, edit distances with a banded dynamic program on
 * the terms of a fitting length. A test checks the result against MiniSearch itself.
 */
import MiniSearch from 'minisearch';
import { MINISEARCH_OPTIONS, QUERY_OPTIONS } from '../index/options.js';
import { lowerBound } from '../sorted.js';

/** MiniSearch's default `maxFuzzy` (the largest edit distance of a fuzzy match), used when the query options set none. */
export const MINISEARCH_MAX_FUZZY = 6;

type QueryOption = boolean | number | ((term: string, i: number, terms: string[]) => boolean | number);
const tokenize = (MINISEARCH_OPTIONS.tokenize ?? MiniSearch.getDefault('tokenize')) as (text: string) => string[];
const processTerm = (MINISEARCH_OPTIONS.processTerm ?? MiniSearch.getDefault('processTerm')) as (term: string) => string | string[] | null | undefined | false;

/** A query term with how it matches: by prefix, and within which edit distance (0: not fuzzy). */
export interface TermSpec {
  term: string;
  prefix: boolean;
  distance: number;
}

/** The query's terms and how each matches, as MiniSearch's termToQuerySpec and executeQuerySpec decide. */
export function termSpecs(query: string): TermSpec[] {
  const terms = tokenize(query).flatMap((t) => processTerm(t) || []).filter((t): t is string => !!t);
  return terms.map((term, i) => {
    const p = QUERY_OPTIONS.prefix as QueryOption | undefined;
    const z = QUERY_OPTIONS.fuzzy as QueryOption | undefined;
    const fuzzy = typeof z === 'function' ? z(term, i, terms) : z || false;
    const f = fuzzy === true ? 0.2 : Number(fuzzy);
    const distance = !fuzzy ? 0 : f < 1 ? Math.min(QUERY_OPTIONS.maxFuzzy ?? MINISEARCH_MAX_FUZZY, Math.round(term.length * f)) : f;
    return { term, prefix: Boolean(typeof p === 'function' ? p(term, i, terms) : p === true), distance };
  });
}

/**
 * True when the Levenshtein distance between `a` and `b` is at most `max`. Only the band of cells within
 * `max` of the diagonal is computed (a path through a cell outside it costs more than `max`), values are
 * capped at `max + 1`, and rows stop once every cell is past `max`. A search runs this on thousands of
 * words in a process too short for V8 to optimize it, so the work per word is what counts.
 */
export function withinDistance(a: string, b: string, max: number, row: Int32Array = new Int32Array(b.length + 1)): boolean {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return false;
  const over = max + 1;
  for (let j = 0; j <= n; j++) row[j] = j <= max ? j : over; // right of every band so far: never computed, so over
  for (let i = 1; i <= m; i++) {
    const from = i - max > 1 ? i - max : 1;
    const to = i + max < n ? i + max : n;
    let diagonal = row[from - 1]!;
    let left = from === 1 && i <= max ? i : over; // the cell left of the band: column 0, or outside the band
    row[from - 1] = left;
    let best = left;
    const c = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const above = row[j]!;
      let cell = diagonal + (c === b.charCodeAt(j - 1) ? 0 : 1);
      if (above + 1 < cell) cell = above + 1;
      if (left + 1 < cell) cell = left + 1;
      if (cell > over) cell = over;
      row[j] = left = cell;
      diagonal = above;
      if (cell < best) best = cell;
    }
    if (best > max) return false;
  }
  return row[n]! <= max;
}

/** The positions in `words` (sorted by code units, distinct) that the query reaches, ascending. */
export function reachedTerms(words: readonly string[], query: string): number[] {
  const reached = new Set<number>();
  for (const { term, prefix, distance } of termSpecs(query)) {
    const at = lowerBound(words, term);
    if (words[at] === term) reached.add(at);
    if (prefix) for (let i = at; i < words.length && words[i]!.startsWith(term); i++) reached.add(i);
    if (distance === 0) continue;
    const row = new Int32Array(term.length + 1);
    words.forEach((w, i) => {
      if (Math.abs(w.length - term.length) <= distance && withinDistance(w, term, distance, row)) reached.add(i);
    });
  }
  return [...reached].sort((a, b) => a - b);
}
