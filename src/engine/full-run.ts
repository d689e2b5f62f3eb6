/**
 * A build that parses and resolves what the cache does not have (see run.ts).
 */
import { mkdirSync } from 'node:fs';
import { BlobSink, MemorySink } from '../cache/blobs.js';
import { cacheDir } from '../cache/state.js';
import { IndexBuilder } from '../index/builder.js';
import type { FoundFile } from '../load/discover.js';
import type { KnowledgeBase, ParsedClaim, ParsedFile, ParsedSource, ResolvedClaim } from '../model.js';
import { indexById } from '../validate/cross.js';
import { QuoteVerifier } from '../verify/verify.js';
import { closeCache, emptyCache, openCache, type CacheView } from './cache-view.js';
import { ClaimResolver } from './claims.js';
import type { SourceDigest } from './digest.js';
import { finishBuild, type Sinks } from './finish.js';
import type { FileInput, FileStat } from './inputs.js';
import { parseOne } from './parse-one.js';
import { claimPhase, sourcePhase, taskOf, type PhaseContext } from './phases.js';
import { ChangedDuringBuild, type EngineOptions, type EngineResult } from './types.js';

/** The pieces of a run that the phases need. */
export interface RunInput {
  root: string;
  stamp: string;
  now: number;
  found: readonly FoundFile[];
  discovery: KnowledgeBase['diagnostics'];
  inputs: FileInput[];
  recorded: ReadonlyMap<string, FileStat> | null;
}

/** Parses a file again from disk; its content must still have the hash this build took. */
function reparse(found: ReadonlyMap<string, FoundFile>, file: string, hash: string): ParsedFile {
  const f = found.get(file);
  const parsed = f ? parseOne(taskOf(f)).parsed : null;
  if (!parsed || parsed.hash !== hash) throw new ChangedDuringBuild(`${file} changed during the build`);
  return parsed;
}

/** Runs the build past the no-change check, with the cache of `o.out` when `useCache`. */
export async function fullRun(o: EngineOptions, useCache: boolean, input: RunInput): Promise<EngineResult> {
  const view = useCache && o.out !== null ? openCache(o.out, input.root) : emptyCache();
  try {
    return await runWith(o, { ...input, view });
  } finally {
    closeCache(view);
  }
}

async function runWith(o: EngineOptions, r: RunInput & { view: CacheView }): Promise<EngineResult> {
  const keptFiles: ParsedFile[] = [];
  const keptClaims: ResolvedClaim[] = [];
  const ctx: PhaseContext = { cached: r.view.digests, jobs: o.jobs, forceWorkers: o.forceWorkers, progress: o.progress, ...(o.keep ? { parsed: (p) => keptFiles.push(p) } : {}) };
  const byFile = new Map(r.found.map((f) => [f.file, f] as const));
  const sources = await sourcePhase(ctx, r.inputs.filter((i) => i.found.kind === 'source'));
  const table = indexById(sources.digests, []);
  const verifier = new QuoteVerifier((id) => {
    const d = table.get(id);
    if (!d) return undefined;
    let p = sources.parsed.get(d.file);
    if (!p) sources.parsed.set(d.file, (p = reparse(byFile, d.file, d.hash) as ParsedSource));
    return p;
  });
  const builder = new IndexBuilder(r.view.words);
  const sinks = openSinks(o.out);
  const resolver = new ClaimResolver({
    sources: table as ReadonlyMap<string, SourceDigest>, verifier, builder, cached: r.view.claims,
    oldFragments: r.view.fragments, oldTerms: r.view.terms, fragments: sinks.fragments, terms: sinks.terms,
    reparse: (d) => {
      const parsed = reparse(byFile, d.file, d.hash) as ParsedClaim;
      return { parsed, terms: null };
    },
    ...(o.keep ? { keep: (c: ResolvedClaim) => keptClaims.push(c) } : {}),
  });
  try {
    const claimDigests = await claimPhase(ctx, r.inputs.filter((i) => i.found.kind === 'claim'), (d, p, t) => resolver.take(d, p, t));
    return await finishBuild(o, { ...r, sources: sources.digests, claims: claimDigests, table, resolver, builder, sinks, keptFiles, keptClaims });
  } catch (error) {
    sinks.fragments?.discard();
    sinks.terms?.discard();
    throw error;
  }
}

/**
 * This build's blob files, in the cache folder; none when nothing is written. When the cache folder
 * cannot be written, the claims' texts are kept in memory (the outputs' writer reports the folder).
 */
function openSinks(out: string | null): Sinks {
  if (out === null) return { fragments: null, terms: null, cached: false };
  try {
    const dir = cacheDir(out);
    mkdirSync(dir, { recursive: true });
    return { fragments: new BlobSink(dir, 'fragments'), terms: new BlobSink(dir, 'terms'), cached: true };
  } catch {
    return { fragments: new MemorySink(), terms: null, cached: false };
  }
}
