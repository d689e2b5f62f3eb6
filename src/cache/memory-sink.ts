/**
 * A blob sink in memory (cache/blobs.ts's Sink), for when the cache folder cannot be written: the
 * build's blobs are read back from memory and nothing is kept after it.
 */
import type { BlobReader, BlobRef, Sink } from './blobs.js';

/** A sink in memory, for when the cache folder cannot be written (nothing is kept after the build). */
export class MemorySink implements Sink, BlobReader {
  private readonly chunks: Buffer[] = [];
  private all: Buffer | null = null;
  private size = 0;
  append(data: Uint8Array | string): [number, number] {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    this.chunks.push(buf);
    this.size += buf.length;
    return [this.size - buf.length, buf.length];
  }
  close(): null {
    return null;
  }
  reader(): BlobReader {
    return this;
  }
  read([, offset, length]: BlobRef): Uint8Array {
    this.all ??= Buffer.concat(this.chunks);
    return this.all.subarray(offset, offset + length);
  }
  discard(): void {
    this.chunks.length = 0;
    this.all = null;
  }
}
