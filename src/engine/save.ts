/**
 * Saves the build cache after a build. When few entries changed since the base of state.json's journal,
 * only the journal is written: the blob files the base had stay in place (`pinned`, so that the references
 * of the entries unchanged since the base stay valid), the later ones only while used. Otherwise the state
 * is written whole and refers to the blob files it still needs (those of earlier builds and this build's
 * new one); when they hold too much that is no longer used, or there are too many of them, the live blobs
 * are copied into one new file (and the index dictionary is rebuilt). Files no state refers to any more
 * are deleted only after state.json and files.json were replaced (atomically), so a build killed at any
 * point leaves a consistent cache or an ignored one. The snapshot of the index (index/snapshot.ts) is
 * written whole every time, before the state that names it.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { BlobSink, BlobSource, type BlobFile, type BlobRef } from '../cache/blobs.js';
import type { JournalBase } from '../cache/journal.js';
import { cacheDir, journalBuildState, writeBuildState, writeFilesState, type BuildState, type LastBuild } from '../cache/state.js';
import { totalsToJson, type ReportTotals } from '../report/totals.js';
import type { CacheView } from './cache-view.js';
import type { CachedClaim, ClaimEntry } from './claims.js';
import { compactClaim, type ClaimDigest, type SourceDigest } from './digest.js';
import { writeSnapshot } from './index-cache.js';
import { CacheUnusable } from './types.js';
import type { FileStat } from './inputs.js';

/** More blob files of one kind than this are merged into one. */
export const MAX_BLOB_FILES = 8;
/** Blob files hold at most this many times the bytes still in use before they are merged. */
export const MAX_BLOB_WASTE = 2;
/** A blob file no state refers to is deleted once it is this old (ms): it may belong to a running build. */
const ORPHAN_MS = 10 * 60_000;
const F_BLOCK = 4;

type Kind = 'records' | 'terms';

/** What saveCache writes. */
export interface SaveInput {
  out: string;
  root: string;
  view: CacheView;
  fresh: Record<Kind, BlobFile | null>;
  /** The claims of this build, sorted by id. */
  entries: readonly ClaimEntry[];
  words: readonly string[];
  /** How many of the words the index uses. */
  liveWords: number;
  /** The snapshot of this build's index (index/snapshot.ts), as pieces to write one after the other. */
  snapshot: readonly Uint8Array[];
  sources: SourceDigest[];
  claims: ClaimDigest[];
  /** Each claim's resolution key in this build (null: not resolved), as `claims`. */
  claimKeys: Array<string | null>;
  totals: ReportTotals;
  /** The claims key of `entries` (check-journal.ts claimsKeyOf). */
  claimsKey: string;
  files: FileStat[];
  /** The base of files.json's journal (null: written whole). */
  filesBase: JournalBase | null;
  last: LastBuild;
}

/**
 * The blob files one kind's refs need, with the refs rewritten to them; the first `pinned` files (those
 * the base of state.json's journal refers to) stay in place whether used or not, and so do their refs.
 */
function relink(kind: Kind, input: SaveInput, refs: BlobRef[], pinned = 0): { files: BlobFile[]; refs: BlobRef[] } {
  const old = input.view.state?.[kind] ?? [];
  const used = [...new Set(refs.filter((r) => r[0] >= pinned).map((r) => r[0]))].sort((a, b) => a - b);
  const keep = [...old.keys()].slice(0, pinned).concat(used);
  const files = keep.map((i) => old[i]!);
  const at = new Map(keep.map((i, k) => [i, k] as const));
  if (input.fresh[kind]) files.push(input.fresh[kind]!);
  return { files, refs: refs.map((r) => (r[0] < 0 ? [files.length - 1, r[1], r[2]] : r[0] < pinned ? r : [at.get(r[0])!, r[1], r[2]])) };
}

function wasteful(files: readonly BlobFile[], refs: readonly BlobRef[]): boolean {
  const total = files.reduce((n, f) => n + f.size, 0);
  const live = refs.reduce((n, r) => n + r[2], 0);
  return files.length > MAX_BLOB_FILES || total > MAX_BLOB_WASTE * live + (1 << 20);
}

/** Copies the live blobs into one new file, rewriting index blocks with `remap` when given. */
function compact(kind: Kind, dir: string, files: BlobFile[], refs: BlobRef[], remap?: (block: Int32Array) => Int32Array) {
  const source = new BlobSource(dir, files);
  const sink = new BlobSink(dir, kind);
  try {
    const out = refs.map((ref): BlobRef => {
      let bytes: Uint8Array = source.read(ref);
      if (remap) {
        const block = remap(new Int32Array(Uint8Array.from(bytes).buffer));
        bytes = new Uint8Array(block.buffer, block.byteOffset, block.byteLength);
      }
      const [o, n] = sink.append(bytes);
      return [0, o, n];
    });
    const file = sink.close();
    return { files: file ? [file] : [], refs: out };
  } catch (error) {
    sink.discard();
    throw error;
  } finally {
    source.close();
  }
}

/** A dictionary of only the words the blocks use, and the remapping of blocks to it. */
function shrinkDictionary(words: readonly string[]): { words: string[]; remap: (block: Int32Array) => Int32Array } {
  const next: string[] = [];
  const ids = new Map<number, number>();
  const remap = (block: Int32Array): Int32Array => {
    for (let i = F_BLOCK; i < block.length; i += 2) {
      let id = ids.get(block[i]!);
      // A block not read in this build (the index snapshot had its postings) is checked here.
      if (id === undefined && words[block[i]!] === undefined) throw new CacheUnusable('claimkb: the build cache is damaged (an index block)');
      if (id === undefined) ids.set(block[i]!, (id = next.push(words[block[i]!]!) - 1));
      block[i] = id;
    }
    return block;
  };
  return { words: next, remap };
}

/** Deletes blob files of the cache folder that the new state does not use (orphans only once old). */
function sweep(dir: string, keep: ReadonlySet<string>, known: ReadonlySet<string>): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (keep.has(name) || !/^(records|terms|index)-.*\.bin(\.tmp)?$/.test(name)) continue;
    const info = statSync(path.join(dir, name), { throwIfNoEntry: false });
    const old = info !== undefined && now - info.mtimeMs > ORPHAN_MS;
    if (known.has(name) || old) rmSync(path.join(dir, name), { force: true });
  }
}

type Linked = { files: BlobFile[]; refs: BlobRef[] };

/** The state to save, with the blob files and references given. */
function stateOf(input: SaveInput & { index: BlobFile }, records: Linked, terms: Linked, words: string[], pinned: [number, number]): BuildState {
  const resolved = input.entries.map((e, i): CachedClaim => {
    const [record, block] = [records.refs[i]!, terms.refs[i]!];
    const was = e.fresh ? undefined : input.view.claims.get(e.key);
    return was && was.record === record && was.terms === block ? was : { key: e.key, id: e.id, record, terms: block, verify: e.verify };
  });
  return { records: records.files, terms: terms.files, pinned, words, sources: input.sources, claims: input.claims.map((c, i) => compactClaim(c, input.claimKeys[i]!)), resolved, totals: totalsToJson(input.totals), index: input.index, claimsKey: input.claimsKey };
}

/** Writes only state.json's journal, when the blob files need no merging and few entries changed; the blob files it keeps, or null. */
function saveJournal(input: SaveInput & { index: BlobFile }): BlobFile[] | null {
  const base = input.view.base;
  if (!base || input.words.length > MAX_BLOB_WASTE * input.liveWords + 1024) return null;
  const pinned = input.view.state!.pinned;
  const records = relink('records', input, input.entries.map((e) => e.record), pinned[0]);
  const terms = relink('terms', input, input.entries.map((e) => e.terms), pinned[1]);
  if (wasteful(records.files, records.refs) || wasteful(terms.files, terms.refs)) return null;
  return journalBuildState(input.out, input.root, stateOf(input, records, terms, [...input.words], pinned), base) ? [...records.files, ...terms.files] : null;
}

/** Writes state.json whole, merging the blob files when they hold too much unused; the blob files it keeps. */
function saveWhole(input: SaveInput & { index: BlobFile }): BlobFile[] {
  const dir = cacheDir(input.out);
  let records = relink('records', input, input.entries.map((e) => e.record));
  let terms = relink('terms', input, input.entries.map((e) => e.terms));
  let words = [...input.words];
  if (wasteful(records.files, records.refs)) records = compact('records', dir, records.files, records.refs);
  if (wasteful(terms.files, terms.refs) || words.length > MAX_BLOB_WASTE * input.liveWords + 1024) {
    const shrunk = shrinkDictionary(words);
    terms = compact('terms', dir, terms.files, terms.refs, shrunk.remap);
    words = shrunk.words;
  }
  writeBuildState(input.out, input.root, stateOf(input, records, terms, words, [records.files.length, terms.files.length]));
  return [...records.files, ...terms.files];
}

/** Saves the cache of a build (see the module comment). */
export function saveCache(save: SaveInput): void {
  const input = { ...save, index: writeSnapshot(cacheDir(save.out), save.snapshot) };
  const kept = [...(saveJournal(input) ?? saveWhole(input)), input.index];
  writeFilesState(input.out, input.root, { files: input.files, last: input.last }, input.filesBase);
  const keep = new Set(kept.map((f) => f.name));
  const { state } = input.view;
  const known = new Set([...(state?.records ?? []), ...(state?.terms ?? []), state?.index, input.fresh.records, input.fresh.terms].flatMap((f) => (f ? [f.name] : [])));
  sweep(cacheDir(input.out), keep, known);
}
