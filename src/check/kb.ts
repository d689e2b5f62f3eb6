/**
 * The knowledge base as check sees it: the search index (shared with `claimkb search`) for retrieval,
 * and per claim the passages a sentence is compared with, plus term weights (inverse document
 * frequency over the claim sentences). Built once per run; passages are prepared on first use.
 */
import type MiniSearch from 'minisearch';
import type { BestQuote, SearchDoc } from '../index/options.js';
import type { Stance, Verdict } from '../vocab.js';
import { valuesOf, type Values } from './conflicts.js';
import { Postings, postingsOf } from './postings.js';
import { contentTerms, textTerms } from './terms.js';

/** A text a sentence can match: the claim sentence, one of its clauses, an appearance, or a supporting evidence quote. */
export interface Passage {
  kind: 'claim' | 'clause' | 'appearance' | 'evidence';
  text: string;
  /** Distinct content terms. */
  terms: string[];
  /** Terms in the scope of a negation ("does not assert X": assert, X). */
  negated: ReadonlySet<string>;
}

/** What check needs of one claim. */
export interface CheckClaim {
  id: string;
  claim: string;
  verdict: Verdict;
  flags: string[];
  passages: Passage[];
  /** The dates, numbers and names of the claim's sentence. */
  values: Values;
}

/** The claims, the postings of the search index over them, and term weights. */
export interface CheckKb {
  postings: Postings;
  /** The weight of a content term: ln(1 + N / (1 + df)), df counted over claim sentences. */
  weight(term: string): number;
  /** A claim by id (passages prepared on first call), or undefined. */
  claim(id: string): CheckClaim | undefined;
  /** The best evidence quote of a claim, as the index stores it. */
  best(id: string): BestQuote | null;
  size: number;
}

/** The claim data check reads: a ResolvedClaim has it, and so has claims.json and the check cache. */
export interface ClaimInput {
  id: string;
  claim: string;
  verdict: Verdict;
  flags: string[];
  appearances: ReadonlyArray<{ quote: string }>;
  evidence: ReadonlyArray<{ quote: string; stance: Stance }>;
}

function passage(kind: Passage['kind'], text: string): Passage {
  return { kind, text, ...textTerms(text) };
}

/** A clause of a claim with fewer content terms than this is not matched on its own. */
export const MIN_CLAUSE_TERMS = 5;

/** Where a claim sentence splits into clauses: semicolons, colons, dashes, parentheses, and "…, but/while/whereas …". */
const CLAUSE_BREAK = /;\s+|:\s+|\s+[—–]\s+|\s+\(|\)\s*,?\s*|,\s+(?=(?:but|while|whereas|although|though|since|because|so that|and that|who|which|when)\s)/;

/** The clause passages of a claim sentence (each clause tokenized once): none when it has one clause. */
function clausePassages(claim: string): Passage[] {
  const parts = claim.split(CLAUSE_BREAK);
  if (parts.length < 2) return [];
  const out: Passage[] = [];
  for (const part of parts) {
    const text = part.trim();
    const { terms, negated } = textTerms(text);
    if (terms.length >= MIN_CLAUSE_TERMS) out.push({ kind: 'clause', text, terms, negated });
  }
  return out;
}

/** The clauses of a claim sentence that are long enough to be matched on their own (none when it has one clause). */
export function clausesOf(claim: string): string[] {
  return clausePassages(claim).map((p) => p.text);
}

/**
 * The passages of a claim: its sentence, the sentence's longer clauses (an article sentence often
 * restates one part of a long claim), its appearances and its supporting evidence. Evidence that
 * refutes or gives context is left out on purpose: a sentence that restates a refuting quote says the
 * opposite of the claim, not the claim.
 */
export function passagesOf(c: ClaimInput): Passage[] {
  const out = [passage('claim', c.claim), ...clausePassages(c.claim)];
  for (const a of c.appearances) out.push(passage('appearance', a.quote));
  for (const e of c.evidence) if (e.stance === 'supports') out.push(passage('evidence', e.quote));
  return out;
}

/** A claim prepared for checking (its values are extracted on first use). */
function prepareClaim(input: ClaimInput): CheckClaim {
  return { id: input.id, claim: input.claim, verdict: input.verdict, flags: [...input.flags], passages: passagesOf(input), values: valuesOf(input.claim) };
}

/** How many claim sentences hold each content term (the document frequencies behind the term weights). */
export function claimFrequencies(claims: readonly ClaimInput[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const c of claims) for (const t of new Set(contentTerms(c.claim))) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/**
 * Prepares the knowledge base for checking, from the search index (or its postings) and the claims;
 * `df` may be given when already known (claimFrequencies of the same claims, from the cache).
 */
export function prepareKb(index: MiniSearch<SearchDoc> | Postings, claims: readonly ClaimInput[], df = claimFrequencies(claims)): CheckKb {
  const postings = index instanceof Postings ? index : postingsOf(index);
  const byId = new Map(claims.map((c) => [c.id, c] as const));
  const n = claims.length;
  const prepared = new Map<string, CheckClaim>();
  return {
    postings,
    size: n,
    weight: (t) => Math.log(1 + n / (1 + (df.get(t) ?? 0))),
    claim(id) {
      let c = prepared.get(id);
      const input = byId.get(id);
      if (!c && input) {
        c = prepareClaim(input);
        prepared.set(id, c);
      }
      return c;
    },
    best: (id) => postings.best(id),
  };
}
