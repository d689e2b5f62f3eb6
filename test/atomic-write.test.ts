// writeAtomically: each file's fsync overlaps the writing of the next, and the files replaced are held
// open while they are renamed over. Neither may change what a caller sees: all files or none.
import { mkdtempSync, openSync, readFileSync, readSync, readdirSync, closeSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimkbError } from '../src/diagnostics.js';
import { writeAtomically, type OutputContent } from '../src/emit/atomic.js';

let out: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'claimkb-atomic-'));
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Content written in many chunks, as the large outputs are. */
const chunked = (text: string, pieces: number): OutputContent => (write) => {
  const step = Math.ceil(text.length / pieces);
  for (let i = 0; i < text.length; i += step) write(text.slice(i, i + step));
};

const files = () => readdirSync(out, { recursive: true }).map(String).sort();

describe('writeAtomically', () => {
  it('replaces every file, strings and chunked content alike, and leaves no staging folder', async () => {
    mkdirSync(path.join(out, '.cache'));
    writeFileSync(path.join(out, 'a.json'), 'old a');
    writeFileSync(path.join(out, 'b.json'), 'old b');
    const big = 'x'.repeat(3 << 20);
    const written = await writeAtomically(out, { 'a.json': 'new a', 'b.json': chunked(big, 7), '.cache/stamp.txt': 's' });
    expect(readFileSync(path.join(out, 'a.json'), 'utf8')).toBe('new a');
    expect(readFileSync(path.join(out, 'b.json'), 'utf8')).toBe(big);
    expect(written.map((w) => [w.name, w.size])).toEqual([['.cache/stamp.txt', 1], ['a.json', 5], ['b.json', big.length]]);
    expect(files()).toEqual(['.cache', '.cache/stamp.txt', 'a.json', 'b.json']);
    expect(unhandled).toEqual([]);
  });

  it('a reader that opened a file before keeps reading the old bytes after it is replaced', async () => {
    writeFileSync(path.join(out, 'a.json'), 'old a');
    const fd = openSync(path.join(out, 'a.json'), 'r');
    try {
      await writeAtomically(out, { 'a.json': 'new a' });
      const buf = Buffer.alloc(5);
      readSync(fd, buf, 0, 5, 0);
      expect(buf.toString()).toBe('old a');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path.join(out, 'a.json'), 'utf8')).toBe('new a');
  });

  it('a failure while a later file is written (earlier fsyncs under way) leaves the previous files, no staging folder and no unhandled rejection', async () => {
    writeFileSync(path.join(out, 'a.json'), 'old a');
    writeFileSync(path.join(out, 'c.json'), 'old c');
    const failing: OutputContent = (write) => {
      write('partial');
      throw new Error('disk on fire');
    };
    const outputs = { 'a.json': chunked('new a '.repeat(1000), 5), 'b.json': 'new b', 'c.json': failing };
    await expect(writeAtomically(out, outputs)).rejects.toThrow(ClaimkbError);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let any stray rejection surface
    expect(readFileSync(path.join(out, 'a.json'), 'utf8')).toBe('old a');
    expect(readFileSync(path.join(out, 'c.json'), 'utf8')).toBe('old c');
    expect(files()).toEqual(['a.json', 'c.json']);
    expect(unhandled).toEqual([]);
  });
});
