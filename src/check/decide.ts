/**
 * Step 4 of check: the status of a check-worthy sentence from its scored candidates.
 *
 * - A candidate scoring below the threshold is ignored.
 * - A dubious candidate (refuted, misleading, unverified) whose date, number or name differs from the
 *   sentence's is ignored too: the sentence does not make that claim.
 * - Of the rest, the highest score wins; a dubious claim within DUBIOUS_MARGIN of a supported one wins
 *   over it, so a doubtful statement is not passed as supported on a near tie.
 * - The winner's verdict is the status, except that a supported claim whose date, number or name
 *   differs from the sentence's gives `conflict`. No winner gives `unknown`.
 */
import type { Conflict } from './conflicts.js';
import { findConflicts } from './conflicts.js';
import type { CheckClaim, CheckKb, Passage } from './kb.js';
import { scoreClaim, type SentenceTerms } from './score.js';

/** Every status a finding can have. */
export const STATUSES = ['supported', 'refuted', 'misleading', 'unverified', 'conflict', 'unknown'] as const;
/** A finding's status. */
export type Status = (typeof STATUSES)[number];

/** A dubious claim within this margin of the best supported claim's score is preferred to it. */
export const DUBIOUS_MARGIN = 0.05;

/** A scored candidate. */
export interface Match {
  claim: CheckClaim;
  score: number;
  passage: Passage | null;
  conflicts: Conflict[];
}

/** The decision for one sentence: its status, the winning match (null when unknown) and the best score seen. */
export interface Decision {
  status: Status;
  match: Match | null;
  /** The best score of any candidate, matched or not. */
  best: number;
}

const dubious = (m: Match) => m.claim.verdict !== 'supported';

/** Scores the candidate claims of a sentence. */
export function scoreCandidates(text: string, terms: SentenceTerms, ids: readonly string[], kb: CheckKb): Match[] {
  const out: Match[] = [];
  for (const id of ids) {
    const claim = kb.claim(id);
    if (!claim) continue;
    const { score, passage } = scoreClaim(terms, claim.passages, kb);
    out.push({ claim, score, passage, conflicts: score > 0 ? findConflicts(text, claim.claim) : [] });
  }
  return out;
}

/** Picks the winning match among scored candidates, or null. */
export function pick(matches: readonly Match[], threshold: number): Match | null {
  const usable = matches.filter((m) => m.score >= threshold && !(dubious(m) && m.conflicts.length > 0));
  let top: Match | null = null;
  for (const m of usable) if (!top || m.score > top.score) top = m;
  if (!top || dubious(top)) return top;
  let alt: Match | null = null;
  for (const m of usable) if (dubious(m) && m.score >= top.score - DUBIOUS_MARGIN && (!alt || m.score > alt.score)) alt = m;
  return alt ?? top;
}

/** Decides a sentence's status from its scored candidates. */
export function decide(matches: readonly Match[], threshold: number): Decision {
  const best = matches.reduce((b, m) => Math.max(b, m.score), 0);
  const match = pick(matches, threshold);
  if (!match) return { status: 'unknown', match: null, best };
  if (match.claim.verdict === 'supported') return { status: match.conflicts.length > 0 ? 'conflict' : 'supported', match, best };
  return { status: match.claim.verdict, match, best };
}
