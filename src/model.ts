/**
 * The data model shared by the pipeline stages: parsed files, then resolved claims and sources.
 * Everything here is plain JSON-serializable data, so parsed files can be cached and moved between threads.
 */
import type { Diagnostic, Position } from './diagnostics.js';
import type { MatchTier } from './verify/match.js';
import type { ClaimMeta, SourceMeta } from './schema.js';
import type { Stance, Verdict } from './vocab.js';

/** An inline citation `[@id]` found in a claim body. */
export interface Citation extends Position {
  id: string;
}

/** What every parsed content file has, whether or not its frontmatter is valid. */
export interface ParsedFileBase {
  /** Path relative to the root, forward slashes, e.g. `claims/foo.md`. */
  file: string;
  /** The file's stem, which the id must equal. */
  stem: string;
  /** sha256 of the raw bytes, hex. */
  hash: string;
  body: string;
  bodyStart: Position;
  /** Positions of frontmatter values by dotted path (`evidence.0.quote`). */
  positions: Record<string, Position>;
  diagnostics: Diagnostic[];
}

/** A parsed source file; `meta` is null when its frontmatter is unusable. */
export interface ParsedSource extends ParsedFileBase {
  kind: 'source';
  meta: SourceMeta | null;
}

/** A parsed claim file; `meta` is null when its frontmatter is unusable. */
export interface ParsedClaim extends ParsedFileBase {
  kind: 'claim';
  meta: ClaimMeta | null;
  citations: Citation[];
}

/** Either kind of parsed file. */
export type ParsedFile = ParsedSource | ParsedClaim;

/** A loaded knowledge base: every parsed file plus the diagnostics of discovery. */
export interface KnowledgeBase {
  root: string;
  sources: ParsedSource[];
  claims: ParsedClaim[];
  /** Diagnostics not tied to one parsed file (discovery, ignored files). */
  diagnostics: Diagnostic[];
}

/** Where and how a quote was found in its source. */
export interface QuoteLocation {
  tier: MatchTier;
  start: Position;
  end: Position;
  occurrences: number;
}

/** A quote of a claim, resolved against its source. */
export interface ResolvedQuote {
  source: string;
  /** The source's title, or null when the source is unknown. */
  sourceTitle: string | null;
  quote: string;
  /** Position of the quote in the claim file. */
  at: Position;
  /** Where the quote matched in the source body (positions in the source file), or null when not verified. */
  match: QuoteLocation | null;
}

/** An evidence item, resolved. */
export interface ResolvedEvidence extends ResolvedQuote {
  stance: Stance;
  note?: string;
}

/** The support level of a claim (see support/assess.ts for the rule). */
export type SupportLevel = 'strong' | 'weak' | 'none' | 'contested';

/** A claim's derived support. */
export interface Support {
  level: SupportLevel;
  /** Ids of sources whose verified evidence supports the claim, sorted. */
  supportedBy: string[];
  /** Ids of sources whose verified evidence refutes the claim, sorted. */
  refutedBy: string[];
  /** Why the claim lacks support for its verdict, or null when it does not. */
  lacking: string | null;
}

/** A claim with its quotes verified and its support derived. */
export interface ResolvedClaim {
  id: string;
  file: string;
  claim: string;
  verdict: Verdict;
  flags: string[];
  dubious: boolean;
  topics: string[];
  related: string[];
  appearances: ResolvedQuote[];
  evidence: ResolvedEvidence[];
  support: Support;
  /** Source ids cited inline in the body, sorted and unique. */
  cites: string[];
  body: string;
}

/** A source as emitted, with how often claims use it. */
export interface ResolvedSource extends SourceMeta {
  file: string;
  /** Claims that quote or cite this source, sorted. */
  usedBy: string[];
  words: number;
}

/** Re-exported meta types for convenience. */
export type { ClaimMeta, SourceMeta };
