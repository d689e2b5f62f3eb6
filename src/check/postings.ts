/**
 * Fast candidate lookup in the search index. check reads the same index as `claimkb search`
 * (index.json, or the index a build made in memory), through MiniSearch's documented serialized form
 * (the object `toJSON` returns and `loadJS` reads): for each term, the documents that contain it in
 * each field. Running one full MiniSearch query per sentence costs ~15 ms on 10,000 claims, far too
 * slow for a long article; reading the postings directly costs microseconds.
 */
import type MiniSearch from 'minisearch';
import { cmp } from '../diagnostics.js';
import { parseIndexJson } from '../index/check-index.js';
import type { BestQuote, SearchDoc } from '../index/options.js';
import { lowerBound } from '../sorted.js';

/** The parts of MiniSearch's serialized index that check reads. */
export interface IndexData {
  nextId: number;
  documentIds: Record<string, string>;
  fieldIds: Record<string, number>;
  storedFields: Record<string, Record<string, unknown>>;
  index: Array<[string, Record<string, Record<string, number>>]>;
}

/** The fields whose postings check uses: the claim sentence, and the appearance and evidence quotes. */
export const RETRIEVAL_FIELDS = ['claim', 'quotes'] as const;

/** Postings in plain JSON form (as the check cache stores them). */
export interface PostingsData {
  /** Claim id by short document id ('' for a free slot). */
  ids: string[];
  /** Each term indexed in a retrieval field with the sorted short ids holding it; terms sorted. */
  terms: Array<[string, number[]]>;
  /** The best evidence quote of each document, by short id, as the index stores it. */
  best: Array<BestQuote | null>;
}

/** The postings of the index's terms in RETRIEVAL_FIELDS, by term. */
export class Postings {
  /** Every term indexed in a retrieval field, sorted (for prefix lookups). */
  readonly terms: string[];
  /** Claim id by short document id. */
  readonly ids: string[];
  /** One more than the largest short document id. */
  readonly size: number;
  private readonly byTerm = new Map<string, Int32Array>();
  private readonly shortIds = new Map<string, number>();

  constructor(readonly data: PostingsData) {
    for (const [term, docs] of data.terms) this.byTerm.set(term, Int32Array.from(docs));
    this.terms = data.terms.map(([t]) => t);
    this.ids = data.ids;
    this.size = data.ids.length;
    data.ids.forEach((id, short) => id && this.shortIds.set(id, short));
  }

  /** Reads the postings of RETRIEVAL_FIELDS out of MiniSearch's serialized index. */
  static fromIndex(data: IndexData): Postings {
    const fields = RETRIEVAL_FIELDS.map((f) => String(data.fieldIds[f]));
    const terms: Array<[string, number[]]> = [];
    for (const [term, byField] of data.index) {
      const set = new Set<number>();
      for (const f of fields) for (const short of Object.keys(byField[f] ?? {})) set.add(Number(short));
      if (set.size > 0) terms.push([term, [...set].sort((a, b) => a - b)]);
    }
    terms.sort((a, b) => cmp(a[0], b[0]));
    const ids = new Array<string>(data.nextId).fill('');
    const best = new Array<BestQuote | null>(data.nextId).fill(null);
    for (const [short, id] of Object.entries(data.documentIds)) {
      ids[Number(short)] = id;
      best[Number(short)] = (data.storedFields[short]?.best as BestQuote | null | undefined) ?? null;
    }
    return new Postings({ ids, terms, best });
  }

  /** The short ids of the documents holding `term` in a retrieval field, sorted. */
  docs(term: string): Int32Array {
    return this.byTerm.get(term) ?? EMPTY;
  }

  /** True when the term is indexed in a retrieval field. */
  has(term: string): boolean {
    return this.byTerm.has(term);
  }

  /** Indexed terms starting with `prefix`, in order, at most `max` of them. */
  withPrefix(prefix: string, max: number): string[] {
    const lo = lowerBound(this.terms, prefix);
    const out: string[] = [];
    for (let i = lo; i < this.terms.length && out.length < max && this.terms[i]!.startsWith(prefix); i++) out.push(this.terms[i]!);
    return out;
  }

  /** The best evidence quote of a claim as the index stores it, or null. */
  best(id: string): BestQuote | null {
    const short = this.shortIds.get(id);
    return short === undefined ? null : (this.data.best[short] ?? null);
  }
}

const EMPTY = new Int32Array(0);

/** The postings of an index in memory (a build's), through its public serialized form. */
export function postingsOf(index: MiniSearch<SearchDoc>): Postings {
  return Postings.fromIndex(index.toJSON() as unknown as IndexData);
}

/** Parses index.json and checks its header as the search command does; the reason when unusable. */
export function parseIndexData(text: string): { ok: true; data: IndexData; contentHash: string } | { ok: false; reason: string } {
  const parsed = parseIndexJson(text);
  if (!parsed.ok) return parsed;
  const file = parsed.data;
  const data = file.index as IndexData | undefined;
  if (!data || !Array.isArray(data.index) || typeof data.documentIds !== 'object' || typeof data.fieldIds !== 'object') {
    return { ok: false, reason: 'the index is corrupted (missing postings)' };
  }
  return { ok: true, data, contentHash: String(file.contentHash) };
}
