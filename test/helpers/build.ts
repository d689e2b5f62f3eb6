import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { CHECK_CACHE_FILE, checkCacheJson, indexContentHash, readCheckCache } from '../../src/check/cache.js';
import { runEngine, type EngineResult } from '../../src/engine/run.js';
import { SILENT } from '../../src/progress.js';
import { formatReport } from '../../src/report/format.js';
import { generate } from '../../bench/generate.js';
import { tempDir } from './kb.js';

/** The files a clean build writes, and check's cache beside them (its base and journal, merged: checkCacheIn). */
export const WRITTEN = ['claims.json', 'index.json', 'index.map.json', 'report.json', 'sources.json', '.cache/check.json'];

/** check's cache in `out` as check reads it (base and journal merged), as the one file a whole write makes; null when unusable. */
export function checkCacheIn(out: string): string | null {
  const contentHash = indexContentHash(out);
  const cache = contentHash === null ? null : readCheckCache(out, contentHash);
  return cache && checkCacheJson(contentHash!, cache);
}

/** Runs the build engine as `claimkb build` does (cache on unless said otherwise), on this thread unless `jobs` is given. */
export function engine(root: string, out: string, options: { cache?: boolean; jobs?: number; strict?: boolean; forceWorkers?: boolean } = {}): Promise<EngineResult> {
  return runEngine({ root, out, strict: options.strict ?? false, jobs: options.jobs ?? 1, forceWorkers: options.forceWorkers, cache: options.cache ?? true, keep: false, progress: SILENT });
}

/** The written outputs of a build in `out`, by name (what byte-identity is checked on). */
export function outputsIn(out: string): Record<string, string> {
  return Object.fromEntries(WRITTEN.map((n) => [n, n === CHECK_CACHE_FILE ? (checkCacheIn(out) ?? '(unusable)') : readFileSync(path.join(out, n), 'utf8')]));
}

/** The names of the blob files in a build cache (records and index blocks; not the index snapshot). */
export function blobFiles(out: string): string[] {
  return readdirSync(path.join(out, '.cache', 'build')).filter((n) => /^(records|terms)-.*\.bin$/.test(n)).sort();
}

/** The names of the index snapshot files in a build cache. */
export function snapshotFiles(out: string): string[] {
  return readdirSync(path.join(out, '.cache', 'build')).filter((n) => /^index-.*\.bin$/.test(n)).sort();
}

/** Builds with the cache in `<root>/build` and from scratch elsewhere; both must agree to the byte. */
export async function compareWithFresh(root: string): Promise<EngineResult> {
  const cached = await engine(root, path.join(root, 'build'));
  const freshOut = tempDir();
  const fresh = await engine(root, freshOut, { cache: false });
  expect(formatReport(cached.report)).toBe(formatReport(fresh.report));
  expect(outputsIn(path.join(root, 'build'))).toEqual(outputsIn(freshOut));
  return cached;
}

/** A generated knowledge base of `n` claims, built once with the cache into its own output folder. */
export async function builtGenerated(n: number): Promise<{ root: string; out: string }> {
  const root = tempDir();
  generate(n, root);
  const out = tempDir();
  expect((await engine(root, out)).ok).toBe(true);
  return { root, out };
}

/** Puts `words` before the claim sentence of the claim file `file` (a name in `<root>/claims`). */
export function editClaimText(root: string, file: string, words: string): void {
  const abs = path.join(root, 'claims', file);
  writeFileSync(abs, readFileSync(abs, 'utf8').replace(/^claim: "/m, `claim: "${words} `));
}
