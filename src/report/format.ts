/**
 * Prints a Report for people: the diagnostics first (path:line:col severity message rule-id),
 * then the report's sections and a summary line.
 */
import { formatDiagnostic } from '../diagnostics.js';
import type { Report } from './report.js';

const section = (title: string, count: number, lines: readonly string[]): string[] =>
  [``, `${title} (${count})`, ...(lines.length ? lines : ['  none'])];

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd());
}

/** The report's sections without the diagnostics. */
export function formatReportBody(r: Report): string[] {
  const lines: string[] = [];
  lines.push(...section('Claims that lack support', r.lackingSupport.length, r.lackingSupport.map((c) => `  ${c.id} [${c.verdict}, ${c.level}] ${c.reason}`)));
  lines.push(...section('Dubious claims', r.dubious.length, r.dubious.flatMap((c) => [
    `  ${c.id} [${c.verdict}] ${c.flags.join(', ')}`,
    ...c.appearances.map((a) => `      appears in ${a.source}${a.line === null ? ' (quote not verified)' : ` at ${a.line}:${a.column}`}`),
  ])));
  lines.push(...section('Sources no claim cites', r.unusedSources.length, r.unusedSources.map((s) => `  ${s.id} (${s.file})`)));
  lines.push('', 'Per source');
  lines.push(...table([['source', 'reliability', 'claims', 'appears', 'supports', 'refutes', 'context'],
    ...r.perSource.map((s) => [s.id, s.reliability, String(s.claims), String(s.appearances), String(s.supports), String(s.refutes), String(s.context)])]));
  lines.push('', 'Per verdict');
  lines.push(...table(Object.entries(r.perVerdict).map(([v, n]) => [v, String(n)])));
  const q = r.summary.quotes;
  lines.push('', `Quotes: ${q.verified}/${q.total} verified (exact ${q.byTier.exact}, normalized ${q.byTier.normalized}, elided ${q.byTier.elided})`);
  return lines;
}

/** The one-line summary that ends every build. */
export function formatSummary(r: Report): string {
  const s = r.summary;
  const d = s.diagnostics;
  return `${s.claims} claims, ${s.sources} sources, ${s.dubious} dubious, ${s.lackingSupport} lacking support; ${d.error} errors, ${d.warning} warnings`;
}

/** Prints the whole report: diagnostics, sections, summary line. */
export function formatReport(r: Report): string {
  const diags = r.diagnostics.map(formatDiagnostic);
  return [...diags, ...(diags.length ? [''] : []), 'Report', ...formatReportBody(r), '', formatSummary(r)].join('\n') + '\n';
}
