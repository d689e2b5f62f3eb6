/**
 * Ranked full-text search over the claim index, with filters. Hostile queries are bounded: at most
 * MAX_QUERY_TERMS terms of at most MAX_TERM_LENGTH characters, lone surrogates dropped.
 */
import MiniSearch from 'minisearch';
import { cmp } from '../diagnostics.js';
import { DEFAULT_LIMIT, MAX_QUERY_TERMS, MAX_TERM_LENGTH, QUERY_OPTIONS, type BestQuote, type SearchDoc } from '../index/options.js';

/** A hit from its id, score and stored fields. */
function toHit(id: string, score: number, s: Record<string, unknown>): SearchHit {
  return {
    id,
    score: Math.round(score * 1000) / 1000,
    claim: s.claim as string,
    verdict: s.verdict as string,
    flags: s.flags as string[],
    level: s.level as string,
    topics: String(s.topics ?? '').split(' ').filter(Boolean),
    sources: s.sources as string[],
    best: (s.best as BestQuote | null) ?? null,
  };
}

/** Filters: a hit must match every given kind, and any one value within a kind. */
export interface SearchFilters {
  verdict?: readonly string[];
  flag?: readonly string[];
  source?: readonly string[];
  topic?: readonly string[];
}

/** A query with its filters and limit. */
export interface SearchQuery extends SearchFilters {
  query: string;
  /** At most this many hits (default DEFAULT_LIMIT). */
  limit?: number;
}

/** One search hit: enough to print without the knowledge base. */
export interface SearchHit {
  id: string;
  score: number;
  claim: string;
  verdict: string;
  flags: string[];
  level: string;
  topics: string[];
  sources: string[];
  best: BestQuote | null;
}

/** The hits, how many matched before the limit, and notes about the query (e.g. terms dropped). */
export interface SearchOutcome {
  hits: SearchHit[];
  total: number;
  notes: string[];
}

/** Splits a query into at most MAX_QUERY_TERMS well-formed terms; says what it dropped. */
export function queryTerms(query: string): { terms: string[]; notes: string[] } {
  const clean = query.slice(0, MAX_QUERY_TERMS * (MAX_TERM_LENGTH + 1) * 4).replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) => {
    const code = c.charCodeAt(0);
    const pair = code < 0xdc00 ? /[\uDC00-\uDFFF]/.test(s[i + 1] ?? '') : /[\uD800-\uDBFF]/.test(s[i - 1] ?? '');
    return pair ? c : ' ';
  });
  const all = clean.split(/[\s\p{P}\p{S}]+/u).filter((t) => t.length > 0);
  const notes: string[] = [];
  if (all.length > MAX_QUERY_TERMS) notes.push(`only the first ${MAX_QUERY_TERMS} query terms were used`);
  if (all.some((t) => t.length > MAX_TERM_LENGTH)) notes.push(`terms longer than ${MAX_TERM_LENGTH} characters were cut`);
  return { terms: all.slice(0, MAX_QUERY_TERMS).map((t) => t.slice(0, MAX_TERM_LENGTH)), notes };
}

const anyOf = (wanted: readonly string[] | undefined, have: readonly string[]) => !wanted?.length || wanted.some((w) => have.includes(w));

function matchesFilters(doc: Record<string, unknown>, f: SearchFilters): boolean {
  return (
    anyOf(f.verdict, [doc.verdict as string]) &&
    anyOf(f.flag, doc.flags as string[]) &&
    anyOf(f.source, doc.sources as string[]) &&
    anyOf(f.topic, String(doc.topics ?? '').split(' '))
  );
}

/** True when the query has any filter. */
export function hasFilter(q: SearchFilters): boolean {
  return [q.verdict, q.flag, q.source, q.topic].some((f) => f && f.length > 0);
}

/**
 * Searches an index. An empty query with filters lists every claim that passes them. `storedOf` gives
 * a hit's stored fields when the index does not hold them (the index map loads them only for the hits shown).
 */
export function searchIndex(index: MiniSearch<SearchDoc>, q: SearchQuery, storedOf?: (id: string) => Record<string, unknown>): SearchOutcome {
  const { terms, notes } = queryTerms(q.query);
  if (terms.length === 0 && !hasFilter(q)) return { hits: [], total: 0, notes: [...notes, 'the query has no searchable terms'] };
  const query = terms.length === 0 ? MiniSearch.wildcard : terms.join(' ');
  const results = index.search(query, { ...QUERY_OPTIONS, filter: (r) => matchesFilters(r, q) });
  results.sort((a, b) => b.score - a.score || cmp(String(a.id), String(b.id)));
  const limit = q.limit ?? DEFAULT_LIMIT;
  const hits = results.slice(0, limit).map((r) => toHit(String(r.id), r.score, storedOf ? storedOf(String(r.id)) : r));
  return { hits, total: results.length, notes };
}
