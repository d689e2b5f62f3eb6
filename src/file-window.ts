/**
 * Copying byte ranges of a file that was written before (the previous claims.json, the previous
 * index.json) into a new one, through one buffer instead of reading the file whole: a rebuild copies
 * most of each, and a buffer of the whole file (279 MB for index.json at 100,000 claims) cost memory
 * and a page fault per 4 kB. Ranges are read ahead a window at a time, so runs of small ranges in
 * rising order, as a rebuild copies them, cost one read per window.
 */
import { readSync } from 'node:fs';

/** How many bytes a window holds by default. */
export const WINDOW_BYTES = 1 << 20;

/** Reads ranges of an open file through one buffer (the caller keeps the file open and closes it). */
export class FileWindow {
  private buf: Buffer | null = null;
  /** The file's bytes [start, end) are in `buf`, from its start. */
  private start = 0;
  private end = 0;

  /**
   * @param fd The open file.
   * @param shorter Makes the error thrown when the file ends before a range does (it changed since it was checked).
   * @param bytes The window's size.
   */
  constructor(
    private readonly fd: number,
    private readonly shorter: () => Error,
    private readonly bytes = WINDOW_BYTES,
  ) {}

  /** Passes the bytes [from, to) of the file to `write`, in pieces valid only during the call that receives them. */
  copy(from: number, to: number, write: (piece: Uint8Array) => void): void {
    while (from < to) {
      if (from < this.start || from >= this.end) this.fill(from);
      const n = Math.min(to, this.end) - from;
      write(this.buf!.subarray(from - this.start, from - this.start + n));
      from += n;
    }
  }

  private fill(at: number): void {
    this.buf ??= Buffer.allocUnsafeSlow(this.bytes);
    const n = readSync(this.fd, this.buf, 0, this.buf.length, at);
    if (n <= 0) throw this.shorter();
    this.start = at;
    this.end = at + n;
  }
}
