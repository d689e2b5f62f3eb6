/**
 * Which content files changed since the last build. Like git's index, the build cache records each
 * file's size, times and inode with its content hash; a file whose stat is the same is not read again,
 * provided it last changed well before it was hashed (RACY_MS), so that a change made in the same
 * clock tick as the hashing is never missed. Other known files are read and hashed; unknown files are
 * left to the parser (which hashes what it reads).
 */
import { createHash } from 'node:crypto';
import type { FoundFile } from '../load/discover.js';
import type { FileKind } from '../load/parse-file.js';
import { MAX_FILE_BYTES, readContentBytesSync } from '../load/read.js';

/** A file's stat and content hash, as the build cache records them. */
export interface FileStat {
  file: string;
  kind: FileKind;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
  /** When the hash was taken (ms since the epoch; the start of that build). */
  t: number;
}

/** A found file and its content hash when known without parsing it (bytes, when they had to be read). */
export interface FileInput {
  found: FoundFile;
  hash: string | null;
  bytes?: Uint8Array;
  /** True when the hash comes from the cache's record without reading the file. */
  trusted: boolean;
}

/** A file whose last change is closer than this (ms) to the moment it was hashed is hashed again. */
export const RACY_MS = 2000;

/** True when the recorded hash still holds for the file: same stat, and changed well before it was hashed. */
export function statTrusted(found: FoundFile, entry: FileStat | undefined): entry is FileStat {
  return (
    entry !== undefined &&
    entry.kind === found.kind &&
    entry.size === found.size &&
    entry.mtimeMs === found.mtimeMs &&
    entry.ctimeMs === found.ctimeMs &&
    entry.ino === found.ino &&
    entry.ctimeMs < entry.t - RACY_MS &&
    entry.mtimeMs < entry.t - RACY_MS
  );
}

/** sha256 of bytes, hex (as parseFile computes a file's hash). */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The content hash of each found file where the cache's record vouches for it or reading it is cheap enough. */
export function identify(files: readonly FoundFile[], recorded: ReadonlyMap<string, FileStat> | null): FileInput[] {
  return files.map((found) => {
    const entry = recorded?.get(found.file);
    if (found.size > MAX_FILE_BYTES || entry === undefined) return { found, hash: null, trusted: false };
    if (statTrusted(found, entry)) return { found, hash: entry.hash, trusted: true };
    const read = readContentBytesSync(found.abs, found.file);
    // An unreadable or too large file: the parser reports it.
    return read.ok && read.bytes.length <= MAX_FILE_BYTES ? { found, hash: sha256(read.bytes), bytes: read.bytes, trusted: false } : { found, hash: null, trusted: false };
  });
}

/** The records of this build: the stat found with the hash used (a trusted file's record itself when the hash is the same); untrusted files are stamped `now`. */
export function fileStats(inputs: readonly FileInput[], hashes: readonly string[], recorded: ReadonlyMap<string, FileStat> | null, now: number): FileStat[] {
  return inputs.map(({ found, trusted }, i) => {
    const entry = trusted ? recorded!.get(found.file)! : undefined;
    return entry && entry.hash === hashes[i] ? entry : statOf(found, hashes[i]!, entry ? entry.t : now);
  });
}

function statOf(found: FoundFile, hash: string, t: number): FileStat {
  return {
    file: found.file,
    kind: found.kind,
    size: found.size,
    mtimeMs: found.mtimeMs,
    ctimeMs: found.ctimeMs,
    ino: found.ino,
    hash,
    t,
  };
}
