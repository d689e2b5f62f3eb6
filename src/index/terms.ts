/**
 * What one claim adds to the search index, computed exactly as MiniSearch's `add` does (same tokenizer,
 * same processTerm, field lengths counted as MiniSearch counts them), but without MiniSearch's radix tree:
 * a plain list of (term, field, frequency). It depends only on the claim file, so it is computed where
 * the file is parsed (a worker thread) and cached with it; index.ts assembles the serialized index.
 */
import MiniSearch from 'minisearch';
import type { ClaimMeta } from '../schema.js';
import { MINISEARCH_OPTIONS, type SearchDoc } from './options.js';

/** The indexed (searched) text fields of a search document. */
export type IndexedText = Pick<SearchDoc, 'claim' | 'quotes' | 'topics' | 'body'>;

/** One document's contribution to the index. */
export interface DocTerms {
  /** MiniSearch's field length (distinct raw tokens) by field id; null where the field was absent. */
  lengths: Array<number | null>;
  /** Each processed term with its field id and frequency, as parallel arrays (term-major, fields ascending). */
  terms: string[];
  fields: number[];
  freqs: number[];
}

/** The field names in field-id order (MiniSearch numbers fields in the order of the `fields` option). */
export const FIELDS: readonly string[] = MINISEARCH_OPTIONS.fields;

type Tokenize = (text: string, field?: string) => string[];
type ProcessTerm = (term: string, field?: string) => string | string[] | null | undefined | false;
const tokenize = (MINISEARCH_OPTIONS.tokenize ?? MiniSearch.getDefault('tokenize')) as Tokenize;
const processTerm = (MINISEARCH_OPTIONS.processTerm ?? MiniSearch.getDefault('processTerm')) as ProcessTerm;

/** The indexed text of a claim, from its frontmatter and body (the same strings toSearchDoc puts in a document). */
export function indexedTextOf(meta: Pick<ClaimMeta, 'claim' | 'appearances' | 'evidence' | 'topics'>, body: string): IndexedText {
  return {
    claim: meta.claim,
    body,
    quotes: [...meta.appearances, ...meta.evidence].map((q) => q.quote).join('\n'),
    topics: [...new Set(meta.topics)].sort().join(' '),
  };
}

function addTerm(counts: Map<string, number[]>, term: string, fieldId: number): void {
  let byField = counts.get(term);
  if (!byField) counts.set(term, (byField = []));
  byField[fieldId] = (byField[fieldId] ?? 0) + 1;
}

/** The terms of one document, field by field, as MiniSearch.add would index them. */
export function docTermsOf(doc: IndexedText): DocTerms {
  const lengths: Array<number | null> = [];
  const counts = new Map<string, number[]>();
  FIELDS.forEach((field, fieldId) => {
    const value = (doc as unknown as Record<string, unknown>)[field];
    lengths[fieldId] = null;
    if (value == null) return;
    const tokens = tokenize(String(value), field);
    lengths[fieldId] = new Set(tokens).size;
    for (const token of tokens) {
      const processed = processTerm(token, field);
      if (Array.isArray(processed)) for (const t of processed) addTerm(counts, t, fieldId);
      else if (processed) addTerm(counts, processed, fieldId);
    }
  });
  const out: DocTerms = { lengths, terms: [], fields: [], freqs: [] };
  for (const [term, byField] of counts) {
    byField.forEach((freq, fieldId) => {
      out.terms.push(term);
      out.fields.push(fieldId);
      out.freqs.push(freq);
    });
  }
  return out;
}
