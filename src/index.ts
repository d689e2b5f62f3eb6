/**
 * claimkb's public library API. Pinned by test/exports.test.ts: change it deliberately.
 */
export { build, analyze, contentHashOf, type BuildOptions, type BuildResult } from './build.js';
export { loadKnowledgeBase, type LoadOptions } from './load/load.js';
export { parseFile, type FileKind } from './load/parse-file.js';
export { searchIndex, queryTerms, type SearchQuery, type SearchHit, type SearchOutcome, type SearchFilters } from './search/search.js';
export { openIndex, type OpenedIndex } from './search/open.js';
export { check, type CheckOptions, type CheckResult, type Finding, type CheckSummary } from './check/check.js';
export { openCheckKb, type OpenedKb } from './check/load.js';
export type { CheckKb } from './check/kb.js';
export { buildIndex } from './index/documents.js';
export { parseIndexFile, serializeIndex } from './index/index-file.js';
export { MINISEARCH_OPTIONS, OPTIONS_HASH, type SearchDoc, type BestQuote } from './index/options.js';
export { matchQuote, prepareSource, type MatchTier } from './verify/match.js';
export { assessSupport } from './support/assess.js';
export { buildReport, type Report } from './report/report.js';
export { formatReport } from './report/format.js';
export { writeAtomically } from './emit/atomic.js';
export {
  ClaimkbError,
  formatDiagnostic,
  compareDiagnostics,
  type Diagnostic,
  type Position,
  type Severity,
} from './diagnostics.js';
export { ClaimSchema, SourceSchema, type ClaimMeta, type SourceMeta, type Appearance, type Evidence } from './schema.js';
export { VERDICTS, FLAGS, SOURCE_KINDS, RELIABILITY, STANCES, type Verdict, type Flag } from './vocab.js';
export type { ResolvedClaim, ResolvedSource, ResolvedQuote, ResolvedEvidence, Support, SupportLevel, KnowledgeBase } from './model.js';
export { TOOL_VERSION, SCHEMA_VERSION, INDEX_FORMAT_VERSION } from './version.js';
