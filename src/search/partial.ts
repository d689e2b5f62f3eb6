/**
 * Searching an index without loading it whole: for a query, only the postings of the terms it reaches
 * (reach.ts) are loaded into a MiniSearch with the same options, document count and field lengths,
 * which ranks exactly as the whole index would (a test proves it). Where the parts come from is the
 * caller's: index.json read through its map (mapped.ts), or a finished index built in memory
 * (finished-parts.ts). Light: no imports beyond MiniSearch and search's own modules.
 */
import MiniSearch from 'minisearch';
import { MINISEARCH_OPTIONS, type SearchDoc } from '../index/options.js';
import { reachedTerms } from './reach.js';
import { hasFilter, queryTerms, searchIndex, type SearchOutcome, type SearchQuery } from './search.js';

/** A term's postings as MiniSearch serializes them: field id → short document id → frequency. */
export type Postings = Record<string, Record<string, number>>;

/** The parts of an index a partial load reads, each when first needed. */
export interface IndexParts {
  /** The index's terms, sorted by code units. */
  words: readonly string[];
  documentCount: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** The postings of the term `words[rank]`. */
  postings(rank: number): Postings;
  /** Short id → document id, for every document. */
  documentIds(): Record<string, string>;
  /** Short id → field lengths, for every document that has any. */
  fieldLength(): Record<string, Array<number | null>>;
  /** Short id → stored fields, for every document. */
  storedFields(): Record<string, Record<string, unknown>>;
  /** One document's stored fields. */
  stored(short: number): Record<string, unknown>;
}

/** The short ids of the documents in some postings. */
function documentsOf(postings: ReadonlyArray<[string, Postings]>): Set<string> {
  const docs = new Set<string>();
  for (const [, byField] of postings) for (const field of Object.values(byField)) for (const doc of Object.keys(field)) docs.add(doc);
  return docs;
}

/** The entries of `all` whose keys are in `keys`. */
function pick<T>(all: Record<string, T>, keys: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of keys) if (Object.hasOwn(all, k)) out[k] = all[k]!;
  return out;
}

/** Runs a query as searchIndex does on the whole index, with the same results, loading only the parts it needs. */
export function searchParts(parts: IndexParts, q: SearchQuery): SearchOutcome {
  const filtered = hasFilter(q);
  const { terms } = queryTerms(q.query);
  const ranks = terms.length === 0 ? [] : reachedTerms(parts.words, terms.join(' '));
  const postings = ranks.map((r): [string, Postings] => [parts.words[r]!, parts.postings(r)]);
  const documentIds = parts.documentIds();
  const fieldLength = parts.fieldLength();
  // Only the documents of the loaded postings are scored, so only they need ids and field lengths
  // (all of them for an empty query, which lists every document that passes the filters).
  const docs = terms.length === 0 ? null : documentsOf(postings);
  const reached = docs ? pick(documentIds, docs) : documentIds;
  const index = MiniSearch.loadJS<SearchDoc>({
    documentCount: parts.documentCount,
    nextId: parts.documentCount,
    documentIds: reached,
    fieldIds: parts.fieldIds,
    fieldLength: docs ? pick(fieldLength, docs) : fieldLength,
    averageFieldLength: parts.averageFieldLength,
    storedFields: filtered ? parts.storedFields() : {},
    dirtCount: 0,
    index: postings,
    serializationVersion: 2,
  } as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
  if (filtered) return searchIndex(index, q);
  const shortIds = new Map(Object.entries(reached).map(([short, id]) => [id, Number(short)] as const)); // hits are among the reached
  return searchIndex(index, q, (id) => parts.stored(shortIds.get(id)!));
}
