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
const processTerm = (MINISEARCH_OPTIONS.processTerm ?? MiniSearch.getDefault('processTerm')) as ProcessTerm;

/** MiniSearch's default tokenizer splits on runs of these (its SPACE_OR_PUNCTUATION). */
const SEPARATOR = /^[\n\r\p{Z}\p{P}]$/u;
const ASCII_SEPARATOR = Uint8Array.from({ length: 128 }, (_, c) => (SEPARATOR.test(String.fromCharCode(c)) ? 1 : 0));

/** 1 for each ASCII character MiniSearch's default tokenizer splits on, else 0. */
export const ASCII_SEPARATORS: Uint8Array = ASCII_SEPARATOR;

/** True when the index uses MiniSearch's default tokenizer (which splitTokens and the encoder's scanner reproduce). */
export const DEFAULT_TOKENIZER = MINISEARCH_OPTIONS.tokenize === undefined;

/** The length of the separator character at `i` (1 or 2 code units), or 0. */
export function separatorAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_SEPARATOR[c]!;
  const cp = text.codePointAt(i)!;
  return SEPARATOR.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/**
 * MiniSearch's default tokenizer, `text.split(/[\n\r\p{Z}\p{P}]+/u)`, without a regular expression
 * per character for ASCII text (a test checks that it gives the same tokens).
 */
export function splitTokens(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; ) {
    const sep = separatorAt(text, i);
    if (sep === 0) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    out.push(text.slice(start, i));
    for (let n = sep; n > 0; n = i < text.length ? separatorAt(text, i) : 0) i += n;
    start = i;
  }
  out.push(text.slice(start));
  return out;
}

/** The tokenizer: the configured one, or MiniSearch's default (as splitTokens does it). */
const tokenize = (MINISEARCH_OPTIONS.tokenize ?? splitTokens) as Tokenize;

/** A field's raw tokens, as MiniSearch's tokenizer gives them. */
export function tokenizeField(text: string, field: string): string[] {
  return tokenize(text, field);
}

/** A raw token processed as MiniSearch does (the configured processTerm). */
export function processedToken(token: string, field: string): ReturnType<ProcessTerm> {
  return processTerm(token, field);
}

/** The indexed text of a claim, from its frontmatter and body (the same strings toSearchDoc puts in a document). */
export function indexedTextOf(meta: Pick<ClaimMeta, 'claim' | 'appearances' | 'evidence' | 'topics'>, body: string): IndexedText {
  return {
    claim: meta.claim,
    body,
    quotes: [...meta.appearances, ...meta.evidence].map((q) => q.quote).join('\n'),
    topics: [...new Set(meta.topics)].sort().join(' '),
  };
}

function addTerm(counts: Map<string, number[]>, term: string, fieldId: number, n: number): void {
  let byField = counts.get(term);
  if (!byField) counts.set(term, (byField = []));
  byField[fieldId] = (byField[fieldId] ?? 0) + n;
}

/**
 * The terms of one document, field by field, as MiniSearch.add would index them: each token processed
 * and counted, and the field's length being its number of distinct tokens. (The build encodes terms
 * with encoder.ts, which gives the same; this is the plain form, for tests and the library.)
 */
export function docTermsOf(doc: IndexedText): DocTerms {
  const lengths: Array<number | null> = [];
  const counts = new Map<string, number[]>();
  FIELDS.forEach((field, fieldId) => {
    const value = (doc as unknown as Record<string, unknown>)[field];
    lengths[fieldId] = null;
    if (value == null) return;
    const tokens = new Map<string, number>();
    for (const token of tokenize(String(value), field)) tokens.set(token, (tokens.get(token) ?? 0) + 1);
    lengths[fieldId] = tokens.size;
    for (const [token, n] of tokens) {
      const p = processTerm(token, field);
      if (Array.isArray(p)) for (const t of p) addTerm(counts, t, fieldId, n);
      else if (p) addTerm(counts, p, fieldId, n);
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
