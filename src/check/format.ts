/**
 * Step 5 of check: the report for people, one line per finding
 * (`file:line:col status  sentence → claim id, verdict, flags, “best evidence quote” (source title)`),
 * an indented line per conflict, and a summary line with the counts. `--json` prints the data instead.
 */
import type { CheckResult, CheckSummary, Finding } from './check.js';
import type { Conflict } from './conflicts.js';
import { STATUSES } from './decide.js';

/** Sentences longer than this are shortened in the human report (the JSON keeps them whole). */
export const MAX_SENTENCE_CHARS = 160;

const STATUS_WIDTH = Math.max(...STATUSES.map((s) => s.length));

/** Shortens text to `max` characters at a word boundary, marking the cut with an ellipsis. */
export function shorten(text: string, max = MAX_SENTENCE_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Words one conflict: `date: the article says X; the knowledge base says Y`. */
export function formatConflict(c: Conflict): string {
  return `${c.kind}: the article says ${c.article}; the knowledge base says ${c.kb}`;
}

/** What a finding points to: the claim, its verdict and flags, and its best evidence quote. */
function target(f: Finding): string {
  if (f.claim === null) return 'no claim covers this (candidate for a new claim)';
  const parts = [f.claim, f.verdict ?? ''];
  if (f.flags.length > 0) parts.push(f.flags.join(' '));
  // A context quote neither supports nor refutes the claim: say so, as search does.
  if (f.evidence) parts.push(`“${f.evidence.quote}” (${f.evidence.sourceTitle}${f.evidence.stance === 'context' ? ', context' : ''})`);
  return parts.join(', ');
}

/** Formats one finding, then indented: its conflicts and the other problem claims it matches. */
export function formatFinding(f: Finding, file: string): string {
  const head = `${file}:${f.start.line}:${f.start.column} ${f.status.padEnd(STATUS_WIDTH)}  ${shorten(f.text)} → ${target(f)}`;
  const also = f.also.map((a) => `    also ${a.status}: ${[a.claim, ...(a.flags.length ? [a.flags.join(' ')] : []), ...a.conflicts.map(formatConflict)].join(', ')}`);
  return [head, ...f.conflicts.map((c) => `    ${formatConflict(c)}`), ...also].join('\n');
}

/** The summary line. */
export function formatSummary(s: CheckSummary): string {
  const counts = STATUSES.map((st) => `${s.counts[st]} ${st}`).join(', ');
  const fail = s.failOn === 'never' ? '' : `; ${s.failing} at or above --fail-on ${s.failOn}`;
  return `${s.file}: ${s.sentences} sentences, ${s.checked} check-worthy: ${counts}${fail}`;
}

/** The whole human report. */
export function formatReport(result: CheckResult): string {
  const lines = result.findings.map((f) => formatFinding(f, result.summary.file));
  return `${[...lines, ...(lines.length ? [''] : []), formatSummary(result.summary)].join('\n')}\n`;
}

/** The JSON report: `{findings, summary}`, two-space indented, with a final newline. */
export function formatJson(result: CheckResult): string {
  return `${JSON.stringify({ findings: result.findings, summary: result.summary }, null, 2)}\n`;
}
