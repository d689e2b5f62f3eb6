/**
 * The build cache in `<out>/.cache/build/`: `files` (each content file's stat and hash, and the last
 * build: its input key, report and the fingerprints of the outputs it wrote) and `state` (each
 * file's digest, each resolved claim's record and blob references, the index dictionary, the blob
 * files and the snapshot of the last index). Each is a base and a journal of the changes since it
 * (cache/journal.ts), so that a build that changed little writes little. All carry the cache version,
 * the tool version, the index options and the knowledge base root; a file that does not parse or whose
 * header differs is ignored, never trusted. Writes are atomic.
 */
import path from 'node:path';
import type { CachedClaim } from '../engine/claims.js';
import type { CompactClaim, SourceDigest } from '../engine/digest.js';
import type { FileStat } from '../engine/inputs.js';
import { OPTIONS_HASH } from '../index/options.js';
import type { Report } from '../report/report.js';
import { TOOL_VERSION } from '../version.js';
import type { BlobFile } from './blobs.js';
import { readJournaled, writeJournal, writeWhole, type JournalBase, type Spec } from './journal.js';

/** Bumped whenever the cache's layout or meaning changes. */
export const BUILD_CACHE_VERSION = 8;
/** The build cache's folder, relative to the output folder. */
export const BUILD_CACHE_DIR = '.cache/build';

type Header = {
  version: number;
  tool: string;
  optionsHash: string;
  root: string;
};

/** An output file as written: enough to tell that it is still the one written. */
export interface Fingerprint {
  name: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** The last build of this output folder. */
export interface LastBuild {
  /** A hash of everything the report depends on (content, discovery diagnostics, tool version). */
  inputKey: string;
  contentHash: string;
  /**
   * Its report as JSON text: only a build with nothing to do reads it (to print it again), so the others
   * do not parse it (0.7 MB at 10,000 claims) as objects.
   */
  reportJson: string;
  /** The outputs it wrote, or null when it wrote none. */
  outputs: Fingerprint[] | null;
}

/** files.json. */
export interface FilesState {
  files: FileStat[];
  last: LastBuild | null;
}

/** state.json. */
export interface BuildState {
  /** The blob files of the resolved claims' records and of their index blocks. */
  records: BlobFile[];
  terms: BlobFile[];
  /** How many of the first records and terms files the base of the journal refers to (kept in place until the state is written whole). */
  pinned: [records: number, terms: number];
  /** The index dictionary the cached blocks refer to. */
  words: string[];
  /** The digest of every source and every claim file. */
  sources: SourceDigest[];
  claims: CompactClaim[];
  /** The resolved claims (the first file of each id). */
  resolved: CachedClaim[];
  /** The claims key of `resolved` (engine/check-journal.ts claimsKeyOf: their keys in id order), which check's journal must have to be written as a journal. */
  claimsKey: string;
  /** The report's running totals over the resolved claims (report/totals.ts, as JSON). */
  totals: unknown;
  /** The file of the snapshot of the last build's index (index/snapshot.ts), or null. */
  index: BlobFile | null;
}

const header = (root: string): Header => ({ version: BUILD_CACHE_VERSION, tool: TOOL_VERSION, optionsHash: OPTIONS_HASH, root });

/** The cache folder of an output folder. */
export function cacheDir(out: string): string {
  return path.join(out, BUILD_CACHE_DIR);
}

const sameFileStat = (a: FileStat, b: FileStat) =>
  a.kind === b.kind && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.hash === b.hash && a.t === b.t;
const sameRef = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** How files.json is journaled: the stat records by path, the last build whole. */
const FILES_SPEC: Spec = { files: { kind: 'keyed', key: (f: FileStat) => f.file, same: sameFileStat }, last: 'head' };

/**
 * How state.json is journaled: digests by path (a digest depends only on its file's content; a claim's
 * remembered resolution key, compared too, also on its sources), resolved
 * claims by id (the same resolution key and blob references: the blob file list is only appended to
 * between whole writes, see engine/save.ts), the dictionary appended to, the rest whole.
 */
const STATE_SPEC: Spec = {
  records: 'head',
  terms: 'head',
  pinned: 'head',
  words: 'append',
  sources: { kind: 'keyed', key: (d: SourceDigest) => d.file, same: (a: SourceDigest, b: SourceDigest) => a.hash === b.hash },
  claims: { kind: 'keyed', key: (c: CompactClaim) => c[0], same: (a: CompactClaim, b: CompactClaim) => a[1] === b[1] && a[8] === b[8] },
  resolved: { kind: 'keyed', key: (c: CachedClaim) => c.id, same: (a: CachedClaim, b: CachedClaim) => a.key === b.key && sameRef(a.record, b.record) && sameRef(a.terms, b.terms) },
  totals: 'head',
  index: 'head',
  claimsKey: 'head',
};

function read<T>(out: string, name: string, root: string, spec: Spec, valid: (data: T) => boolean): (T & { base: JournalBase }) | null {
  const got = readJournaled(cacheDir(out), name, header(root), spec);
  try {
    return got && valid(got.data as T) ? { ...(got.data as T), base: got.base } : null;
  } catch {
    return null;
  }
}

const pinnedOk = (d: BuildState) =>
  Array.isArray(d.pinned) && d.pinned.length === 2 && d.pinned.every(Number.isInteger) && d.pinned[0] >= 0 && d.pinned[1] >= 0 && d.pinned[0] <= d.records.length && d.pinned[1] <= d.terms.length;

/** files.json for `root` (with the base its journal applies to), or null when missing, unreadable or not this tool's. */
export function readFilesState(out: string, root: string): (FilesState & { base: JournalBase }) | null {
  return read<FilesState>(out, 'files', root, FILES_SPEC, (d) => Array.isArray(d.files) && (d.last === null || (typeof d.last?.inputKey === 'string' && typeof d.last.reportJson === 'string')));
}

/** state.json for `root` (with the base its journal applies to), or null when missing, unreadable or not this tool's. */
export function readBuildState(out: string, root: string): (BuildState & { base: JournalBase }) | null {
  const ref = (r: unknown) => Array.isArray(r) && r.length === 3 && r.every(Number.isInteger);
  const entry = (c: Partial<CachedClaim> | null) => typeof c?.key === 'string' && typeof c.id === 'string' && ref(c.record) && ref(c.terms) && Array.isArray(c.verify);
  const valid = (d: BuildState) =>
    [d.records, d.terms, d.words, d.sources, d.claims, d.resolved].every(Array.isArray) && d.resolved.every(entry) && pinnedOk(d) &&
    d.claims.every((c) => Array.isArray(c) && c.length === 9 && (c[8] === null || typeof c[8] === 'string')) && typeof d.totals === 'object' && d.totals !== null && typeof d.index === 'object' &&
    typeof d.claimsKey === 'string';
  return read<BuildState>(out, 'state', root, STATE_SPEC, valid);
}

/** Writes files.json: only its journal when `base` is given and few records changed since it. */
export function writeFilesState(out: string, root: string, data: FilesState, base: JournalBase | null): boolean {
  const d = data as unknown as Record<string, unknown>;
  if (base && writeJournal(cacheDir(out), 'files', header(root), FILES_SPEC, d, base)) return true;
  writeWhole(cacheDir(out), 'files', header(root), FILES_SPEC, d);
  return false;
}

/**
 * Writes only state.json's journal, when few entries changed since `base`; returns false (and writes
 * nothing) otherwise. The blob references of entries unchanged since the base must still be valid: the
 * caller only appends to the base's blob file lists.
 */
export function journalBuildState(out: string, root: string, data: BuildState, base: JournalBase): boolean {
  return writeJournal(cacheDir(out), 'state', header(root), STATE_SPEC, data as unknown as Record<string, unknown>, base);
}

/** Writes state.json whole (a new base). */
export function writeBuildState(out: string, root: string, data: BuildState): void {
  writeWhole(cacheDir(out), 'state', header(root), STATE_SPEC, data as unknown as Record<string, unknown>);
}
