/**
 * Writing a file from many small chunks: chunks are gathered in a buffer and written in large writes
 * (a claims.json of 10,000 claims is 20,000 chunks; one write each costs more than the copying).
 */
import { writeSync } from 'node:fs';

/** Writes are made in pieces of about this many bytes. */
const BUFFER_BYTES = 1 << 20;

function writeAll(fd: number, buf: Uint8Array): void {
  for (let done = 0; done < buf.length; ) done += writeSync(fd, buf, done, buf.length - done);
}

/** A rewrite of bytes already written: `text` (ASCII, so as many bytes as characters) at byte `offset`. */
export interface Patch {
  offset: number;
  text: string;
}

/** What writes a file in chunks; it may return patches (e.g. a checksum in a header, known only at the end). */
export type ChunkProducer = (write: (chunk: string | Uint8Array) => void) => void | readonly Patch[];

/** Runs `produce` with a write function that writes its chunks to `fd` in large writes, then applies its patches. */
export function writeBuffered(fd: number, produce: ChunkProducer): void {
  const buf = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  const flush = () => {
    if (used > 0) writeAll(fd, buf.subarray(0, used));
    used = 0;
  };
  const patches = produce((chunk) => {
    if (typeof chunk === 'string') {
      if (used + chunk.length * 3 > BUFFER_BYTES) flush();
      if (chunk.length * 3 > BUFFER_BYTES) return writeAll(fd, Buffer.from(chunk, 'utf8'));
      used += buf.write(chunk, used, 'utf8');
      return;
    }
    if (used + chunk.length > BUFFER_BYTES || chunk.length > BUFFER_BYTES / 4) flush();
    if (chunk.length > BUFFER_BYTES / 4) return writeAll(fd, chunk);
    buf.set(chunk, used);
    used += chunk.length;
  });
  flush();
  for (const p of patches ?? []) {
    const bytes = Buffer.from(p.text, 'latin1');
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, p.offset + done);
  }
}
