/**
 * The MiniSearch options, in one place for build, search and check. The index file records a hash
 * of them, and a reader whose options differ treats the index as stale.
 * This module must stay light: the search path loads it, so it may import minisearch but not remark.
 */
import { createHash } from 'node:crypto';
import type { Options, SearchOptions } from 'minisearch';
import { INDEX_FORMAT_VERSION } from '../version.js';

/** The best quote shown with a hit: evidence aligned with the verdict, from the most reliable source. */
export interface BestQuote {
  source: string;
  sourceTitle: string;
  quote: string;
  stance: string;
}

/** A document of the search index: one per claim. */
export interface SearchDoc {
  id: string;
  claim: string;
  body: string;
  /** Appearance and evidence quotes, joined by newlines. */
  quotes: string;
  /** Topics, joined by spaces (hyphens kept, so `business-blog` also matches `business`). */
  topics: string;
  verdict: string;
  flags: string[];
  level: string;
  /** Every source id the claim quotes. */
  sources: string[];
  best: BestQuote | null;
}

/** Fields searched, with their boosts. */
export const FIELD_BOOSTS = { claim: 3, quotes: 2, topics: 2, body: 1 } as const;
/** Fields stored in the index and returned with each hit (enough to print a hit without the knowledge base). */
export const STORE_FIELDS = ['claim', 'verdict', 'flags', 'level', 'sources', 'topics', 'best'] as const;
/** Terms longer than this are cut to it (bounded time and memory for hostile queries). */
export const MAX_TERM_LENGTH = 64;
/** At most this many query terms are used; the rest are ignored (and the caller is told). */
export const MAX_QUERY_TERMS = 32;
/** Fuzzy matching: the allowed edit distance as a fraction of the term length. */
export const FUZZY = 0.2;
/** Default number of hits returned by search. */
export const DEFAULT_LIMIT = 10;

/** Normalizes one term: NFKD, accents stripped, lower case, cut to MAX_TERM_LENGTH; drops empty terms. */
export function processTerm(term: string): string | null {
  const t = term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().slice(0, MAX_TERM_LENGTH);
  return t.length === 0 ? null : t;
}

/** The options MiniSearch is constructed with, both when building and when loading an index. */
export const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: Object.keys(FIELD_BOOSTS),
  storeFields: [...STORE_FIELDS],
  processTerm,
};

/** The default options of every query. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { ...FIELD_BOOSTS },
  fuzzy: (term) => (term.length > 3 ? FUZZY : false),
  prefix: (term) => term.length > 2,
  combineWith: 'OR',
};

/**
 * Terms that show what processTerm does (case, accents, ligatures, width, length); their results enter
 * OPTIONS_HASH. The function's source text did before, but it differs between compilers (tsc for the CLI,
 * esbuild for tests, any bundler of the library), so the same index looked built "with other options".
 */
const TERM_PROBES = ['Widget', 'ÉCOLE', 'naïve', 'ﬁnance', 'Ｗｉｄｅ', 'straße', 'İstanbul', '2026-02-23', 'x'.repeat(MAX_TERM_LENGTH + 8), ''];

/** A hash of everything that shapes the index; stored in index.json and compared on load. */
export const OPTIONS_HASH = createHash('sha256')
  .update(JSON.stringify({ INDEX_FORMAT_VERSION, FIELD_BOOSTS, STORE_FIELDS, MAX_TERM_LENGTH, terms: TERM_PROBES.map(processTerm) }))
  .digest('hex')
  .slice(0, 16);
