/**
 * The library's build: the pipeline stages load → validate (per file, then cross-file) → verify quotes →
 * assess support → index → emit, run by the build engine (engine/run.ts) from scratch with everything
 * kept in memory. `analyze` is the same analysis over a loaded knowledge base. It returns data; the CLI
 * prints it (and uses the engine with its cache).
 */
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { CheckCache } from './check/cache.js';
import type { Diagnostic } from './diagnostics.js';
import { runEngine } from './engine/run.js';
import { defaultJobs } from './engine/jobs.js';
import { contentHashOfFiles } from './engine/unchanged.js';
import { outputHeader } from './emit/outputs.js';
import type { FinishedIndex } from './index/builder.js';
import { MINISEARCH_OPTIONS, type SearchDoc } from './index/options.js';
import type { LoadOptions } from './load/load.js';
import { serializedIndexText } from './index/render.js';
import type { KnowledgeBase, ResolvedClaim, ResolvedSource } from './model.js';
import { SILENT, type Progress } from './progress.js';
import { buildReport, type Report } from './report/report.js';
import { resolve } from './support/resolve.js';
import { crossCheck, indexById } from './validate/cross.js';
import { verifyQuotes } from './verify/verify.js';

/** Options of build. */
export interface BuildOptions {
  /** The knowledge base folder (holding claims/ and sources/). */
  root: string;
  /** Where to write the outputs; null to write nothing. Default: `<root>/build`. */
  out?: string | null;
  /** Treat warnings as failures: outputs are then not replaced when there are warnings. */
  strict?: boolean;
  /** Worker threads for parsing (default: one per core; 1 parses on this thread). Few files are always parsed here. */
  jobs?: number;
  /** Reuse the build cache in `<out>/.cache/build` (default false here; `claimkb build` uses it). */
  cache?: boolean;
  /** Progress reporting (default: none). */
  progress?: Progress;
  /** Parses the files instead of the build's own parsing (LoadOptions; results may come back in any order). */
  parseAll?: LoadOptions['parseAll'];
}

/** Everything a build produced. */
export interface BuildResult {
  kb: KnowledgeBase;
  claims: ResolvedClaim[];
  sources: ResolvedSource[];
  report: Report;
  /** The search index (loaded from the serialized form on first use). */
  readonly index: MiniSearch<SearchDoc>;
  /** sha256 over every content file's path and hash. */
  contentHash: string;
  /** True when the build is clean (no errors; no warnings under strict). */
  ok: boolean;
  /** The output folder written, or null when nothing was written (not asked, or not clean). */
  wrote: string | null;
}

/** A hash over the paths and content hashes of every file of the knowledge base. */
export function contentHashOf(kb: KnowledgeBase): string {
  return contentHashOfFiles([...kb.sources, ...kb.claims]);
}

/** Checks, verifies and resolves a loaded knowledge base, without writing anything. */
export function analyze(kb: KnowledgeBase) {
  const diagnostics: Diagnostic[] = [...kb.diagnostics];
  for (const f of [...kb.sources, ...kb.claims]) diagnostics.push(...f.diagnostics);
  diagnostics.push(...crossCheck(kb));
  const ignore: Diagnostic[] = [];
  const sources = indexById(kb.sources, ignore);
  const claims = indexById(kb.claims, ignore);
  const verified = verifyQuotes([...claims.values()], sources);
  diagnostics.push(...verified.diagnostics);
  const resolved = resolve(claims, sources, verified.quotes);
  const report = buildReport(resolved.claims, resolved.sources, diagnostics);
  return { ...resolved, report };
}

/** A MiniSearch index loaded from a finished index (what index.json holds). */
export function loadFinishedIndex(fin: FinishedIndex): MiniSearch<SearchDoc> {
  return MiniSearch.loadJSON<SearchDoc>(serializedIndexText(fin), MINISEARCH_OPTIONS);
}

/**
 * The search index of the knowledge base under `root`, built in memory with the build cache of the
 * output folder `cacheFrom` (read, never written): only what changed since the last `claimkb build`
 * there is resolved again (everything, when that folder has no usable cache).
 */
export async function indexInMemory(root: string, cacheFrom: string, options: Pick<BuildOptions, 'jobs' | 'progress'> = {}): Promise<FinishedIndex> {
  const result = await runEngine({ ...inMemoryOptions(root, cacheFrom, options), keepIndex: true });
  if (!result.index) throw new Error('claimkb: internal: the engine returned no index');
  return result.index;
}

/** What the check command reads (its cache's data), built in memory with the build cache of `cacheFrom` as indexInMemory does. */
export async function checkDataInMemory(root: string, cacheFrom: string, options: Pick<BuildOptions, 'jobs' | 'progress'> = {}): Promise<CheckCache> {
  const result = await runEngine({ ...inMemoryOptions(root, cacheFrom, options), keepCheck: true });
  if (!result.check) throw new Error('claimkb: internal: the engine returned no check data');
  return result.check;
}

/** The claims (as claims.json holds them) and the report (as report.json holds it), built in memory with the build cache of `cacheFrom` as indexInMemory does. */
export async function outputsInMemory(root: string, cacheFrom: string, options: Pick<BuildOptions, 'jobs' | 'progress'> = {}): Promise<{ claims: ResolvedClaim[]; report: Report }> {
  const result = await runEngine({ ...inMemoryOptions(root, cacheFrom, options), keepClaims: true });
  if (!result.claims) throw new Error('claimkb: internal: the engine returned no claims');
  return { claims: result.claims, report: { ...outputHeader('report', result.contentHash), ...result.report } }; // as report.json holds it
}

/** The engine's options for a build in memory with the build cache of `cacheFrom`, read only. */
function inMemoryOptions(root: string, cacheFrom: string, options: Pick<BuildOptions, 'jobs' | 'progress'>) {
  return { root: path.resolve(root), out: null, cacheFrom, cache: true, strict: false, keep: false, jobs: options.jobs ?? defaultJobs(), progress: options.progress ?? SILENT };
}

/**
 * Builds the knowledge base under `options.root` from scratch, keeping everything in memory, and writes
 * the outputs atomically when clean (and the build cache beside them, for `claimkb build`).
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const out = options.out === undefined ? path.join(root, 'build') : options.out;
  const result = await runEngine({
    root, out, strict: options.strict ?? false, jobs: options.jobs ?? defaultJobs(), cache: options.cache ?? false,
    keep: true, progress: options.progress ?? SILENT, ...(options.parseAll ? { parseAll: options.parseAll } : {}),
  });
  const kept = result.kept!;
  let index: MiniSearch<SearchDoc> | undefined;
  return {
    kb: kept.kb, claims: kept.claims, sources: kept.sources, report: result.report,
    contentHash: result.contentHash, ok: result.ok, wrote: result.wrote,
    get index() {
      return (index ??= loadFinishedIndex(kept.index));
    },
  };
}
