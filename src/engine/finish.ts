/**
 * The end of a build: cross-file checks over the digests, the report, the outputs (written atomically
 * when the build is clean), the staleness stamp, check's cache, and the build cache.
 */
import { cmp, type Diagnostic } from '../diagnostics.js';
import type { BlobReader, Sink } from '../cache/blobs.js';
import { writeAtomically } from '../emit/atomic.js';
import type { FinishedIndex, IndexBuilder } from '../index/builder.js';
import type { ParsedClaim, ParsedFile, ParsedSource, ResolvedClaim, ResolvedSource } from '../model.js';
import { buildReport } from '../report/report.js';
import { resolveSources, usedByOf } from '../support/resolve.js';
import { crossCheck } from '../validate/cross.js';
import type { CacheView } from './cache-view.js';
import type { ClaimEntry, ClaimResolver } from './claims.js';
import type { ClaimDigest, SourceDigest } from './digest.js';
import { fileStats, type FileInput, type FileStat } from './inputs.js';
import { outputContents, writeCheckCacheOf, type OutputModel } from './outputs.js';
import { isOk, type EngineOptions, type EngineResult, type Kept } from './types.js';
import { saveCache } from './save.js';
import { contentHashOfFiles, inputKeyOf, writeStamp } from './unchanged.js';

/** Where a build's new blobs go; `cached` is false when they are not kept (no cache folder). */
export interface Sinks {
  fragments: Sink | null;
  terms: Sink | null;
  cached: boolean;
}

/** Everything a run has when its claims are resolved. */
export interface FinishInput {
  root: string;
  stamp: string;
  now: number;
  discovery: readonly Diagnostic[];
  inputs: readonly FileInput[];
  recorded: ReadonlyMap<string, FileStat> | null;
  view: CacheView;
  sources: SourceDigest[];
  claims: ClaimDigest[];
  table: ReadonlyMap<string, SourceDigest>;
  resolver: ClaimResolver;
  builder: IndexBuilder;
  sinks: Sinks;
  keptFiles: ParsedFile[];
  keptClaims: ResolvedClaim[];
}

/** The claims.json texts of the entries, in order, from the cache's blob files or this build's. */
function* fragmentsOf(entries: readonly ClaimEntry[], old: BlobReader | null, fresh: BlobReader | null): Generator<Uint8Array> {
  for (const e of entries) {
    const source = e.fresh ? fresh : old;
    if (!source) throw new Error('claimkb: internal: a claim text is missing from the build cache');
    yield source.read(e.fragment);
  }
}

function diagnosticsOf(f: FinishInput): Diagnostic[] {
  const cross = crossCheck({ sources: f.sources, claims: f.claims });
  const files = [...f.sources, ...f.claims].flatMap((d) => d.diagnostics);
  return [...f.discovery, ...files, ...cross, ...f.resolver.entries.flatMap((e) => e.record.verify)];
}

/** Writes the outputs; returns their fingerprints. */
async function writeOutputs(out: string, f: FinishInput, model: Omit<OutputModel, 'fragments'>, entries: readonly ClaimEntry[]) {
  const freshSource = f.sinks.fragments?.reader() ?? null;
  try {
    const full: OutputModel = { ...model, fragments: () => fragmentsOf(entries, f.view.fragments, freshSource) };
    const written = await writeAtomically(out, outputContents(full));
    writeStamp(out, f.stamp);
    writeCheckCacheOf(out, full);
    return written;
  } finally {
    freshSource?.close();
  }
}

/** Finishes a run: report, outputs, cache. */
export async function finishBuild(o: EngineOptions, f: FinishInput): Promise<EngineResult> {
  o.progress.phase('writing outputs');
  const entries = [...f.resolver.entries].sort((a, b) => cmp(a.record.id, b.record.id));
  const used = f.resolver.entries.length ? usedByOf(f.resolver.digests) : new Map<string, string[]>();
  const sources = resolveSources([...f.table.values()].map((d) => ({ file: d.file, meta: d.meta!, words: d.words })), used);
  const report = buildReport(entries.map((e) => e.record.report), sources, diagnosticsOf(f));
  const contentHash = contentHashOfFiles([...f.sources, ...f.claims]);
  const ok = isOk(report, o.strict);
  const index: FinishedIndex = f.builder.finish();
  const fresh = { fragments: f.sinks.fragments?.close() ?? null, terms: f.sinks.terms?.close() ?? null };
  const model = { contentHash, records: entries.map((e) => e.record), sources, report, index };
  const written = ok && o.out !== null ? await writeOutputs(o.out, f, model, entries) : null;
  if (o.out !== null && f.sinks.cached) {
    const digests = [...f.sources, ...f.claims];
    const hashOf = new Map(digests.map((d) => [d.file, d.hash] as const));
    const files = fileStats(f.inputs, f.inputs.map((i) => hashOf.get(i.found.file)!), f.recorded, f.now);
    const last = { inputKey: inputKeyOf(contentHash, f.discovery), contentHash, report, outputs: written };
    try {
      saveCache({ out: o.out, root: f.root, view: f.view, fresh, entries, words: f.builder.words, liveWords: index.order.length, digests, files, last });
    } catch (error) {
      if (!(error as NodeJS.ErrnoException).code) throw error; // the cache is only an optimization: a folder it cannot write is not an error
    }
  }
  o.progress.done();
  const kept = o.keep ? keptOf(f, sources, index) : undefined;
  return { report, ok, wrote: written ? o.out : null, contentHash, unchanged: false, resolved: f.resolver.resolvedCount, ...(kept ? { kept } : {}) };
}

function keptOf(f: FinishInput, sources: ResolvedSource[], index: FinishedIndex): Kept {
  const kbSources = f.keptFiles.filter((p): p is ParsedSource => p.kind === 'source');
  const kbClaims = f.keptFiles.filter((p): p is ParsedClaim => p.kind === 'claim');
  const claims = [...f.keptClaims].sort((a, b) => cmp(a.id, b.id));
  return { kb: { root: f.root, sources: kbSources, claims: kbClaims, diagnostics: [...f.discovery] }, claims, sources, index };
}
