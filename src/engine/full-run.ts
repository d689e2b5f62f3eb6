/**
 * A build that parses and resolves what the cache does not have (see run.ts).
 */
import { mkdirSync } from 'node:fs';
import { BlobSink } from '../cache/blobs.js';
import { MemorySink } from '../cache/memory-sink.js';
import { cmp } from '../diagnostics.js';
import type { JournalBase } from '../cache/journal.js';
import type { BlobPrefetch } from '../cache/prefetch.js';
import type { PreviousClaims } from '../emit/claims-map.js';
import { cacheDir } from '../cache/state.js';
import { IndexBuilder } from '../index/builder.js';
import type { FoundFile } from '../load/discover.js';
import type { KnowledgeBase, ParsedClaim, ParsedFile, ParsedSource, ResolvedClaim } from '../model.js';
import { indexById } from '../validate/cross.js';
import { closeCache, emptyCache, openCache, type CacheView } from './cache-view.js';
import { ClaimResolver } from './claims.js';
import { sourcesChanged, type SourceDigest } from './digest.js';
import { finishBuild, type Sinks } from './finish.js';
import { IndexAssembly } from './index-assembly.js';
import type { FileInput, FileStat } from './inputs.js';
import { parseOne } from './parse-one.js';
import { envOf, type SourceInfo } from './source-env.js';
import { cachedDigest, claimPhase, parsedOnce, sourcePhase, taskOf, type PhaseContext } from './phases.js';
import { BATCH_FILES, usesWorkers, WorkerPool } from './pool.js';
import { ChangedDuringBuild, cacheFolder, type EngineOptions, type EngineResult } from './types.js';
import { stepDone } from '../timings.js';

/** The pieces of a run that the phases need. */
export interface RunInput {
  root: string;
  stamp: string;
  now: number;
  found: readonly FoundFile[];
  discovery: KnowledgeBase['diagnostics'];
  inputs: FileInput[];
  recorded: ReadonlyMap<string, FileStat> | null;
  /** The base of files.json's journal (null: files.json is written whole). */
  filesBase: JournalBase | null;
  /** The previous claims.json, open, when its unchanged claims can be copied (then few records are read). */
  previousClaims: PreviousClaims | null;
}

/** Parses files again from disk; a file's content must still have the hash this build took. */
function reparser(found: readonly FoundFile[]): (file: string, hash: string) => ParsedFile {
  const byFile = new Map(found.map((f) => [f.file, f] as const));
  return (file, hash) => {
    const f = byFile.get(file);
    const parsed = f ? parseOne(taskOf(f)).parsed : null;
    if (!parsed || parsed.hash !== hash) throw new ChangedDuringBuild(`${file} changed during the build`);
    return parsed;
  };
}

/** Runs the build past the no-change check, with the cache of `o.out` (or `o.cacheFrom`) when `useCache` (and its files read ahead in `prefetch`). */
export async function fullRun(o: EngineOptions, useCache: boolean, input: RunInput, prefetch?: BlobPrefetch): Promise<EngineResult> {
  const reparse = reparser(input.found);
  const cached = useCache ? cacheFolder(o) : null;
  const fewRecords = input.previousClaims !== null;
  const view = cached !== null ? await openCache(cached, input.root, (f, h) => reparse(f, h) as ParsedClaim, { prefetch, fewRecords }) : emptyCache();
  stepDone('opening the build cache');
  try {
    return await runWith(o, { ...input, view }, reparse);
  } finally {
    closeCache(view);
  }
}

/** The sources claims are resolved against: each id's first file, with its body when this build parsed it. */
function sourceInfos(table: ReadonlyMap<string, SourceDigest>, parsed: ReadonlyMap<string, ParsedSource>, found: readonly FoundFile[]): SourceInfo[] {
  const byFile = new Map(found.map((f) => [f.file, f] as const));
  return [...table].map(([id, d]) => {
    const p = parsed.get(d.file);
    const f = byFile.get(d.file)!;
    return { id, file: d.file, abs: f.abs, hash: d.hash, size: f.size, meta: d.meta!, ...(p ? { body: p.body, bodyStart: p.bodyStart } : {}) };
  });
}

/**
 * The sources table of the build that saved the cache: each id's first file in path order, as that build
 * made it (the state's digests are sorted again: a journal puts the digests it adds after the base's).
 */
function lastSourceTable(view: CacheView): Map<string, SourceDigest> {
  return indexById([...(view.state?.sources ?? [])].sort((a, b) => cmp(a.file, b.file)), []);
}

async function runWith(o: EngineOptions, r: RunInput & { view: CacheView }, reparse: ReturnType<typeof reparser>): Promise<EngineResult> {
  const keptFiles: ParsedFile[] = [];
  const keptClaims: ResolvedClaim[] = [];
  const builder = new IndexBuilder(r.view.words);
  const ctx: PhaseContext = {
    cached: r.view.digests, jobs: o.jobs, forceWorkers: o.forceWorkers, progress: o.progress, reparse, intern: (w) => builder.intern(w),
    ...(o.keep ? { parsed: (p) => keptFiles.push(p) } : {}),
    ...(o.parseAll ? { given: parsedOnce(o.parseAll, r.found) } : {}),
  };
  ctx.pool = o.parseAll ? null : poolFor(ctx, r.inputs);
  try {
    return await phases(o, r, ctx, { keptFiles, keptClaims, builder, reparse });
  } finally {
    await ctx.pool?.close();
  }
}

/** The build's worker pool when there are enough files to parse for workers to pay off (started now), else null. */
function poolFor(ctx: PhaseContext, inputs: readonly FileInput[]): WorkerPool | null {
  const toParse = inputs.filter((i) => !cachedDigest(ctx, i)).length;
  return usesWorkers(toParse, ctx) ? new WorkerPool(Math.min(ctx.jobs, Math.ceil(toParse / BATCH_FILES))) : null;
}

/** What the phases of one run fill or share. */
interface RunState {
  keptFiles: ParsedFile[];
  keptClaims: ResolvedClaim[];
  builder: IndexBuilder;
  reparse: ReturnType<typeof reparser>;
}

async function phases(o: EngineOptions, r: RunInput & { view: CacheView }, ctx: PhaseContext, { keptFiles, keptClaims, builder, reparse }: RunState): Promise<EngineResult> {
  const sources = await sourcePhase(ctx, r.inputs.filter((i) => i.found.kind === 'source'));
  stepDone('sources: parsed or taken from the cache');
  const table = indexById(sources.digests, []);
  const sinks = openSinks(o.out, o.keepCheck === true || o.keepClaims === true);
  const infos = sourceInfos(table, sources.parsed, r.found);
  const render = sinks.records !== null;
  ctx.sources = { type: 'sources', sources: infos, render, keep: o.keep };
  const index = new IndexAssembly(builder, r.view.snapshot);
  const changedSources = sourcesChanged(lastSourceTable(r.view), table);
  const resolver = new ClaimResolver({
    sources: table, changedSources, env: envOf(infos, render, (s) => reparse(s.file, s.hash) as ParsedSource), index, cached: r.view.claims,
    oldRecords: r.view.records, oldTerms: r.view.terms, records: sinks.records, terms: sinks.terms,
    reparse: (d) => reparse(d.file, d.hash) as ParsedClaim,
    ...(o.keep ? { keep: (c: ResolvedClaim) => keptClaims.push(c) } : {}),
  });
  try {
    const claims = await claimPhase(ctx, r.inputs.filter((i) => i.found.kind === 'claim'), (d, p) => resolver.take(d, p));
    await ctx.pool?.close(); // before the outputs: the workers' memory is not needed any more
    stepDone('claims: parsed and resolved, or taken from the cache');
    return await finishBuild(o, { ...r, sources: sources.digests, claims, table, resolver, index, sinks, keptFiles, keptClaims });
  } catch (error) {
    sinks.records?.discard();
    sinks.terms?.discard();
    throw error;
  }
}

/**
 * This build's blob files, in the cache folder; none when nothing is written (but the claims' records
 * in memory when `records`: keepCheck and keepClaims need them). When the cache folder cannot be written, the
 * claims' records are kept in memory (the outputs' writer reports the folder).
 */
function openSinks(out: string | null, records: boolean): Sinks {
  if (out === null) return { records: records ? new MemorySink() : null, terms: null, cached: false };
  try {
    const dir = cacheDir(out);
    mkdirSync(dir, { recursive: true });
    return { records: new BlobSink(dir, 'records'), terms: new BlobSink(dir, 'terms'), cached: true };
  } catch {
    return { records: new MemorySink(), terms: null, cached: false };
  }
}
