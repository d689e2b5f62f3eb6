/**
 * The end of a build: cross-file checks over the digests, the report (the cache's totals, less the claims
 * that changed or went, plus those resolved now), the outputs (written atomically when the build is
 * clean), the staleness stamp, check's cache, and the build cache.
 */
import { cmp, type Diagnostic } from '../diagnostics.js';
import type { BlobReader, BlobRef, Sink } from '../cache/blobs.js';
import type { JournalBase } from '../cache/journal.js';
import type { LastBuild } from '../cache/state.js';
import type { CheckCache } from '../check/cache.js';
import { writeAtomically } from '../emit/atomic.js';
import type { FinishedIndex } from '../index/builder.js';
import { INDEX_FILE } from '../index/index-file.js';
import { encodeSnapshot } from '../index/snapshot.js';
import { STAMP_FILE } from '../index/stamp.js';
import type { ParsedClaim, ParsedFile, ParsedSource, ResolvedClaim, ResolvedSource } from '../model.js';
import { reportOf, type ReportClaim } from '../report/report.js';
import { addToTotals, emptyTotals, type ReportTotals } from '../report/totals.js';
import { INDEX_MAP_FILE } from '../search/index-map-format.js';
import { writeIndexTrust } from '../search/index-trust.js';
import { closePreviousClaims, writeClaimsMap, type PreviousClaims } from '../emit/claims-map.js';
import { claimPieces } from './claims-output.js';
import { resolveSources, usedByOf } from '../support/resolve.js';
import { crossCheck } from '../validate/cross.js';
import type { CacheView } from './cache-view.js';
import type { ClaimEntry, ClaimResolver } from './claims.js';
import type { ClaimDigest, SourceDigest } from './digest.js';
import type { AssembledIndex, IndexAssembly } from './index-assembly.js';
import { reuseOf } from './index-cache.js';
import { docRangesOf } from '../index/render-docs.js';
import { fileStats, type FileInput, type FileStat } from './inputs.js';
import { claimsKeyOf, saveCheckCache } from './check-journal.js';
import { checkCacheDataOf, outputContents, type OutputModel, type RecordBytes, type RenderedIndex } from './outputs.js';
import { decodeRecord, recordOf, textOf } from './record.js';
import { saveCache } from './save.js';
import { CacheUnusable, isOk, type EngineOptions, type EngineResult, type Kept } from './types.js';
import { contentHashOfFiles, inputKeyOf } from './unchanged.js';
import { stepDone } from '../timings.js';

/** Where a build's new blobs go; `cached` is false when they are not kept (no cache folder). */
export interface Sinks {
  records: Sink | null;
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
  filesBase: JournalBase | null;
  view: CacheView;
  sources: SourceDigest[];
  claims: ClaimDigest[];
  table: ReadonlyMap<string, SourceDigest>;
  resolver: ClaimResolver;
  index: IndexAssembly;
  sinks: Sinks;
  keptFiles: ParsedFile[];
  keptClaims: ResolvedClaim[];
  /** The previous claims.json, to copy unchanged claims from (null: every claim's text comes from its record). */
  previousClaims: PreviousClaims | null;
}

/** The records of the entries, in order, from the cache's blob files or this build's. */
function* recordsOf(entries: readonly ClaimEntry[], old: BlobReader | null, fresh: BlobReader | null): Generator<RecordBytes> {
  for (const e of entries) yield recordOf(e, old, fresh);
}

/** Every diagnostic of the build: discovery, each file's, the cross-file checks', each resolved claim's quotes'. */
function diagnosticsOf(f: FinishInput): Diagnostic[] {
  const cross = crossCheck({ sources: f.sources, claims: f.claims });
  const out = [...f.discovery];
  const add = (list: readonly Diagnostic[]) => {
    for (const d of list) out.push(d); // most lists are empty: no flatMap over 10,000 of them
  };
  for (const d of f.sources) add(d.diagnostics);
  for (const d of f.claims) add(d.diagnostics);
  add(cross);
  for (const e of f.resolver.entries) add(e.verify);
  return out;
}

/** The report share of a claim in the cache; throws CacheUnusable when it does not decode. */
function cachedReport(view: CacheView, ref: BlobRef): ReportClaim {
  try {
    return JSON.parse(textOf(decodeRecord(view.records!.read(ref)).report)) as ReportClaim;
  } catch (error) {
    throw new CacheUnusable(`claimkb: the build cache is damaged (${(error as Error).message})`);
  }
}

/** The report totals: the cache's, less the claims no longer resolved the same, plus those resolved in this build. */
function totalsOf(f: FinishInput): ReportTotals {
  const { view } = f;
  const t = view.totals ?? emptyTotals();
  if (view.totals) {
    const kept = new Set(f.resolver.entries.filter((e) => !e.fresh).map((e) => e.key));
    for (const old of view.claims.values()) {
      if (!kept.has(old.key)) addToTotals(t, cachedReport(view, old.record), -1);
    }
  }
  for (const e of f.resolver.entries) if (e.fresh) addToTotals(t, e.report!, 1);
  return t;
}

/** Writes the outputs; returns their fingerprints. */
async function writeOutputs(out: string, f: FinishInput, model: Omit<OutputModel, 'records'>, entries: readonly ClaimEntry[], claimsKey: string) {
  const fresh = f.sinks.records?.reader() ?? null;
  try {
    let claimRanges: number[] | null = null;
    const claims = claimPieces(entries, f.previousClaims, (e) => recordOf(e, f.view.records, fresh));
    const full: OutputModel = { ...model, records: () => recordsOf(entries, f.view.records, fresh), claims, claimsLaidOut: (r) => (claimRanges = r) };
    // The stamp is committed with the outputs, so it never describes other outputs than those beside it.
    const written = (await writeAtomically(out, { ...outputContents(full), [STAMP_FILE]: f.stamp })).filter((w) => w.name !== STAMP_FILE);
    if (f.previousClaims) closePreviousClaims(f.previousClaims); // copied from: now, not at the end of the build, it frees the replaced file
    writeIndexTrust(out, written.filter((w) => w.name === INDEX_FILE || w.name === INDEX_MAP_FILE));
    const claimsFile = written.find((w) => w.name === 'claims.json');
    if (claimRanges && claimsFile) writeClaimsMap(out, claimsFile, { ids: entries.map((e) => e.id), keys: entries.map((e) => e.key), ranges: claimRanges });
    stepDone('writing the outputs');
    saveCheckCache(out, full, { entries, claimsKey, view: f.view, words: f.index.builder.words, freshRecords: fresh, freshTerms: f.sinks.terms });
    stepDone("check's cache");
    return written;
  } finally {
    fresh?.close();
  }
}

/** The content hash of each input, from its digest (the digests of each kind are in input order). */
function hashesOf(f: FinishInput): string[] {
  let [s, c] = [0, 0];
  return f.inputs.map((i) => {
    const d = i.found.kind === 'source' ? f.sources[s++] : f.claims[c++];
    if (d?.file !== i.found.file) throw new Error(`claimkb: internal: no digest in input order for ${i.found.file}`);
    return d.hash;
  });
}

/** What the index's parts of the outputs need: the assembled index, how to copy from the previous index.json, and what receives the rendering. */
function indexModel(out: string, f: FinishInput, assembled: AssembledIndex, onRendered: (r: RenderedIndex) => void): Pick<OutputModel, 'index' | 'reuse' | 'rendered'> {
  const { snapshot } = f.view;
  const { same } = assembled;
  return { index: assembled.index, reuse: () => (snapshot && same ? reuseOf(out, snapshot, { same, docs: assembled.index.docs, keys: assembled.keys }) : null), rendered: onRendered };
}

/** Saves the build cache, with the snapshot of the index (and where its postings are in index.json, when it was written). */
function saveBuildCache(out: string, f: FinishInput, b: { entries: readonly ClaimEntry[]; claimsKey: string; assembled: AssembledIndex; rendered: RenderedIndex | null; totals: ReportTotals; last: LastBuild }): void {
  const fresh = { records: f.sinks.records?.close() ?? null, terms: f.sinks.terms?.close() ?? null };
  const files = fileStats(f.inputs, hashesOf(f), f.recorded, f.now);
  const { index, keys } = b.assembled;
  const r = b.rendered;
  const snapshot = encodeSnapshot(index, { keys, rendered: r && b.last.outputs ? { sha256: r.sha, bytes: r.bytes, ranges: r.layout.postings, docs: docRangesOf(r.layout) } : null });
  try {
    saveCache({ out, root: f.root, view: f.view, fresh, entries: b.entries, words: f.index.builder.words, liveWords: index.order.length, snapshot, sources: f.sources, claims: f.claims, claimKeys: f.resolver.keysOf(f.claims), totals: b.totals, claimsKey: b.claimsKey, files, filesBase: f.filesBase, last: b.last });
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error; // the cache is only an optimization: a folder it cannot write is not an error
  }
}

/** Finishes a run: report, outputs, cache. */
export async function finishBuild(o: EngineOptions, f: FinishInput): Promise<EngineResult> {
  o.progress.phase('writing outputs');
  const entries = [...f.resolver.entries].sort((a, b) => cmp(a.id, b.id));
  let claimsKey: string | undefined; // hashed only when something is written
  const keyOfClaims = () => (claimsKey ??= claimsKeyOf(entries.map((e) => e.key)));
  const sources = resolveSources([...f.table.values()].map((d) => ({ file: d.file, meta: d.meta!, words: d.words })), usedByOf(f.resolver.digests));
  const totals = totalsOf(f);
  const report = reportOf(totals, sources, diagnosticsOf(f));
  const contentHash = contentHashOfFiles([...f.sources, ...f.claims]);
  const ok = isOk(report, o.strict);
  stepDone('sources, report, cross-file checks, content hash');
  const assembled = f.index.finish();
  const { index } = assembled;
  stepDone('sorting the index postings');
  let rendered: RenderedIndex | null = null;
  const model = (out: string) => ({ contentHash, count: entries.length, sources, report, ...indexModel(out, f, assembled, (r) => (rendered = r)) });
  const written = ok && o.out !== null ? await writeOutputs(o.out, f, model(o.out), entries, keyOfClaims()) : null;
  if (o.out !== null && f.sinks.cached) {
    const last = { inputKey: inputKeyOf(contentHash, f.discovery), contentHash, reportJson: JSON.stringify(report), outputs: written };
    saveBuildCache(o.out, f, { entries, claimsKey: keyOfClaims(), assembled, rendered, totals, last });
  }
  stepDone('saving the build cache');
  o.progress.done();
  if (o.keep || o.keepIndex) readStored(index); // what is returned must not need the cache, which is closed after
  const kept = o.keep ? keptOf(f, sources, index) : undefined;
  const records = () => recordsOf(entries, f.view.records, f.sinks.records?.reader() ?? null);
  const check = o.keepCheck ? fromRecords(() => checkCacheDataOf({ records, index })) : undefined;
  const claims = o.keepClaims ? fromRecords(() => [...records()].map((r) => JSON.parse(textOf(r.fragment)) as ResolvedClaim)) : undefined;
  return { report, ok, wrote: written ? o.out : null, contentHash, unchanged: false, resolved: f.resolver.resolvedCount, ...(kept ? { kept } : {}), ...(o.keepIndex ? { index } : {}), ...(check ? { check } : {}), ...(claims ? { claims } : {}) };
}

/** What `make` makes from the claims' records (the cache's and this build's, in memory); CacheUnusable when a cached one does not decode. */
function fromRecords<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw error instanceof CacheUnusable ? error : new CacheUnusable(`claimkb: the build cache is damaged (${(error as Error).message})`);
  }
}

/** Reads every document's stored fields (those of documents kept from the cache are read when first asked for: index-assembly.ts). */
function readStored(index: FinishedIndex): void {
  for (const d of index.docs) void d.stored;
}

function keptOf(f: FinishInput, sources: ResolvedSource[], index: FinishedIndex): Kept {
  const kbSources = f.keptFiles.filter((p): p is ParsedSource => p.kind === 'source');
  const kbClaims = f.keptFiles.filter((p): p is ParsedClaim => p.kind === 'claim');
  const claims = [...f.keptClaims].sort((a, b) => cmp(a.id, b.id));
  return { kb: { root: f.root, sources: kbSources, claims: kbClaims, diagnostics: [...f.discovery] }, claims, sources, index };
}
