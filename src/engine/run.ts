/**
 * The build engine: discover → identify changed files → parse (cache, workers) → resolve claims
 * (cache) → cross-file checks and report → outputs → cache. Shared by `claimkb build` (with the build
 * cache) and the library's build() (from scratch, keeping everything in memory). With or without the
 * cache, with or without workers, in whatever order files come, the outputs are the same bytes.
 * This module loads only what the no-change path needs; parsing and the rest are loaded when needed.
 */
import path from 'node:path';
import { BlobPrefetch } from '../cache/prefetch.js';
import { cacheDir, readFilesState } from '../cache/state.js';
import { closePreviousClaims, openPreviousClaims, type PreviousClaims } from '../emit/claims-map.js';
import { computeStamp, stampOf } from '../index/stamp.js';
import { discover } from '../load/discover.js';
import { identify } from './inputs.js';
import { CacheUnusable, ChangedDuringBuild, cacheFolder, type EngineOptions, type EngineResult } from './types.js';
import { unchangedBuild } from './unchanged.js';
import { stepDone } from '../timings.js';

export { ChangedDuringBuild, isOk, type EngineOptions, type EngineResult, type Kept } from './types.js';

/** The blob files read ahead when the cache is opened: the claims' records and the index snapshot, read whole. */
const PREFETCHED = /^(records|index)-[\w.-]+\.bin$/;
/** Those read ahead when claims.json's unchanged claims can be copied from the previous one (claims-output.ts): few records are then read. */
const PREFETCHED_COPYING = /^index-[\w.-]+\.bin$/;

/** What a run reads ahead or holds open until it ends. */
interface Reading {
  prefetch?: BlobPrefetch;
  previousClaims?: PreviousClaims | null;
}

/** Runs a build; if a file changes while it runs, or the cache turns out damaged, runs once more without the cache. */
export async function runEngine(options: EngineOptions): Promise<EngineResult> {
  try {
    return await attempt(options, options.cache);
  } catch (error) {
    if (!(error instanceof ChangedDuringBuild) && !(error instanceof CacheUnusable)) throw error;
    return attempt(options, false);
  }
}

/**
 * The staleness stamp of the files discovery found, without stat-ing them again when that gives the
 * same stamp as computeStamp: no symbolic link and no `.md` entry that is not a regular file.
 */
function stampOfDiscovery(root: string, found: Awaited<ReturnType<typeof discover>>): string {
  const special = found.diagnostics.some((d) => d.rule === 'symlink-outside-root' || (d.rule === 'ignored-file' && d.file.endsWith('.md')));
  return special || found.files.some((f) => f.link) ? computeStamp(root) : stampOf(found.files);
}

async function attempt(o: EngineOptions, useCache: boolean): Promise<EngineResult> {
  const reading: Reading = {};
  try {
    return await attemptWith(o, useCache, reading);
  } finally {
    reading.prefetch?.dispose();
    if (reading.previousClaims) closePreviousClaims(reading.previousClaims);
  }
}

/** Starts reading ahead the blob files a build that opens the cache of `cached` will read (see attemptWith), and opens the previous claims.json when it can be copied from. */
function readAhead(o: EngineOptions, cached: string, reading: Reading): void {
  reading.previousClaims = o.out !== null && !o.keepCheck && !o.keepClaims ? openPreviousClaims(o.out) : null;
  const wanted = reading.previousClaims ? PREFETCHED_COPYING : PREFETCHED;
  reading.prefetch = BlobPrefetch.start(cacheDir(cached), (name) => wanted.test(name));
}

async function attemptWith(o: EngineOptions, useCache: boolean, reading: Reading): Promise<EngineResult> {
  const now = Date.now();
  const root = path.resolve(o.root);
  const found = await discover(root);
  stepDone('discovery: list and lstat the content files');
  const stamp = o.out === null ? '' : stampOfDiscovery(root, found);
  const cached = useCache ? cacheFolder(o) : null;
  const filesState = cached !== null ? readFilesState(cached, root) : null;
  const recorded = filesState ? new Map(filesState.files.map((f) => [f.file, f] as const)) : null;
  const inputs = identify(found.files, recorded);
  // When a file's stat changed, the build will most likely open the cache: its largest files are read on
  // the thread pool meanwhile (cache/prefetch.ts). A build with nothing to do reads none of them.
  if (filesState && inputs.some((i) => !i.trusted)) readAhead(o, cached!, reading);
  stepDone('staleness stamp, files.json, changed files');
  const fast = o.out === null ? null : await unchangedBuild({ out: o.out, root, strict: o.strict, inputs, discovery: found.diagnostics, filesState, recorded, stamp, now });
  stepDone('checking whether anything changed');
  if (fast) return fast;
  const { fullRun } = await import('./full-run.js');
  stepDone('loading the rest of the build');
  const previousClaims = reading.previousClaims ?? null;
  return fullRun(o, useCache, { root, stamp, now, found: found.files, discovery: found.diagnostics, inputs, recorded, filesBase: filesState?.base ?? null, previousClaims }, reading.prefetch);
}
