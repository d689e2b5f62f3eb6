/**
 * The support report: claims that lack support, dubious claims and where they appear, sources no
 * claim uses, counts per source and per verdict, and the diagnostics. Pure data; format.ts prints it.
 */
import { compareDiagnostics, countBySeverity, type Diagnostic, type Severity } from '../diagnostics.js';
import type { QuoteLocation, ResolvedClaim, ResolvedSource, Support, SupportLevel } from '../model.js';
import type { MatchTier } from '../verify/match.js';
import { VERDICT_NAMES, type Stance, type Verdict } from '../vocab.js';

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

/** Counts every source's quotes in one pass over the claims (linear in claims + sources). */
function countSources(sources: readonly ResolvedSource[], claims: readonly ReportClaim[]): SourceCount[] {
  const counts = new Map<string, SourceCount>();
  for (const s of sources) {
    counts.set(s.id, { id: s.id, title: s.title, reliability: s.reliability, claims: s.usedBy.length, appearances: 0, supports: 0, refutes: 0, context: 0, unverifiedQuotes: 0 });
  }
  for (const claim of claims) {
    for (const a of claim.appearances) {
      const c = counts.get(a.source);
      if (c) { c.appearances++; if (!a.match) c.unverifiedQuotes++; }
    }
    for (const e of claim.evidence) {
      const c = counts.get(e.source);
      if (c) { c[e.stance]++; if (!e.match) c.unverifiedQuotes++; }
    }
  }
  return sources.map((s) => counts.get(s.id)!);
}

function quoteCounts(claims: readonly ReportClaim[]): Report['summary']['quotes'] {
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
export function buildReport(claims: readonly ReportClaim[], sources: readonly ResolvedSource[], diagnostics: readonly Diagnostic[]): Report {
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
    perSource: countSources(sources, claims),
    diagnostics: sorted,
  };
}
