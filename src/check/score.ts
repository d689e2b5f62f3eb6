/**
 * Step 3b of check: how well an article sentence matches a claim. The measure is a weighted
 * F-measure over content terms (stop words dropped, light stemming), each term weighted by its
 * inverse document frequency over the knowledge base's claim sentences:
 *
 *   P = W(S ∩ T) / W(S)        how much of the sentence the passage accounts for
 *   R = W(S ∩ T) / W(T)        how much of the passage the sentence states
 *   F = (1 + β²) · P · R / (β² · P + R)
 *
 * with S the sentence's terms, T a passage's terms and W the sum of weights. A claim's score is its
 * best passage's F (claim sentence, appearance quotes, supporting evidence quotes), multiplied by
 * NEGATION_PENALTY when exactly one of sentence and passage is negated. Scores are rounded to three
 * decimals, so the output is stable across platforms.
 */
import type { CheckKb, Passage } from './kb.js';

/** β: recall of the passage counts β² = 4 times as much as precision, since articles pack several claims into one sentence. */
export const BETA = 2;

/** A claim matches a sentence when its score is at least this (override with --min-score). */
export const MATCH_THRESHOLD = 0.5;

/** Passages with fewer content terms than this are too short to identify a claim on their own (e.g. a bare date). */
export const MIN_PASSAGE_TERMS = 3;

/** Factor applied when the sentence negates what the passage asserts, or the reverse. */
export const NEGATION_PENALTY = 0.6;

/** A sentence's distinct content terms and their total weight. */
export interface SentenceTerms {
  terms: ReadonlySet<string>;
  weight: number;
  negated: boolean;
}

/** Prepares a sentence's terms for scoring. */
export function sentenceTerms(terms: Iterable<string>, negated: boolean, weight: (t: string) => number): SentenceTerms {
  const set = new Set(terms);
  let total = 0;
  for (const t of set) total += weight(t);
  return { terms: set, weight: total, negated };
}

/** The score of one passage against the sentence's terms, in [0, 1]. */
export function passageScore(sentence: SentenceTerms, passage: Passage, weight: (t: string) => number): number {
  if (passage.terms.length < MIN_PASSAGE_TERMS) return 0;
  let shared = 0;
  let total = 0;
  for (const t of passage.terms) {
    const w = weight(t);
    total += w;
    if (sentence.terms.has(t)) shared += w;
  }
  if (shared === 0) return 0;
  const p = shared / sentence.weight;
  const r = shared / total;
  const b2 = BETA * BETA;
  return ((1 + b2) * p * r) / (b2 * p + r);
}

/** A claim's score for a sentence, and the passage that gave it. */
export interface ClaimScore {
  score: number;
  passage: Passage | null;
}

/** Scores a claim: its best passage, with the negation penalty, rounded to 3 decimals. */
export function scoreClaim(sentence: SentenceTerms, passages: readonly Passage[], kb: Pick<CheckKb, 'weight'>): ClaimScore {
  let best: ClaimScore = { score: 0, passage: null };
  for (const p of passages) {
    const raw = passageScore(sentence, p, kb.weight) * (p.negated === sentence.negated ? 1 : NEGATION_PENALTY);
    if (raw > best.score) best = { score: raw, passage: p };
  }
  return { score: Math.round(best.score * 1000) / 1000, passage: best.passage };
}
