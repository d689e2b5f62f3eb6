/**
 * The support report: claims that lack support, dubious claims and where they appear, sources no
 * claim uses, counts per source and per verdict, and the diagnostics. Pure data; format.ts prints it.
 */
import { cmp, compareDiagnostics, countBySeverity, type Diagnostic, type Severity } from '../diagnostics.js';
import type { QuoteLocation, ResolvedClaim, ResolvedSource, Support, SupportLevel } from '../model.js';
import type { MatchTier } from '../verify/match.js';
import { VERDICT_NAMES, type Stance, type Verdict } from '../vocab.js';
import { addToTotals, emptyTotals, type QuoteCounts, type ReportTotals } from './totals.js';

/** What the report reads of a claim: a ResolvedClaim has it, and so has the build cache's slim record. */
export interface ReportClaim {
  id: string; file: string; verdict: Verdict; flags: string[]; dubious: boolean; claim: string;
  support: Pick<Support, 'level' | 'lacking'>;
  appearances: ReadonlyArray<{ source: string; sourceTitle: string | null; match: Pick<QuoteLocation, 'tier' | 'start'> | null }>;
  evidence: ReadonlyArray<{ source: string; stance: Stance; match: Pick<QuoteLocation, 'tier'> | null }>;
}

/** Only what the report reads of a resolved claim (for the build cache). */
export function reportClaimOf(c: ResolvedClaim): ReportClaim {
  return {
    id: c.id, file: c.file, verdict: c.verdict, flags: c.flags, dubious: c.dubious, claim: c.claim,
    support: { level: c.support.level, lacking: c.support.lacking },
    appearances: c.appearances.map((a) => ({ source: a.source, sourceTitle: a.sourceTitle, match: a.match && { tier: a.match.tier, start: a.match.start } })),
    evidence: c.evidence.map((e) => ({ source: e.source, stance: e.stance, match: e.match && { tier: e.match.tier } })),
  };
}

/** A claim that lacks support for its verdict. */
export interface LackingEntry { id: string; file: string; verdict: Verdict; level: SupportLevel; reason: string }
/** A dubious (flagged) claim and the places it appears. */
export interface DubiousEntry {
  id: string; file: string; verdict: Verdict; flags: string[]; claim: string;
  appearances: { source: string; sourceTitle: string | null; line: number | null; column: number | null }[];
}
/** Quote and claim counts of one source. */
export interface SourceCount {
  id: string; title: string; reliability: string; claims: number; appearances: number;
  supports: number; refutes: number; context: number; unverifiedQuotes: number;
}

/** The whole report, as written to report.json. */
export interface Report {
  summary: {
    claims: number; sources: number; dubious: number; lackingSupport: number; unusedSources: number;
    quotes: { total: number; verified: number; notVerified: number; byTier: Record<MatchTier, number> };
    diagnostics: Record<Severity, number>;
  };
  perVerdict: Record<Verdict, number>;
  perLevel: Record<SupportLevel, number>;
  lackingSupport: LackingEntry[];
  dubious: DubiousEntry[];
  unusedSources: { id: string; file: string }[];
  perSource: SourceCount[];
  diagnostics: Diagnostic[];
}

/** Builds the report from resolved claims and sources and every diagnostic of the build. */
export function buildReport(claims: readonly ReportClaim[], sources: readonly ResolvedSource[], diagnostics: readonly Diagnostic[]): Report {
  const totals = emptyTotals();
  for (const c of claims) addToTotals(totals, c, 1);
  return reportOf(totals, sources, diagnostics);
}

const NO_QUOTES: QuoteCounts = { appearances: 0, supports: 0, refutes: 0, context: 0, unverifiedQuotes: 0 };

/** The report from the running totals over the claims, the sources and every diagnostic of the build. */
export function reportOf(t: ReportTotals, sources: readonly ResolvedSource[], diagnostics: readonly Diagnostic[]): Report {
  const byId = (a: { id: string }, b: { id: string }) => cmp(a.id, b.id);
  const lackingSupport = [...t.lacking.values()].sort(byId);
  const dubious = [...t.dubious.values()].sort(byId);
  const unusedSources = sources.filter((s) => s.usedBy.length === 0).map((s) => ({ id: s.id, file: s.file }));
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const byTier = { ...t.quotes.byTier };
  const verified = byTier.exact + byTier.normalized + byTier.elided;
  return {
    summary: {
      claims: t.claims, sources: sources.length, dubious: dubious.length, lackingSupport: lackingSupport.length, unusedSources: unusedSources.length,
      quotes: { total: t.quotes.total, verified, notVerified: t.quotes.total - verified, byTier }, diagnostics: countBySeverity(sorted),
    },
    perVerdict: Object.fromEntries(VERDICT_NAMES.map((v) => [v, t.perVerdict[v]])) as Record<Verdict, number>,
    perLevel: { contested: t.perLevel.contested, none: t.perLevel.none, strong: t.perLevel.strong, weak: t.perLevel.weak },
    lackingSupport, dubious, unusedSources,
    perSource: sources.map((s) => ({ id: s.id, title: s.title, reliability: s.reliability, claims: s.usedBy.length, ...(t.perSource.get(s.id) ?? NO_QUOTES) })),
    diagnostics: sorted,
  };
}
