/**
 * `check` fact-checks an article against a knowledge base and returns data: split into sentences
 * (segment.ts), keep the check-worthy ones (worthy.ts), retrieve and score candidate claims
 * (retrieve.ts, score.ts), decide each status (decide.ts, conflicts.ts). The CLI prints the result.
 */
import type { BestQuote } from '../index/options.js';
import type { ArticleFormat } from './blocks.js';
import { decide, scoreCandidates, STATUS_RANK, STATUSES, type Status } from './decide.js';

/** How serious each status is (re-exported from decide.ts for the CLI). */
export { STATUS_RANK };
import type { Conflict } from './conflicts.js';
import type { CheckKb } from './kb.js';
import { retrieve, Scratch } from './retrieve.js';
import { MATCH_THRESHOLD, sentenceTerms } from './score.js';
import { segmentArticle, type Point, type Sentence } from './segment.js';
import { textTerms } from './terms.js';
import { assessWorthiness, type WorthyReason } from './worthy.js';

/** The default `--fail-on` level: refuted or conflict. */
export const DEFAULT_FAIL_ON: Status = 'refuted';

/** One check-worthy sentence and what the knowledge base says about it. */
export interface Finding {
  text: string;
  start: Point;
  end: Point;
  status: Status;
  /** The match score of the claim (for `unknown`, the best score seen below the threshold). */
  score: number;
  /** The matched claim's id, or null when unknown. */
  claim: string | null;
  /** The matched claim's sentence, verdict and flags (null and [] when unknown). */
  claimText: string | null;
  verdict: string | null;
  flags: string[];
  /** Values the article states differently from a supported claim (only for `conflict`). */
  conflicts: Conflict[];
  /** The claim's best evidence quote and its source. */
  evidence: BestQuote | null;
  /** Other problem claims the sentence also matches (a sentence may repeat several), most serious first. */
  also: AlsoMatch[];
  /** Why the sentence is check-worthy. */
  reasons: WorthyReason[];
}

/** Another claim a sentence matches, with the status it gives. */
export interface AlsoMatch {
  claim: string;
  status: Status;
  score: number;
  flags: string[];
  conflicts: Conflict[];
}

/** Counts and settings of a run. */
export interface CheckSummary {
  file: string;
  /** Sentences in the article, and how many were check-worthy. */
  sentences: number;
  checked: number;
  counts: Record<Status, number>;
  minScore: number;
  failOn: Status | 'never';
  /** Findings at or above the fail-on level. */
  failing: number;
}

/** The result of a check. */
export interface CheckResult {
  findings: Finding[];
  summary: CheckSummary;
}

/** Options of a check. */
export interface CheckOptions {
  /** The name printed for the article (default `-`). */
  file?: string;
  format?: ArticleFormat;
  /** The match threshold (default MATCH_THRESHOLD). */
  minScore?: number;
  /** The level that fails the check (default DEFAULT_FAIL_ON). */
  failOn?: Status | 'never';
}

/** Checks one sentence: its status against the knowledge base. */
export function checkSentence(sentence: Sentence, reasons: WorthyReason[], kb: CheckKb, threshold: number, scratch = new Scratch(kb.postings.size)): Finding {
  const own = textTerms(sentence.text);
  const terms = sentenceTerms(own.terms, own.negated, kb.weight);
  const ids = retrieve(kb.postings, sentence.text, scratch);
  const { status, match, others, best } = decide(scoreCandidates(sentence.text, terms, ids, kb, threshold), threshold);
  const c = match?.claim ?? null;
  return {
    text: sentence.text,
    start: sentence.start,
    end: sentence.end,
    status,
    score: match?.score ?? best,
    claim: c?.id ?? null,
    claimText: c?.claim ?? null,
    verdict: c?.verdict ?? null,
    flags: c ? [...c.flags] : [],
    conflicts: status === 'conflict' ? match!.conflicts : [],
    evidence: c ? kb.best(c.id) : null,
    also: others.map((o) => ({
      claim: o.match.claim.id,
      status: o.status,
      score: o.match.score,
      flags: [...o.match.claim.flags],
      conflicts: o.status === 'conflict' ? o.match.conflicts : [],
    })),
    reasons,
  };
}

/**
 * Fact-checks an article (markdown or plain text) against a prepared knowledge base. Check-worthy
 * sentences are all reported (unknown when no claim matches); a sentence with no reason and no veto
 * is reported only when it matches a claim (reason `claim`).
 */
export function check(article: string, kb: CheckKb, options: CheckOptions = {}): CheckResult {
  const threshold = options.minScore ?? MATCH_THRESHOLD;
  const failOn = options.failOn ?? DEFAULT_FAIL_ON;
  const sentences = segmentArticle(article, options.format ?? 'markdown');
  const findings: Finding[] = [];
  const scratch = new Scratch(kb.postings.size);
  for (const s of sentences) {
    const w = assessWorthiness(s);
    if (w.worthy) findings.push(checkSentence(s, w.reasons, kb, threshold, scratch));
    else if (w.veto === null) {
      const f = checkSentence(s, ['claim'], kb, threshold, scratch);
      if (f.status !== 'unknown') findings.push(f);
    }
  }
  const counts = Object.fromEntries(STATUSES.map((st) => [st, 0])) as Record<Status, number>;
  for (const f of findings) counts[f.status]++;
  const failing = failOn === 'never' ? 0 : findings.filter((f) => STATUS_RANK[f.status] >= STATUS_RANK[failOn]).length;
  return {
    findings,
    summary: { file: options.file ?? '-', sentences: sentences.length, checked: findings.length, counts, minScore: threshold, failOn, failing },
  };
}
