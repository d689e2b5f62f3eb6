/**
 * Blob files of the build cache: append-only files of opaque byte strings (claims.json fragments, index
 * terms), each blob found by (file, offset, length). A build appends what it computed to new files and
 * never changes a file an earlier cache state refers to. A file is trusted if its size and sha256 are
 * those the state recorded, or, without hashing it, if it is still the file written: same size,
 * modification and change times and inode as recorded just after it was moved into place (a change of
 * its bytes changes its change time, which cannot be set back; what reads blobs from a file trusted so
 * still checks that they decode).
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Prefetched } from './prefetch.js';
import { readFully } from '../read-fully.js';
import { sameStat } from '../fingerprint.js';

/** A blob file: its name in the cache folder, its size and its sha256, and its stat once in place (absent in older caches). */
export interface BlobFile {
  name: string;
  size: number;
  sha256: string;
  mtimeMs?: number;
  ctimeMs?: number;
  ino?: number;
}

/** Where a blob is: the index of its file in the state's list, its offset and its length. */
export type BlobRef = [file: number, offset: number, length: number];

/** Appended data is written in chunks of about this many bytes. */
const WRITE_CHUNK = 1 << 20;
/** Reads fetch at least this many bytes ahead (blobs are mostly read in the order they were written). */
const READ_AHEAD = 4 << 20;
/** A verified blob file up to this size is kept in memory whole. */
const KEEP_BYTES = 256 << 20;

let sequence = 0;

/** Reads blobs. */
export interface BlobReader {
  /** The bytes of one blob: a view that stays valid while it is referenced (no later read overwrites it). */
  read(ref: BlobRef): Uint8Array;
  close(): void;
}

/** Where a build appends its new blobs. */
export interface Sink {
  /** Appends one blob; returns its offset and length. */
  append(data: Uint8Array | string): [offset: number, length: number];
  /** Finishes writing: the file written (null if none), after which reader() reads what was appended. */
  close(): BlobFile | null;
  /** Reads what was appended (refs with any file index), after close(). */
  reader(): BlobReader | null;
  /** Abandons what was written. */
  discard(): void;
}

/** A new blob file being written. */
export class BlobSink implements Sink {
  private file?: BlobFile | null;
  readonly name: string;
  private readonly path: string;
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;

  constructor(dir: string, prefix: string) {
    this.name = `${prefix}-${process.pid}-${Date.now()}-${sequence++}.bin`;
    this.path = path.join(dir, this.name);
    this.fd = openSync(`${this.path}.tmp`, 'w');
  }

  /** Appends one blob; returns its offset and length in this file. */
  append(data: Uint8Array | string): [offset: number, length: number] {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const offset = this.size;
    this.hash.update(buf);
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    this.size += buf.length;
    if (this.pendingBytes >= WRITE_CHUNK) this.flush();
    return [offset, buf.length];
  }

  private flush(): void {
    const all = Buffer.concat(this.pending, this.pendingBytes);
    for (let done = 0; done < all.length; ) done += writeSync(this.fd, all, done, all.length - done);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Finishes the file (renamed into place); returns its description, or null (and no file) when it is empty. */
  close(): BlobFile | null {
    if (this.file !== undefined) return this.file;
    this.flush();
    closeSync(this.fd);
    if (this.size === 0) {
      rmSync(`${this.path}.tmp`, { force: true });
      return (this.file = null);
    }
    renameSync(`${this.path}.tmp`, this.path);
    const { mtimeMs, ctimeMs, ino } = statSync(this.path);
    return (this.file = { name: this.name, size: this.size, sha256: this.hash.digest('hex'), mtimeMs, ctimeMs, ino });
  }

  /** Reads the closed file (refs with any file index are read from it). */
  reader(): BlobReader | null {
    const file = this.close();
    if (!file) return null;
    const source = new BlobSource(path.dirname(this.path), [file]);
    return { read: ([, o, n]) => source.read([0, o, n]), close: () => source.close() };
  }

  /** Abandons the file. */
  discard(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(`${this.path}.tmp`, { force: true });
  }
}

/** Reads blobs from existing blob files. */
export class BlobSource implements BlobReader {
  private readonly fds: number[] = [];
  private readonly windows: Array<{ start: number; buf: Buffer } | null> = [];
  /** Bytes of whole files read ahead (use()), until verify() has checked them. */
  private readonly given: Array<Buffer | undefined> = [];

  /** The files; verify() records the stat of those it hashed, so that the next state can trust them by it. */
  readonly files: readonly BlobFile[];

  constructor(private readonly dir: string, files: readonly BlobFile[]) {
    this.files = files.map((f) => ({ ...f }));
  }

  /**
   * True when every file exists with the recorded size and is the file written (sameStat) or has the
   * recorded sha256. A file up to KEEP_BYTES is read once and stays in memory, so that its blobs are
   * then read without reading the file again (unless `few`: few of its blobs will be read, so a file
   * trusted by its stat is not read); a larger one is hashed only when its stat differs from the recorded one.
   */
  verify(few = false): boolean {
    try {
      return this.files.every((f, i) => {
        const stat = fstatSync(this.fd(i));
        const size = stat.size;
        if (size !== f.size) return false;
        const trusted = sameStat(f, stat);
        if (trusted && (few || size > KEEP_BYTES)) return true;
        const whole = size <= KEEP_BYTES;
        const hash = createHash('sha256');
        const buf = this.given[i]?.length === size ? this.given[i]! : this.readThrough(i, size, whole, hash);
        if (buf === null) return false;
        if (!trusted && whole) hash.update(buf);
        if (!trusted && hash.digest('hex') !== f.sha256) return false;
        Object.assign(f, { mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino });
        if (whole) this.windows[i] = { start: 0, buf };
        return true;
      });
    } catch {
      return false;
    } finally {
      this.given.length = 0;
    }
  }

  /** Reads file `i` whole into a buffer (`whole`), or through a window, hashing as it goes; null when it ends early. */
  private readThrough(i: number, size: number, whole: boolean, hash: Hash): Buffer | null {
    if (whole) {
      const buf = Buffer.allocUnsafe(size);
      return readFully(this.fd(i), buf, 0) === size ? buf : null;
    }
    const buf = Buffer.allocUnsafe(READ_AHEAD);
    for (let at = 0; at < size; at += buf.length) {
      const part = buf.subarray(0, Math.min(buf.length, size - at));
      if (readFully(this.fd(i), part, at) < part.length) return null;
      hash.update(part);
    }
    return buf;
  }

  /**
   * Takes files already read whole (prefetch.ts), by name: verify() then checks the stat of their
   * descriptors and uses (or hashes) the bytes read instead of reading them again. Call it before verify().
   */
  use(read: ReadonlyMap<string, Prefetched>): void {
    this.files.forEach((f, i) => {
      const got = read.get(f.name);
      if (!got || this.fds[i] !== undefined) return;
      this.fds[i] = got.fd;
      this.given[i] = got.buf;
    });
  }

  private fd(i: number): number {
    return (this.fds[i] ??= openSync(path.join(this.dir, this.files[i]!.name), 'r'));
  }

  /**
   * The bytes of one blob: a view into a read-ahead buffer. Every read that misses the window fills a
   * buffer of its own and no buffer is written again, so the view stays valid while it is referenced
   * (copying each blob kept instead cost 2.6 s of a 16 s rebuild at 100,000 claims, in fresh-page faults).
   */
  read([file, offset, length]: BlobRef): Buffer {
    if (file < 0 || file >= this.files.length || offset < 0 || length < 0 || offset + length > this.files[file]!.size) {
      throw new Error(`claimkb: blob reference out of range`);
    }
    const w = this.windows[file];
    if (w && offset >= w.start && offset + length <= w.start + w.buf.length) return w.buf.subarray(offset - w.start, offset - w.start + length);
    const want = Math.max(length, Math.min(READ_AHEAD, this.files[file]!.size - offset));
    const buf = Buffer.allocUnsafe(want);
    if (readFully(this.fd(file), buf, offset) < want) throw new Error('claimkb: blob file is shorter than recorded');
    this.windows[file] = { start: offset, buf };
    return buf.subarray(0, length);
  }

  /** Closes the files. */
  close(): void {
    for (const fd of this.fds) if (fd !== undefined) closeSync(fd);
    this.fds.length = 0;
  }
}
