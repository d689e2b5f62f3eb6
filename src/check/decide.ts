/**
 * Step 4 of check: the status of a check-worthy sentence from its scored candidates.
 *
 * - A candidate scoring below the threshold is ignored.
 * - A dubious candidate (refuted, misleading, unverified) is ignored when the sentence contradicts its
 *   values (a date or number of the claim that the sentence states otherwise), or when the claim is
 *   flagged for a wrong date and the sentence states no date: the sentence does not make that claim.
 * - The best-scoring candidate wins, except that a problem candidate (dubious, or supported but
 *   contradicted) within DUBIOUS_MARGIN of a supported winner takes its place: on a near tie a doubtful
 *   statement is not passed as supported.
 * - A supported winner gives `supported`, or `conflict` when the sentence states another date, number
 *   or name than the claim. A dubious winner gives the most serious verdict among the dubious
 *   candidates (refuted > misleading > unverified); the others are listed, since one sentence can
 *   repeat several dubious claims.
 * - No candidate gives `unknown`.
 */
import { cmp } from '../diagnostics.js';
import type { Conflict } from './conflicts.js';
import { compareValues, valuesOf, type Values } from './conflicts.js';
import type { CheckClaim, CheckKb, Passage } from './kb.js';
import { namePenalty, scoreClaim, type SentenceTerms } from './score.js';

/** Every status a finding can have. */
export const STATUSES = ['supported', 'refuted', 'misleading', 'unverified', 'conflict', 'unknown'] as const;
/** A finding's status. */
export type Status = (typeof STATUSES)[number];

/** How serious each status is (also the order of --fail-on levels). */
export const STATUS_RANK: Record<Status, number> = { supported: 0, unknown: 1, unverified: 2, misleading: 3, conflict: 4, refuted: 4 };

/** A problem candidate within this margin of a supported winner's score takes its place. */
export const DUBIOUS_MARGIN = 0.05;

/**
 * When a dubious claim wins, the other dubious claims scoring at least this fraction of its score are
 * matched too (the most serious of them gives the status; the rest are listed as `also`). Weaker ones
 * share words with the sentence but are not what it says.
 */
export const CO_MATCH_RATIO = 0.6;

/**
 * A supported claim's differing values (conflicts.ts `slots`) count as shared only when the rest of the
 * sentence already matches it this well: a sentence must be about the claim before its different
 * figure can be a conflict ("40% of enterprises" is not a conflict with "88% of coin flips").
 */
export const SLOT_BASE = 0.15;

/** A scored candidate. */
export interface Match {
  claim: CheckClaim;
  score: number;
  passage: Passage | null;
  /** For a supported claim: the values the sentence states differently. */
  conflicts: Conflict[];
  /** For a dubious claim: the sentence does not make it (see `contradicts`). */
  contradicted: boolean;
}

/** The decision for one sentence: its status, the winning match (null when unknown), other problem matches, and the best score seen. */
export interface Decision {
  status: Status;
  match: Match | null;
  /** Other dubious matches, most serious first. */
  others: Array<{ match: Match; status: Status }>;
  /** The best score of any candidate, matched or not. */
  best: number;
}

const dubious = (m: Match) => m.claim.verdict !== 'supported';
/** A match that reports a problem: a dubious claim, or a supported one the sentence contradicts. */
const problem = (m: Match) => dubious(m) || m.conflicts.length > 0;

/** The status a match gives. */
export function statusOf(m: Match): Status {
  if (m.claim.verdict === 'supported') return m.conflicts.length > 0 ? 'conflict' : 'supported';
  return m.claim.verdict;
}

/**
 * Scores the candidate claims of a sentence (names it credits that a claim lacks lower that claim's
 * score). The values of a candidate scoring below `threshold` are compared only when they can raise
 * its score (slots); otherwise its conflicts are left empty and it is not contradicted, since pick
 * and decide never read them below the threshold.
 */
export function scoreCandidates(text: string, terms: SentenceTerms, ids: readonly string[], kb: CheckKb, threshold = 0): Match[] {
  const values = valuesOf(text);
  const out: Match[] = [];
  for (const id of ids) {
    const claim = kb.claim(id);
    if (!claim) continue;
    const supported = claim.verdict === 'supported';
    const base = scoreClaim(terms, claim.passages, kb);
    let compared = supported && base.score >= SLOT_BASE ? compareValues(values, claim.values) : null;
    const scored = compared && compared.slots.size > 0 ? scoreClaim(terms, claim.passages, kb, compared.slots) : base;
    const score = Math.round(scored.score * namePenalty(values.names, claim.values) * 1000) / 1000;
    if (score >= threshold) compared ??= compareValues(values, claim.values);
    const conflicts = supported && compared ? compared.conflicts : [];
    const contradicted = !supported && compared !== null && contradicts(values, claim, compared.conflicts);
    out.push({ claim, score, passage: scored.passage, conflicts, contradicted });
  }
  return out;
}

/** Flags whose error lies in the claim's date: a sentence that states no date cannot repeat it. */
export const DATE_FLAGS: ReadonlySet<string> = new Set(['wrong-date']);

/**
 * Whether a sentence does not make a dubious claim: it states one of the claim's dates or numbers
 * otherwise, or the claim is flagged for a wrong date that the sentence leaves out ("see Anthropic's
 * post" does not repeat "Anthropic's post came out in February 2024").
 */
export function contradicts(sentence: Values, claim: CheckClaim, conflicts: readonly Conflict[]): boolean {
  if (conflicts.length > 0) return true;
  const dateError = claim.flags.some((f) => DATE_FLAGS.has(f)) && claim.values.dates.length > 0;
  return dateError && sentence.dates.length === 0;
}

const byScore = (a: Match, b: Match) => b.score - a.score || cmp(a.claim.id, b.claim.id);

/** Picks the winning match among scored candidates, or null. */
export function pick(matches: readonly Match[], threshold: number): Match | null {
  const usable = matches.filter((m) => m.score >= threshold && !m.contradicted).sort(byScore);
  const top = usable[0];
  if (!top || problem(top)) return top ?? null;
  return usable.find((m) => problem(m) && m.score >= top.score - DUBIOUS_MARGIN) ?? top;
}

/** Decides a sentence's status from its scored candidates. */
export function decide(matches: readonly Match[], threshold: number): Decision {
  const best = matches.reduce((b, m) => Math.max(b, m.score), 0);
  const winner = pick(matches, threshold);
  if (!winner) return { status: 'unknown', match: null, others: [], best };
  if (!dubious(winner)) return { status: statusOf(winner), match: winner, others: [], best };
  const floor = Math.max(threshold, CO_MATCH_RATIO * winner.score);
  const problems = matches
    .filter((m) => dubious(m) && m.score >= floor && !m.contradicted)
    .map((match) => ({ match, status: statusOf(match) }))
    .sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status] || byScore(a.match, b.match));
  const [first, ...rest] = problems;
  return { status: first!.status, match: first!.match, others: rest, best };
}
