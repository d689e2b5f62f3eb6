/**
 * The build cache in `<out>/.cache/build/`: `files.json` (each content file's stat and hash, and the last
 * build: its input key, report and the fingerprints of the outputs it wrote) and `state.json` (each
 * file's digest, each resolved claim's record and blob references, the index dictionary and the blob
 * files). Both carry the cache version, the tool version, the index options and the knowledge base
 * root; a file that does not parse or whose header differs is ignored, never trusted. Writes are atomic.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CachedClaim } from '../engine/claims.js';
import type { CompactClaim, SourceDigest } from '../engine/digest.js';
import type { FileStat } from '../engine/inputs.js';
import { OPTIONS_HASH } from '../index/options.js';
import type { Report } from '../report/report.js';
import { TOOL_VERSION } from '../version.js';
import type { BlobFile } from './blobs.js';

/** Bumped whenever the cache's layout or meaning changes. */
export const BUILD_CACHE_VERSION = 4;
/** The build cache's folder, relative to the output folder. */
export const BUILD_CACHE_DIR = '.cache/build';

interface Header {
  version: number;
  tool: string;
  optionsHash: string;
  root: string;
}

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
  report: Report;
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
  /** The index dictionary the cached blocks refer to. */
  words: string[];
  /** The digest of every source and every claim file. */
  sources: SourceDigest[];
  claims: CompactClaim[];
  /** The resolved claims (the first file of each id). */
  resolved: CachedClaim[];
  /** The report's running totals over the resolved claims (report/totals.ts, as JSON). */
  totals: unknown;
}

const header = (root: string): Header => ({ version: BUILD_CACHE_VERSION, tool: TOOL_VERSION, optionsHash: OPTIONS_HASH, root });

/** The cache folder of an output folder. */
export function cacheDir(out: string): string {
  return path.join(out, BUILD_CACHE_DIR);
}

function read<T>(out: string, name: string, root: string, valid: (data: T) => boolean): T | null {
  try {
    const data = JSON.parse(readFileSync(path.join(cacheDir(out), name), 'utf8')) as Header & T;
    const h = header(root);
    const same = data.version === h.version && data.tool === h.tool && data.optionsHash === h.optionsHash && data.root === h.root;
    return same && valid(data) ? data : null;
  } catch {
    return null;
  }
}

function write(out: string, name: string, root: string, data: object): void {
  const dir = cacheDir(out);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify({ ...header(root), ...data }));
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** files.json for `root`, or null when missing, unreadable or not this tool's. */
export function readFilesState(out: string, root: string): FilesState | null {
  return read<FilesState>(out, 'files.json', root, (d) => Array.isArray(d.files) && (d.last === null || typeof d.last?.inputKey === 'string'));
}

/** state.json for `root`, or null when missing, unreadable or not this tool's. */
export function readBuildState(out: string, root: string): BuildState | null {
  const ref = (r: unknown) => Array.isArray(r) && r.length === 3 && r.every(Number.isInteger);
  const entry = (c: Partial<CachedClaim> | null) => typeof c?.key === 'string' && typeof c.id === 'string' && ref(c.record) && ref(c.terms) && Array.isArray(c.verify);
  const valid = (d: BuildState) =>
    [d.records, d.terms, d.words, d.sources, d.claims, d.resolved].every(Array.isArray) && d.resolved.every(entry) &&
    d.claims.every((c) => Array.isArray(c) && c.length === 8) && typeof d.totals === 'object' && d.totals !== null;
  return read<BuildState>(out, 'state.json', root, valid);
}

/** Writes files.json. */
export function writeFilesState(out: string, root: string, data: FilesState): void {
  write(out, 'files.json', root, data);
}

/** Writes state.json. */
export function writeBuildState(out: string, root: string, data: BuildState): void {
  write(out, 'state.json', root, data);
}
