/**
 * Positioned diagnostics, in the manner of vfile messages: a problem in a document names its file,
 * line, column, severity and rule. Mistakes by the caller are thrown as ClaimkbError instead.
 */

/** How serious a diagnostic is. `info` never fails a build, `warning` fails only under --strict. */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based line and column (columns count UTF-16 code units, as editors do). */
export interface Position {
  line: number;
  column: number;
}

/** One problem found in a file of the knowledge base. */
export interface Diagnostic extends Position {
  /** Path relative to the knowledge base root, with forward slashes. */
  file: string;
  severity: Severity;
  /** The id of the rule that raised it, e.g. `quote-not-found`. */
  rule: string;
  message: string;
  /** An optional hint, e.g. the closest passage of a source for a quote that is not found. */
  hint?: string;
}

/** An error caused by the caller (bad arguments, unusable paths); the CLI maps it to exit code 2. */
export class ClaimkbError extends Error {
  override name = 'ClaimkbError';
  constructor(message: string) {
    super(message.startsWith('claimkb') ? message : `claimkb: ${message}`);
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders diagnostics by file, line, column, rule and message, so output never depends on file order. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.rule, b.rule) ||
    cmp(a.message, b.message)
  );
}

/** Byte-order string comparison (not locale-dependent), used for every sort in claimkb. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Formats a diagnostic as `path:line:col severity message rule-id` (plus an indented hint line). */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} ${d.rule}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** Counts diagnostics by severity. */
export function countBySeverity(list: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

/** Creates a diagnostic; `at` defaults to the start of the file. */
export function diagnostic(
  file: string,
  rule: string,
  severity: Severity,
  message: string,
  at: Position = { line: 1, column: 1 },
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { file, line: at.line, column: at.column, severity, rule, message };
  if (hint !== undefined) d.hint = hint;
  return d;
}
