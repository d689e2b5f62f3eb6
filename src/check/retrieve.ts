/**
 * Step 3a of check: candidate claims for a sentence, from the same MiniSearch index as `claimkb
 * search` (claim text, body, appearance and evidence quotes, topics) with the same field boosts.
 */
import type MiniSearch from 'minisearch';
import { cmp } from '../diagnostics.js';
import { QUERY_OPTIONS, type SearchDoc } from '../index/options.js';
import { queryTerms } from '../search/search.js';
import { STOP_WORDS, stem, words } from './terms.js';

/** At most this many candidates per sentence are taken from the index and scored. */
export const CANDIDATES = 8;

/**
 * The query options: search's boosts and prefix matching, without fuzzy matching (each query term is
 * already cut to its stem, and prefix matching meets the other word forms).
 */
export const RETRIEVAL_OPTIONS = { ...QUERY_OPTIONS, fuzzy: false } as const;

/** The query for a sentence: its content words, each cut to the part it shares with its stem. */
export function retrievalQuery(text: string): string {
  const out = new Set<string>();
  for (const w of words(text)) {
    if (STOP_WORDS.has(w) || (w.length < 2 && !/\d/.test(w))) continue;
    const s = stem(w);
    let i = 0;
    while (i < s.length && s[i] === w[i]) i++;
    out.add(i >= 3 ? w.slice(0, i) : w);
  }
  return queryTerms([...out].join(' ')).terms.join(' ');
}

/** The ids of the best candidate claims for a sentence, best first (ties by id). */
export function retrieve(index: MiniSearch<SearchDoc>, text: string, limit = CANDIDATES): string[] {
  const query = retrievalQuery(text);
  if (!query) return [];
  const results = index.search(query, RETRIEVAL_OPTIONS);
  results.sort((a, b) => b.score - a.score || cmp(String(a.id), String(b.id)));
  return results.slice(0, limit).map((r) => String(r.id));
}
