/**
 * The report's running totals over claims: counts per verdict, level, tier and source, and the entries
 * of the claims that lack support or are dubious. A claim's share can be added and taken away again,
 * so the build cache keeps the totals of the last build and a rebuild only accounts for the claims that
 * changed; report.ts turns totals into the report.
 */
import type { SupportLevel } from '../model.js';
import type { MatchTier } from '../verify/match.js';
import { VERDICT_NAMES, type Verdict } from '../vocab.js';
import type { DubiousEntry, LackingEntry, ReportClaim } from './report.js';

/** One source's quote counts (any source id a claim names, known or not). */
export interface QuoteCounts {
  appearances: number;
  supports: number;
  refutes: number;
  context: number;
  unverifiedQuotes: number;
}

/** The running totals (Maps; `totalsToJson`/`totalsFromJson` convert them for the cache). */
export interface ReportTotals {
  claims: number;
  perVerdict: Record<Verdict, number>;
  perLevel: Record<SupportLevel, number>;
  quotes: { total: number; byTier: Record<MatchTier, number> };
  perSource: Map<string, QuoteCounts>;
  lacking: Map<string, LackingEntry>;
  dubious: Map<string, DubiousEntry>;
}

/** Totals over no claims. */
export function emptyTotals(): ReportTotals {
  return {
    claims: 0,
    perVerdict: Object.fromEntries(VERDICT_NAMES.map((v) => [v, 0])) as Record<Verdict, number>,
    perLevel: { contested: 0, none: 0, strong: 0, weak: 0 },
    quotes: { total: 0, byTier: { exact: 0, normalized: 0, elided: 0 } },
    perSource: new Map(),
    lacking: new Map(),
    dubious: new Map(),
  };
}

function countQuote(t: ReportTotals, source: string, key: keyof QuoteCounts, verified: boolean, sign: number): void {
  let c = t.perSource.get(source);
  if (!c) t.perSource.set(source, (c = { appearances: 0, supports: 0, refutes: 0, context: 0, unverifiedQuotes: 0 }));
  c[key] += sign;
  if (!verified) c.unverifiedQuotes += sign;
  if (Object.values(c).every((n) => n === 0)) t.perSource.delete(source);
}

/** Adds a claim's share to the totals (sign 1), or takes it away (sign -1). */
export function addToTotals(t: ReportTotals, c: ReportClaim, sign: 1 | -1): void {
  t.claims += sign;
  t.perVerdict[c.verdict] += sign;
  t.perLevel[c.support.level] += sign;
  for (const q of [...c.appearances, ...c.evidence]) {
    t.quotes.total += sign;
    if (q.match) t.quotes.byTier[q.match.tier] += sign;
  }
  for (const a of c.appearances) countQuote(t, a.source, 'appearances', a.match !== null, sign);
  for (const e of c.evidence) countQuote(t, e.source, e.stance, e.match !== null, sign);
  if (sign < 0) {
    t.lacking.delete(c.id);
    t.dubious.delete(c.id);
    return;
  }
  if (c.support.lacking !== null) t.lacking.set(c.id, { id: c.id, file: c.file, verdict: c.verdict, level: c.support.level, reason: c.support.lacking });
  if (c.dubious) {
    const appearances = c.appearances.map((a) => ({ source: a.source, sourceTitle: a.sourceTitle, line: a.match?.start.line ?? null, column: a.match?.start.column ?? null }));
    t.dubious.set(c.id, { id: c.id, file: c.file, verdict: c.verdict, flags: c.flags, claim: c.claim, appearances });
  }
}

/** The totals as JSON-able data. */
export function totalsToJson(t: ReportTotals): object {
  return { ...t, perSource: [...t.perSource], lacking: [...t.lacking.values()], dubious: [...t.dubious.values()] };
}

/** Totals from totalsToJson's data, or null when it does not have their shape. */
export function totalsFromJson(data: unknown): ReportTotals | null {
  const d = data as Omit<ReportTotals, 'perSource' | 'lacking' | 'dubious'> & { perSource: Array<[string, QuoteCounts]>; lacking: LackingEntry[]; dubious: DubiousEntry[] };
  const shaped = typeof d?.claims === 'number' && [d.perSource, d.lacking, d.dubious].every(Array.isArray) && typeof d.perVerdict === 'object' && typeof d.perLevel === 'object' && typeof d.quotes?.byTier === 'object';
  if (!shaped) return null;
  return {
    ...d,
    perSource: new Map(d.perSource),
    lacking: new Map(d.lacking.map((e) => [e.id, e])),
    dubious: new Map(d.dubious.map((e) => [e.id, e])),
  };
}
