// Blob files read ahead on the thread pool (src/cache/prefetch.ts), and a BlobSource verifying them from
// the bytes read: the same answers as reading them itself, damaged files still refused.
import { closeSync, fstatSync, mkdtempSync, openSync, readdirSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobSink, BlobSource, type BlobFile } from '../src/cache/blobs.js';
import { BlobPrefetch } from '../src/cache/prefetch.js';

const isBlob = (name: string) => /^(records|index)-[\w.-]+\.bin$/.test(name);

/** A blob file with the given blobs, in a new folder. */
function blobFile(blobs: string[]): { dir: string; file: BlobFile; refs: Array<[number, number]> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimkb-prefetch-'));
  const sink = new BlobSink(dir, 'records');
  const refs = blobs.map((b) => sink.append(b));
  return { dir, file: sink.close()!, refs };
}

const openFds = () => readdirSync('/proc/self/fd').length;

describe('BlobPrefetch', () => {
  it('reads whole the files whose names fit, and hands over only those asked for', async () => {
    const { dir, file } = blobFile(['alpha', 'beta'.repeat(5000)]);
    writeFileSync(path.join(dir, 'notes.txt'), 'not a blob');
    const prefetch = BlobPrefetch.start(dir, isBlob);
    const read = await prefetch.take([file.name, 'records-missing.bin', 'notes.txt']);
    prefetch.dispose();
    expect([...read.keys()]).toEqual([file.name]);
    const got = read.get(file.name)!;
    expect(got.buf.toString()).toBe(`alpha${'beta'.repeat(5000)}`);
    expect(fstatSync(got.fd).size).toBe(file.size);
    closeSync(got.fd);
  });

  it('closes the files nobody took, once read', async () => {
    const { dir } = blobFile(['gamma']);
    const before = openFds();
    const prefetch = BlobPrefetch.start(dir, isBlob);
    expect(openFds()).toBe(before + 1);
    prefetch.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openFds()).toBe(before);
  });

  it('reads nothing from a folder that does not exist', async () => {
    const prefetch = BlobPrefetch.start(path.join(os.tmpdir(), 'claimkb-no-such-folder-here'), isBlob);
    expect((await prefetch.take(['records-1.bin'])).size).toBe(0);
  });
});

describe('BlobSource with files read ahead', () => {
  it('verifies a file still as written from the bytes read, and reads its blobs from them', async () => {
    const { dir, file, refs } = blobFile(['one', 'two', 'three']);
    const prefetch = BlobPrefetch.start(dir, isBlob);
    const source = new BlobSource(dir, [file]);
    source.use(await prefetch.take([file.name]));
    expect(source.verify()).toBe(true);
    expect(refs.map(([o, n]) => Buffer.from(source.read([0, o, n])).toString())).toEqual(['one', 'two', 'three']);
    source.close();
  });

  it('refuses a file changed in place after it was written, though it was read ahead', async () => {
    const { dir, file } = blobFile(['original bytes']);
    const fd = openSync(path.join(dir, file.name), 'r+');
    writeSync(fd, 'X', 0); // same size; its change time moves, so it is checked by its sha256
    closeSync(fd);
    const prefetch = BlobPrefetch.start(dir, isBlob);
    const source = new BlobSource(dir, [file]);
    source.use(await prefetch.take([file.name]));
    expect(source.verify()).toBe(false);
    source.close();
  });

  it('accepts a file whose stat changed but whose bytes did not (by its sha256), from the bytes read', async () => {
    const { dir, file, refs } = blobFile(['same', 'bytes']);
    const fd = openSync(path.join(dir, file.name), 'r+');
    writeSync(fd, 's', 0); // the same byte again: only the change time moves
    closeSync(fd);
    const prefetch = BlobPrefetch.start(dir, isBlob);
    const source = new BlobSource(dir, [file]);
    source.use(await prefetch.take([file.name]));
    expect(source.verify()).toBe(true);
    expect(Buffer.from(source.read([0, ...refs[1]!])).toString()).toBe('bytes');
    source.close();
  });

  it('uses the descriptors and bytes read ahead: a file replaced by another since is not read', async () => {
    const { dir, file, refs } = blobFile(['first', 'second']);
    const prefetch = BlobPrefetch.start(dir, isBlob);
    const read = await prefetch.take([file.name]);
    writeFileSync(path.join(dir, 'other'), 'firsX' + 'second');
    renameSync(path.join(dir, 'other'), path.join(dir, file.name)); // same size, other bytes, another inode
    const source = new BlobSource(dir, [file]);
    source.use(read);
    expect(source.verify()).toBe(true);
    expect(Buffer.from(source.read([0, ...refs[0]!])).toString()).toBe('first');
    source.close();
    const fresh = new BlobSource(dir, [file]); // without the read-ahead, the file now there is refused
    expect(fresh.verify()).toBe(false);
    fresh.close();
  });
});
