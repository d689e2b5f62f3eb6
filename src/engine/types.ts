/**
 * Build engine types shared by its modules (kept apart so that the no-change path loads nothing heavy).
 */
import type { CheckCache } from '../check/cache.js';
import { ClaimkbError, countBySeverity } from '../diagnostics.js';
import type { FinishedIndex } from '../index/builder.js';
import type { LoadOptions } from '../load/load.js';
import type { KnowledgeBase, ResolvedClaim, ResolvedSource } from '../model.js';
import type { Progress } from '../progress.js';
import type { Report } from '../report/report.js';

/** Options of a build run. */
export interface EngineOptions {
  root: string;
  /** The output folder, or null to write nothing. */
  out: string | null;
  strict: boolean;
  /** Parallel jobs (worker threads); 1 parses on the main thread. */
  jobs: number;
  /** Start workers even for a few files (tests). */
  forceWorkers?: boolean;
  /** Parses the files to parse instead of the engine's own parsing (tests: see LoadOptions). */
  parseAll?: LoadOptions['parseAll'];
  /** Use the build cache in `<out>/.cache/build` (it is written whenever `out` is given). */
  cache: boolean;
  /**
   * With `out` null and `cache`: the output folder whose build cache is read (and never written), so
   * that a build in memory resolves only what changed since the last `claimkb build` there.
   */
  cacheFrom?: string;
  /** Return the finished index (EngineResult.index), without keeping anything else. */
  keepIndex?: boolean;
  /** Return what the check command reads (EngineResult.check: its cache's data), without writing it. */
  keepCheck?: boolean;
  /** Return the claims as claims.json holds them (EngineResult.claims), without writing it. */
  keepClaims?: boolean;
  /** Keep every parsed file and resolved claim in memory (for the library's build()). */
  keep: boolean;
  progress: Progress;
}

/** What a build kept in memory (keep: true). */
export interface Kept {
  kb: KnowledgeBase;
  claims: ResolvedClaim[];
  sources: ResolvedSource[];
  index: FinishedIndex;
}

/** The result of a build run. */
export interface EngineResult {
  report: Report;
  ok: boolean;
  wrote: string | null;
  contentHash: string;
  /** True when nothing changed since the last build, so nothing was parsed, resolved or written. */
  unchanged: boolean;
  /** How many claims were resolved (not taken from the cache). */
  resolved: number;
  kept?: Kept;
  /** The finished index, when asked for (keepIndex) and the build ran past the no-change check. */
  index?: FinishedIndex;
  /** What the check command reads, when asked for (keepCheck) and the build ran past the no-change check. */
  check?: CheckCache;
  /** The claims as claims.json holds them, when asked for (keepClaims) and the build ran past the no-change check. */
  claims?: ResolvedClaim[];
}

/** A file changed between the moment it was hashed and the moment it was read again. */
export class ChangedDuringBuild extends Error {}

/**
 * The build cache holds something that does not decode (a blob file trusted by its stat, then found
 * damaged), or a file copied from is shorter than recorded. A ClaimkbError, so that writing the outputs
 * lets it through as it is (emit/atomic.ts), and runEngine runs the build again without the cache.
 */
export class CacheUnusable extends ClaimkbError {}

/** The output folder whose build cache a run that uses one reads: its own, or the one it reads without writing (cacheFrom). */
export function cacheFolder(o: Pick<EngineOptions, 'out' | 'cacheFrom'>): string | null {
  return o.out ?? o.cacheFrom ?? null;
}

/** Whether the build's result is clean: no errors (and no warnings under strict). */
export function isOk(report: Report, strict: boolean): boolean {
  const counts = countBySeverity(report.diagnostics);
  return counts.error === 0 && !(strict && counts.warning > 0);
}

