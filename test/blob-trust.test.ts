import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobSink, BlobSource, type BlobFile } from '../src/cache/blobs.js';
import { CLAIMS_MAP_FILE } from '../src/emit/claims-map.js';
import { formatReport } from '../src/report/format.js';
import { blobFiles, engine, outputsIn, snapshotFiles } from './helpers/build.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const CLAIM = 'claims/widget-model-published-2026.md';
const edit = (root: string, file: string, f: (text: string) => string) => writeFileSync(path.join(root, file), f(readFileSync(path.join(root, file), 'utf8')));

/** A blob file of three blobs, closed: its description as the state records it. */
function blobFile(dir: string): BlobFile {
  const sink = new BlobSink(dir, 'records');
  for (const text of ['one', 'two', 'three']) sink.append(text);
  return sink.close()!;
}

/** Sets the stat the state recorded for `name` to what the file's stat is now (as a forger would). */
function forgeStat(out: string, name: string): void {
  const file = path.join(out, '.cache', 'build', 'state.journal.json'); // the blob file lists are in the journal's head
  const state = JSON.parse(readFileSync(file, 'utf8')) as { head: { records: BlobFile[]; terms: BlobFile[] } };
  const s = statSync(path.join(out, '.cache', 'build', name));
  for (const f of [...state.head.records, ...state.head.terms]) if (f.name === name) Object.assign(f, { mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino });
  writeFileSync(file, JSON.stringify(state));
}

/**
 * A built copy of the valid fixture with CLAIM edited since and its first `kind` blob file damaged by
 * `hurt` under a forged stat (then `before` run), rebuilt with the cache; and the same built from scratch elsewhere.
 */
async function rebuiltAfterDamage(kind: string, hurt: (bytes: Buffer) => void, before: (out: string) => void = () => undefined) {
  const root = copyFixture('valid');
  const out = path.join(root, 'build');
  await engine(root, out);
  edit(root, CLAIM, (t) => `${t}\nMore.\n`);
  const name = blobFiles(out).find((n) => n.startsWith(kind))!;
  const bytes = readFileSync(path.join(out, '.cache', 'build', name));
  hurt(bytes);
  writeFileSync(path.join(out, '.cache', 'build', name), bytes);
  forgeStat(out, name);
  before(out);
  const cached = await engine(root, out);
  const freshOut = tempDir();
  const fresh = await engine(root, freshOut, { cache: false });
  return { cached, fresh, out, freshOut };
}

describe('trusting the build cache’s blob files', () => {
  it('trusts a file by the stat recorded when it was written, else by its size and sha256 (then recording its stat)', () => {
    const dir = tempDir();
    const file = blobFile(dir);
    expect(file.ino).toBe(statSync(path.join(dir, file.name)).ino);
    expect(new BlobSource(dir, [{ ...file, sha256: '0'.repeat(64) }]).verify()).toBe(true); // not hashed: same file
    expect(new BlobSource(dir, [{ ...file, size: file.size + 1 }]).verify()).toBe(false);
    utimesSync(path.join(dir, file.name), new Date(1_000), new Date(1_000)); // touched: the stat differs, so it is hashed
    expect(new BlobSource(dir, [{ ...file, sha256: '0'.repeat(64) }]).verify()).toBe(false);
    const source = new BlobSource(dir, [file]);
    expect(source.verify()).toBe(true);
    expect(source.files[0]!.mtimeMs).toBe(statSync(path.join(dir, file.name)).mtimeMs);
    expect(Buffer.from(source.read([0, 3, 3])).toString()).toBe('two');
    source.close();
  });

  it('builds as from scratch when a blob file trusted by a forged stat does not decode', async () => {
    const damage: Record<string, (bytes: Buffer) => void> = {
      records: (bytes) => bytes.writeUInt32LE(0xffffffff, 0), // the first record's first segment: longer than the record
      terms: (bytes) => bytes.writeInt32LE(0x7fffffff, 16), // the first block's first word: not in the dictionary
    };
    for (const [kind, hurt] of Object.entries(damage)) {
      const { cached, fresh, out, freshOut } = await rebuiltAfterDamage(kind, hurt, (out) => {
        // With the index snapshot, the blocks of unchanged claims are not read: without it, they all are.
        if (kind === 'terms') for (const snap of snapshotFiles(out)) rmSync(path.join(out, '.cache', 'build', snap));
        // With the claims map, the records of unchanged claims are not read (claims.json is copied): without it, they all are.
        if (kind === 'records') rmSync(path.join(out, CLAIMS_MAP_FILE));
      });
      expect(formatReport(cached.report)).toBe(formatReport(fresh.report));
      expect(cached.resolved).toBe(fresh.resolved); // resolved again, every claim: the damaged cache was dropped
      expect(outputsIn(out)).toEqual(outputsIn(freshOut));
    }
  });
  it('does not read the records of unchanged claims when claims.json and index.json copy them', async () => {
    const { cached, out, freshOut } = await rebuiltAfterDamage('records', (bytes) => bytes.writeUInt32LE(0xffffffff, 0)); // the first record's first segment: longer than the record
    const claims = (JSON.parse(readFileSync(path.join(out, 'claims.json'), 'utf8')) as { claims: Array<{ file: string }> }).claims;
    expect(claims.findIndex((c) => c.file === CLAIM)).toBeGreaterThan(0); // so the first record is an unchanged claim's
    expect(cached.resolved).toBe(1); // the cache was used: the damaged record was never read
    expect(outputsIn(out)).toEqual(outputsIn(freshOut));
  });

  it('does not read the index blocks of unchanged claims when the index snapshot has their postings', async () => {
    // the first block's first word: not in the dictionary (the block of a claim not edited)
    const { cached, out, freshOut } = await rebuiltAfterDamage('terms', (bytes) => bytes.writeInt32LE(0x7fffffff, 16));
    expect(cached.resolved).toBe(1); // the cache was used: the damaged block was never read
    expect(outputsIn(out)).toEqual(outputsIn(freshOut));
  });

  it('keeps blobs read through read-ahead windows valid after later reads move the window', () => {
    const dir = tempDir();
    const sink = new BlobSink(dir, 'records');
    // 3,000 blobs of 3,000 bytes: 9 MB, more than one 4 MB read-ahead window, each blob with its own bytes
    const blobs = Array.from({ length: 3000 }, (_, i) => String(i).padStart(6, '0').repeat(500));
    const refs = blobs.map((b) => sink.append(b));
    const source = new BlobSource(dir, [sink.close()!]); // not verified: read in windows, not whole
    const kept = refs.map(([o, n]) => source.read([0, o, n]));
    source.read([0, 0, 6]); // moves the window back to the start
    expect(kept.map((k) => Buffer.from(k).toString())).toEqual(blobs);
    source.close();
  });
});
