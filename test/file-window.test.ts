// Copying ranges of a file through one window (src/file-window.ts), and a rebuild's copy of the previous
// index.json through it (reuseOf in src/engine/index-cache.ts): the bytes of the file, read a window at a
// time, never the whole file; a file shorter than checked throws.
import fc from 'fast-check';
import { closeSync, openSync, readFileSync, readdirSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, readBuildState } from '../src/cache/state.js';
import { readSnapshot, reuseOf } from '../src/engine/index-cache.js';
import { CacheUnusable } from '../src/engine/types.js';
import { FileWindow } from '../src/file-window.js';
import { ByteWriter } from '../src/index/bytes.js';
import { builtGenerated, editClaimText, engine } from './helpers/build.js';
import { fuzzParams } from './helpers/fuzz.js';
import { tempDir } from './helpers/kb.js';

const shorter = () => new Error('shorter');

/** A file holding `bytes`, open for reading and writing. */
function fileOf(bytes: Uint8Array): number {
  const file = path.join(tempDir('claimkb-window-'), 'f');
  writeFileSync(file, bytes);
  return openSync(file, 'r+');
}

/** What `copy` passes for [from, to), joined. */
function copied(window: FileWindow, from: number, to: number): Buffer {
  const pieces: Buffer[] = [];
  window.copy(from, to, (p) => pieces.push(Buffer.from(p))); // copied: a piece is valid only during the call
  return Buffer.concat(pieces);
}

describe('FileWindow', () => {
  it('passes exactly the bytes of each range, whatever the window size and the order of the ranges (property)', () => {
    const ranges = (n: number) => fc.array(fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const), { maxLength: 12 });
    const input = fc.uint8Array({ minLength: 1, maxLength: 300 }).chain((bytes) => fc.tuple(fc.constant(bytes), fc.integer({ min: 1, max: 64 }), ranges(bytes.length)));
    fc.assert(
      fc.property(input, ([bytes, size, list]) => {
        const fd = fileOf(bytes);
        try {
          const window = new FileWindow(fd, shorter, size);
          for (const [from, to] of list) expect(copied(window, from, to).equals(Buffer.from(bytes.subarray(from, to)))).toBe(true);
        } finally {
          closeSync(fd);
        }
      }),
      fuzzParams(200),
    );
  });

  it('reads a window at a time: a range within the bytes last read is not read again', () => {
    const fd = fileOf(Buffer.from('abcdefghij'));
    try {
      const window = new FileWindow(fd, shorter, 4);
      expect(copied(window, 0, 2).toString()).toBe('ab');
      writeSync(fd, 'ABCDEFGHIJ', 0); // the file changes under the window
      expect(copied(window, 2, 4).toString()).toBe('cd'); // from the window read first
      expect(copied(window, 4, 6).toString()).toBe('EF'); // past it: read again
    } finally {
      closeSync(fd);
    }
  });

  it('throws the error it was given when the file ends before a range does', () => {
    const fd = fileOf(Buffer.from('abc'));
    try {
      expect(() => copied(new FileWindow(fd, shorter, 2), 1, 5)).toThrow('shorter');
    } finally {
      closeSync(fd);
    }
  });
});

describe("a rebuild's copy of the previous index.json", () => {
  const openFds = () => readdirSync('/proc/self/fd').length;

  it('copies the bytes of the index.json the build left through a window, and refuses that file once replaced', async () => {
    const { root, out } = await builtGenerated(30);
    const state = readBuildState(out, path.resolve(root))!;
    const snapshot = readSnapshot(cacheDir(out), state.index)!;
    const same = Int32Array.from({ length: snapshot.rendered!.ranges.length / 2 }, (_, r) => r); // every term unchanged
    const now = { same, docs: snapshot.ids.map((id) => ({ id, stored: '', lengths: [] })), keys: snapshot.keys }; // every document too
    const fds = openFds();
    const reuse = reuseOf(out, snapshot, now)!;
    expect(reuse).not.toBeNull();
    const chunks: Buffer[] = [];
    const w = new ByteWriter((c) => chunks.push(Buffer.from(c)));
    const [from, to] = [snapshot.rendered!.ranges[0]!, snapshot.rendered!.ranges.at(-1)!];
    reuse.copy(w, from, to);
    w.flush();
    expect(Buffer.concat(chunks).equals(readFileSync(path.join(out, 'index.json')).subarray(from, to))).toBe(true);
    reuse.close!();
    expect(openFds()).toBe(fds);
    editClaimText(root, readdirSync(path.join(root, 'claims')).sort()[2]!, 'Okapi');
    expect((await engine(root, out)).ok).toBe(true); // index.json replaced, its trust record with it
    expect(reuseOf(out, snapshot, now)).toBeNull();
  }, 60_000);

  it('throws CacheUnusable when index.json turns out shorter than checked while it is copied', async () => {
    const { root, out } = await builtGenerated(30);
    const snapshot = readSnapshot(cacheDir(out), readBuildState(out, path.resolve(root))!.index)!;
    const same = Int32Array.from({ length: snapshot.rendered!.ranges.length / 2 }, (_, r) => r);
    const reuse = reuseOf(out, snapshot, { same, docs: snapshot.ids.map((id) => ({ id, stored: '', lengths: [] })), keys: snapshot.keys })!;
    try {
      truncateSync(path.join(out, 'index.json'), snapshot.rendered!.ranges[0]! + 10);
      const w = new ByteWriter(() => undefined);
      expect(() => reuse.copy(w, snapshot.rendered!.ranges[0]!, snapshot.rendered!.ranges.at(-1)!)).toThrow(CacheUnusable);
    } finally {
      reuse.close!();
    }
  }, 60_000);
});
