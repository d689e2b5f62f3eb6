/**
 * Reading blob files ahead, on the thread pool. A rebuild reads its largest blob file whole (the records,
 * 61 MB at 10,000 claims) only after it has parsed state.json, which says which files are the cache's;
 * read one after the other on the main thread, the two cost about 130 ms. Started as soon as the build
 * knows it will open the cache, the read runs on another core while the main thread loads the rest of
 * the build and parses state.json, and the file is then verified from the bytes already read.
 *
 * Which files are the cache's is only known from state.json, so every file whose name fits is read; a
 * file no state refers to (left by a killed build, until it is swept) is read in vain and dropped. (The
 * previous index.json, most of which a rebuild copies, is not read ahead: it is copied through a window
 * as it is written, file-window.ts.)
 */
import { close, closeSync, fstatSync, openSync, read, readdirSync } from 'node:fs';
import path from 'node:path';

/** A blob file read whole: its descriptor (whose stat the reader checks) and its bytes. */
export interface Prefetched {
  fd: number;
  buf: Buffer;
}

/** Files larger than this are not read ahead (the cache reads them in windows instead). */
export const PREFETCH_MAX_BYTES = 256 << 20;

/**
 * Starts reading the open file `fd` whole, in one read on the thread pool. Everything but the reading
 * itself is done now, on the caller's thread: callbacks run only when the main thread is free, which a
 * build's synchronous steps seldom are, so a read made of several calls would stall between them (and
 * several reads at once took the second core from the main thread). Resolves null on any error or short
 * read (closing `fd`).
 */
function readWhole(fd: number): Promise<Prefetched | null> {
  const size = fstatSync(fd).size;
  if (size > PREFETCH_MAX_BYTES) {
    closeSync(fd);
    return Promise.resolve(null);
  }
  const buf = Buffer.allocUnsafe(size);
  return new Promise((resolve) => {
    read(fd, buf, 0, size, 0, (error, n) => {
      if (!error && n === size) return resolve({ fd, buf });
      close(fd, () => resolve(null));
    });
  });
}

/** Blob files being read ahead, by name. */
export class BlobPrefetch {
  private readonly reads = new Map<string, Promise<Prefetched | null>>();

  private constructor(private readonly dir: string) {}

  /** Starts reading every file of `dir` whose name `wanted` accepts (none when the folder cannot be listed). */
  static start(dir: string, wanted: (name: string) => boolean): BlobPrefetch {
    const prefetch = new BlobPrefetch(dir);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter(wanted).sort();
    } catch {
      // no cache folder: nothing to read
    }
    for (const name of names) prefetch.reads.set(name, prefetch.readOne(name));
    return prefetch;
  }

  private readOne(name: string): Promise<Prefetched | null> {
    let fd: number | null = null;
    try {
      fd = openSync(path.resolve(this.dir, name), 'r');
      return readWhole(fd);
    } catch {
      if (fd !== null) closeSync(fd);
      return Promise.resolve(null);
    }
  }

  /** The files of `names` that were read whole, by name, once read: the caller owns their descriptors from then on. */
  async take(names: readonly string[]): Promise<Map<string, Prefetched>> {
    const out = new Map<string, Prefetched>();
    for (const name of names) {
      const pending = this.reads.get(name);
      if (!pending) continue;
      this.reads.delete(name);
      const got = await pending;
      if (got) out.set(name, got);
    }
    return out;
  }

  /** Closes the files not taken, once their reads end. */
  dispose(): void {
    for (const pending of this.reads.values()) void pending.then((got) => got && close(got.fd, () => undefined));
    this.reads.clear();
  }
}
