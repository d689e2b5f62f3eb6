/**
 * The support report: claims that lack support, dubious claims and where they appear, sources no
 * claim uses, counts per source and per verdict, and the diagnostics. Pure data; format.ts prints it.
 */
import { compareDiagnostics, countBySeverity, type Diagnostic, type Severity } from '../diagnostics.js';
import type { ResolvedClaim, ResolvedSource, SupportLevel } from '../model.js';
import type { MatchTier } from '../verify/match.js';
import { VERDICT_NAMES, type Verdict } from '../vocab.js';

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

function countSource(s: ResolvedSource, claims: readonly ResolvedClaim[]): SourceCount {
  const c: SourceCount = { id: s.id, title: s.title, reliability: s.reliability, claims: s.usedBy.length, appearances: 0, supports: 0, refutes: 0, context: 0, unverifiedQuotes: 0 };
  for (const claim of claims) {
    for (const a of claim.appearances) if (a.source === s.id) { c.appearances++; if (!a.match) c.unverifiedQuotes++; }
    for (const e of claim.evidence) if (e.source === s.id) { c[e.stance]++; if (!e.match) c.unverifiedQuotes++; }
  }
  return c;
}

function quoteCounts(claims: readonly ResolvedClaim[]): Report['summary']['quotes'] {
  const byTier: Record<MatchTier, number> = { exact: 0, normalized: 0, elided: 0 };
  let total = 0;
  for (const c of claims) for (const q of [...c.appearances, ...c.evidence]) {
    total++;
    if (q.match) byTier[q.match.tier]++;
  }
  const verified = byTier.exact + byTier.normalized + byTier.elided;
  return { total, verified, notVerified: total - verified, byTier };
}

/** Builds the report from resolved claims and sources and every diagnostic of the build. */
export function buildReport(claims: readonly ResolvedClaim[], sources: readonly ResolvedSource[], diagnostics: readonly Diagnostic[]): Report {
  const perVerdict = Object.fromEntries(VERDICT_NAMES.map((v) => [v, 0])) as Record<Verdict, number>;
  const perLevel: Record<SupportLevel, number> = { contested: 0, none: 0, strong: 0, weak: 0 };
  for (const c of claims) { perVerdict[c.verdict]++; perLevel[c.support.level]++; }
  const lackingSupport = claims.filter((c) => c.support.lacking !== null)
    .map((c) => ({ id: c.id, file: c.file, verdict: c.verdict, level: c.support.level, reason: c.support.lacking! }));
  const dubious = claims.filter((c) => c.dubious).map((c) => ({
    id: c.id, file: c.file, verdict: c.verdict, flags: c.flags, claim: c.claim,
    appearances: c.appearances.map((a) => ({ source: a.source, sourceTitle: a.sourceTitle, line: a.match?.start.line ?? null, column: a.match?.start.column ?? null })),
  }));
  const unusedSources = sources.filter((s) => s.usedBy.length === 0).map((s) => ({ id: s.id, file: s.file }));
  const sorted = [...diagnostics].sort(compareDiagnostics);
  return {
    summary: {
      claims: claims.length, sources: sources.length, dubious: dubious.length, lackingSupport: lackingSupport.length,
      unusedSources: unusedSources.length, quotes: quoteCounts(claims), diagnostics: countBySeverity(sorted),
    },
    perVerdict, perLevel, lackingSupport, dubious, unusedSources,
    perSource: sources.map((s) => countSource(s, claims)),
    diagnostics: sorted,
  };
}
