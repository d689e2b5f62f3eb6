/**
 * The files behind an index assembled from the previous build's (index-assembly.ts): the snapshot of
 * the index in the build cache folder (`index-….bin`, a blob file named in state.json), and the
 * previous index.json, whose postings are copied for the terms that did not change, and its document
 * entries for the documents that did not change. The snapshot is
 * used only when it is the file written (its stat or sha256, as for the other blob files). The
 * previous index.json is used only while the index trust record says it is the file the last build
 * wrote and its header has the checksum the snapshot recorded. Anything else: the index is built and
 * rendered whole, as without a cache.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import path from 'node:path';
import { BlobSink, BlobSource, type BlobFile } from '../cache/blobs.js';
import type { Prefetched } from '../cache/prefetch.js';
import { INDEX_FILE } from '../index/index-file.js';
import type { IndexDoc } from '../index/builder.js';
import type { Reuse } from '../index/render.js';
import { DOC_RANGE_STRIDE } from '../index/render-docs.js';
import { decodeSnapshot, type IndexSnapshot } from '../index/snapshot.js';
import { FileWindow } from '../file-window.js';
import { readFully } from '../read-fully.js';
import { isTrusted, readIndexTrust } from '../search/index-trust.js';
import { CacheUnusable } from './types.js';

/** The previous index.json is read only when at least this fraction of its postings' bytes can be copied (else rendering them costs less than reading it). */
export const MIN_REUSE = 0.5;

/** `size` bytes of the open file `fd` from byte `from` on (a buffer of its own, so aligned). */
function readAll(fd: number, size: number, from = 0): Buffer {
  const buf = Buffer.allocUnsafeSlow(size);
  if (readFully(fd, buf, from) < size) throw new Error('claimkb: file is shorter than it was');
  return buf;
}

/**
 * The snapshot `file` in the cache folder `dir`, or null when it is missing, not the file written or
 * damaged. It is checked as a blob file is (cache/blobs.ts: its recorded stat, else its sha256), from
 * the bytes in `read` when it was read ahead (cache/prefetch.ts).
 */
export function readSnapshot(dir: string, file: BlobFile | null, read?: ReadonlyMap<string, Prefetched>): IndexSnapshot | null {
  if (!file || typeof file.name !== 'string' || !/^index-[\w.-]+\.bin$/.test(file.name)) return null;
  const source = new BlobSource(dir, [file]);
  if (read) source.use(read);
  try {
    return source.verify() ? decodeSnapshot(source.read([0, 0, file.size])) : null;
  } catch {
    return null;
  } finally {
    source.close();
  }
}

/** Writes a snapshot (its pieces, one after the other) as a new blob file of the cache folder `dir`; returns its description. */
export function writeSnapshot(dir: string, pieces: readonly Uint8Array[]): BlobFile {
  const sink = new BlobSink(dir, 'index');
  try {
    for (const p of pieces) sink.append(p);
    const file = sink.close();
    if (!file) throw new Error('claimkb: internal: an empty index snapshot');
    return file;
  } catch (error) {
    sink.discard();
    throw error;
  }
}

/** index.json's header is within its first this many bytes. */
const HEAD_BYTES = 2048;

/** The `"indexSha256":"…"` of index.json's header, from its first bytes. */
function headerSha(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return /"indexSha256":"([0-9a-f]{64})"/.exec(head)?.[1] ?? null;
}

/** True when the ranges rise within `bytes` bytes. */
function rangesFit(ranges: Int32Array, bytes: number): boolean {
  for (let k = 0; k < ranges.length; k++) if (ranges[k]! < (k ? ranges[k - 1]! : 0) || ranges[k]! > bytes) return false;
  return true;
}

/** True when each document's recorded value ranges lie within `bytes` bytes, after room for its key (or are absent: -1). */
function docRangesFit(docs: Int32Array, bytes: number): boolean {
  for (let k = 0; k < docs.length; k += 2) {
    const [s, e] = [docs[k]!, docs[k + 1]!];
    if (s === -1 && e === -1) continue;
    const short = Math.floor(k / DOC_RANGE_STRIDE);
    if (s - (String(short).length + 3) < 0 || e < s || e > bytes) return false;
  }
  return true;
}

/** Where the documents' entries are in the index.json rendered from `base`, and what of each document now (by short id) is unchanged there (Reuse.docs); null when that index.json was not rendered. */
export function docsReuse(base: IndexSnapshot, now: Omit<IndexNow, 'same'>): Reuse['docs'] | null {
  if (!base.rendered) return null;
  const same = new Uint8Array(now.docs.length);
  const n = Math.min(now.docs.length, base.ids.length);
  for (let i = 0; i < n; i++) if (base.ids[i] === now.docs[i]!.id) same[i] = base.keys[i] === now.keys[i] ? 2 : 1;
  return { ranges: base.rendered.docs, same };
}

/** The bytes of the postings of the terms that are unchanged (by their ranges in the previous index.json). */
function reusable(ranges: Int32Array, same: Int32Array): number {
  let n = 0;
  for (const s of same) if (s >= 0) n += ranges[2 * s + 1]! - ranges[2 * s]!;
  return n;
}

/** True when the open file `fd` is `<out>/index.json` as rendered (size) and as the build left it (trust record). */
function trustedIndex(out: string, fd: number, bytes: number): boolean {
  return fstatSync(fd).size === bytes && isTrusted(readIndexTrust(out), INDEX_FILE, fd);
}

/** The index now: for each term (by rank) the rank of the same postings in the snapshot or -1, and its documents and their resolution keys (by short id). */
export interface IndexNow {
  same: Int32Array;
  docs: readonly IndexDoc[];
  keys: readonly string[];
}

/**
 * What rendering needs to copy unchanged postings and document entries from `<out>/index.json` (see
 * the module comment): null when that file is not the one rendered from `base`, or when too few terms
 * are unchanged (MIN_REUSE). The file stays open until the Reuse is closed; its bytes are read through a
 * window as they are copied (file-window.ts), never whole. Should it turn out shorter than checked, the
 * copy throws CacheUnusable (the build then starts over without the cache).
 */
export function reuseOf(out: string, base: IndexSnapshot, now: IndexNow): Reuse | null {
  const r = base.rendered;
  const { same } = now;
  if (!r || r.ranges.length === 0 || !rangesFit(r.ranges, r.bytes) || !docRangesFit(r.docs, r.bytes)) return null;
  if (reusable(r.ranges, same) < MIN_REUSE * (r.ranges[r.ranges.length - 1]! - r.ranges[0]!)) return null;
  const docs = docsReuse(base, now)!;
  let fd: number | null = null;
  try {
    fd = openSync(path.join(out, INDEX_FILE), 'r');
    if (!trustedIndex(out, fd, r.bytes) || headerSha(readAll(fd, Math.min(HEAD_BYTES, r.bytes))) !== r.sha256) return null;
    const open = fd;
    fd = null;
    const window = new FileWindow(open, () => new CacheUnusable('claimkb: index.json is shorter than the build cache recorded'));
    return { copy: (w, from, to) => window.copy(from, to, (piece) => w.pass(piece)), close: () => closeSync(open), ranges: r.ranges, same, docs };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
