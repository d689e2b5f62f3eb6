/**
 * Turns resolved claims into search documents and builds the MiniSearch index from them.
 */
import MiniSearch from 'minisearch';
import type { ResolvedClaim, ResolvedEvidence, ResolvedSource } from '../model.js';
import type { Reliability, Stance, Verdict } from '../vocab.js';
import { MINISEARCH_OPTIONS, STORE_FIELDS, type BestQuote, type SearchDoc } from './options.js';
import { indexedTextOf } from './terms.js';

const PREFERRED_STANCE: Record<Verdict, Stance[]> = {
  supported: ['supports', 'context'],
  refuted: ['refutes', 'context'],
  misleading: ['refutes', 'context', 'supports'],
  unverified: ['context', 'refutes', 'supports'],
};
const RELIABILITY_RANK: Record<Reliability, number> = { high: 0, medium: 1, low: 2 };

/** Picks the verified evidence quote that best backs the claim's verdict (stance, then reliability, then order). */
export function bestEvidence(claim: ResolvedClaim, reliability: (id: string) => Reliability | undefined): ResolvedEvidence | null {
  const stances = PREFERRED_STANCE[claim.verdict];
  const rank = (e: ResolvedEvidence) => {
    const s = stances.indexOf(e.stance);
    return (s < 0 ? 9 : s) * 10 + RELIABILITY_RANK[reliability(e.source) ?? 'low'];
  };
  let best: ResolvedEvidence | null = null;
  for (const e of claim.evidence) if (e.match && e.sourceTitle !== null && (!best || rank(e) < rank(best))) best = e;
  return best;
}

/** Builds the search document of a claim. */
export function toSearchDoc(claim: ResolvedClaim, reliability: (id: string) => Reliability | undefined): SearchDoc {
  const e = bestEvidence(claim, reliability);
  const best: BestQuote | null = e ? { source: e.source, sourceTitle: e.sourceTitle!, quote: e.quote, stance: e.stance } : null;
  const quoted = [...claim.appearances, ...claim.evidence];
  return {
    id: claim.id,
    ...indexedTextOf(claim, claim.body),
    verdict: claim.verdict,
    flags: claim.flags,
    level: claim.support.level,
    sources: [...new Set(quoted.map((q) => q.source))].sort(),
    best,
  };
}

/** The fields MiniSearch stores for a document (STORE_FIELDS, in order, undefined left out), as JSON. */
export function storedFieldsJson(doc: SearchDoc): string {
  const stored: Record<string, unknown> = {};
  for (const field of STORE_FIELDS) if (doc[field] !== undefined) stored[field] = doc[field];
  return JSON.stringify(stored);
}

/** Builds a MiniSearch index over the claims (documents added in id order, for identical output). */
export function buildIndex(claims: readonly ResolvedClaim[], sources: readonly ResolvedSource[]): MiniSearch<SearchDoc> {
  const rel = new Map(sources.map((s) => [s.id, s.reliability] as const));
  const index = new MiniSearch<SearchDoc>(MINISEARCH_OPTIONS);
  index.addAll(claims.map((c) => toSearchDoc(c, (id) => rel.get(id))));
  return index;
}
