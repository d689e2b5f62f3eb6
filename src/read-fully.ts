/**
 * Reading a span of an open file whole. `readSync` may return fewer bytes than asked for, so every
 * reader of a byte range loops; this is that loop, once. Light: node's fs only (search uses it).
 */
import { readSync } from 'node:fs';

/**
 * Fills `buf` from the open file `fd`, starting at byte `position` of the file; returns how many bytes
 * it read, fewer than `buf.length` only when the file ends first.
 */
export function readFully(fd: number, buf: Uint8Array, position: number): number {
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
