/**
 * Step 3b of check: how well an article sentence matches a claim. The measure is a weighted
 * F-measure over content terms (stop words dropped, light stemming), each term weighted by its
 * inverse document frequency over the knowledge base's claim sentences:
 *
 *   P = W(S ∩ T) / W(S)        how much of the sentence the passage accounts for
 *   R = W(S ∩ T) / W(T)        how much of the passage the sentence states
 *   F = (1 + β²) · P · R / (β² · P + R)
 *
 * with S the sentence's terms, T a passage's terms and W the sum of weights. Terms of a claim value the
 * sentence states otherwise (its year, figure or name: conflicts.ts `slots`) count as shared, in full
 * for dates and numbers and in part for names, so a sentence that changes only a value still matches,
 * and is then reported as a conflict. A claim's score is its
 * best passage's F (claim sentence, appearance quotes, supporting evidence quotes), multiplied by
 * NEGATION_PENALTY when exactly one side negates terms the other states (a cue such as "not" or
 * "never" covers the few content words after it). Scores are rounded to three decimals, so the output
 * is stable across platforms. When the sentence credits a person or organisation (namesOf) and the
 * claim's sentence mentions none of them, the score is multiplied by NAME_PENALTY: "Olah wrote that…"
 * is closer to a claim about Olah than to the same words credited to someone else.
 */
import type { CheckKb, Passage } from './kb.js';
import { words } from './terms.js';

/** β: recall of the passage counts β² = 4 times as much as precision, since articles pack several claims into one sentence. */
export const BETA = 2;

/** A claim matches a sentence when its score is at least this (override with --min-score). */
export const MATCH_THRESHOLD = 0.33;

/** Passages with fewer content terms than this are too short to identify a claim on their own (e.g. a bare date). */
export const MIN_PASSAGE_TERMS = 4;

/** A sentence with fewer content terms than this matches no claim ("It is a thoughtful read."). */
export const MIN_SENTENCE_TERMS = 3;

/** Factor applied when the sentence negates what the passage asserts, or the reverse. */
export const NEGATION_PENALTY = 0.6;

/** Factor applied to a claim that mentions none of the names the sentence credits. */
export const NAME_PENALTY = 0.7;

/**
 * NAME_PENALTY when the sentence credits names and the claim's text mentions none of them, else 1. The
 * claim may be given by its values (conflicts.ts), whose words are then read only when the sentence credits names.
 */
export function namePenalty(sentenceNames: readonly string[], claim: string | { readonly words: ReadonlySet<string> }): number {
  if (sentenceNames.length === 0) return 1;
  const claimWords = typeof claim === 'string' ? new Set(words(claim)) : claim.words;
  const mentioned = sentenceNames.some((n) => words(n).some((w) => w.length >= 3 && claimWords.has(w)));
  return mentioned ? 1 : NAME_PENALTY;
}

const NONE: ReadonlyMap<string, number> = new Map();

/** A sentence's distinct content terms and their total weight. */
export interface SentenceTerms {
  terms: ReadonlySet<string>;
  weight: number;
  /** Terms in the scope of a negation. */
  negated: ReadonlySet<string>;
}

/** Prepares a sentence's terms for scoring. */
export function sentenceTerms(terms: Iterable<string>, negated: ReadonlySet<string>, weight: (t: string) => number): SentenceTerms {
  const set = new Set(terms);
  let total = 0;
  for (const t of set) total += weight(t);
  return { terms: set, weight: total, negated };
}

/** The score of one passage against the sentence's terms, in [0, 1]. */
export function passageScore(sentence: SentenceTerms, passage: Passage, weight: (t: string) => number, slots: ReadonlyMap<string, number> = NONE): number {
  if (passage.terms.length < MIN_PASSAGE_TERMS) return 0;
  // the shared weight first: most passages share nothing, and then their total weight is not needed
  let shared = 0;
  for (const t of passage.terms) {
    if (sentence.terms.has(t)) shared += weight(t);
    else {
      const slot = slots.get(t) ?? 0;
      if (slot !== 0) shared += weight(t) * slot;
    }
  }
  if (shared === 0) return 0;
  let total = 0;
  for (const t of passage.terms) total += weight(t);
  const p = shared / sentence.weight;
  const r = shared / total;
  const b2 = BETA * BETA;
  return ((1 + b2) * p * r) / (b2 * p + r);
}

/** True when exactly one of sentence and passage negates terms that the other contains. */
export function negates(sentence: SentenceTerms, passage: Passage): boolean {
  const some = (a: ReadonlySet<string>, b: { has(t: string): boolean }) => [...a].some((t) => b.has(t));
  const sentenceNegates = sentence.negated.size > 0 && some(sentence.negated, new Set(passage.terms));
  return sentenceNegates !== (passage.negated.size > 0 && some(passage.negated, sentence.terms));
}

/** A claim's score for a sentence, and the passage that gave it. */
export interface ClaimScore {
  score: number;
  passage: Passage | null;
}

/** Scores a claim: its best passage, with the negation penalty, rounded to 3 decimals. */
export function scoreClaim(sentence: SentenceTerms, passages: readonly Passage[], kb: Pick<CheckKb, 'weight'>, slots: ReadonlyMap<string, number> = NONE): ClaimScore {
  let best: ClaimScore = { score: 0, passage: null };
  if (sentence.terms.size < MIN_SENTENCE_TERMS) return best;
  for (const p of passages) {
    const raw = passageScore(sentence, p, kb.weight, slots) * (negates(sentence, p) ? NEGATION_PENALTY : 1);
    if (raw > best.score) best = { score: raw, passage: p };
  }
  return { score: Math.round(best.score * 1000) / 1000, passage: best.passage };
}
