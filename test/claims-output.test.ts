// claims.json after a rebuild: the claims whose id and resolution key the previous claims.json's map
// records are copied from it, in runs, and the file is byte for byte the one rendered from every
// claim's record, with the same byte ranges; only the other claims' records are read.
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { claimFragment, writePrettyArray, type ArrayPiece } from '../src/emit/claims-json.js';
import type { PreviousClaims } from '../src/emit/claims-map.js';
import { claimPieces } from '../src/engine/claims-output.js';
import { WINDOW_BYTES } from '../src/file-window.js';
import type { ClaimEntry } from '../src/engine/claims.js';
import type { RecordBytes } from '../src/engine/record.js';
import type { ResolvedClaim } from '../src/model.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture, tempDir } from './helpers/kb.js';

/** A claim of a build: its id, its resolution key, and the text its key stands for. */
interface Claim {
  id: string;
  key: string;
  text: string;
}

const HEADER = { format: 'claimkb-claims', version: 1 };

/** claims.json of `claims` (sorted by id) rendered from `pieces`, and each claim's byte range in it. */
function render(count: number, pieces: Iterable<ArrayPiece>): { bytes: Buffer; ranges: number[] } {
  const chunks: Buffer[] = [];
  const ranges: number[] = [];
  writePrettyArray(HEADER, 'claims', count, pieces, (c) => chunks.push(Buffer.from(typeof c === 'string' ? c : Uint8Array.from(c))), ranges);
  return { bytes: Buffer.concat(chunks), ranges };
}

const fragmentOf = (c: Claim) => Buffer.from(claimFragment({ id: c.id, text: c.text } as unknown as ResolvedClaim));
const entryOf = (c: Claim) => ({ id: c.id, key: c.key, fresh: true }) as ClaimEntry;

/** The previous claims.json of `claims` written to a file, open, as the claims map describes it (the key of claim `wrongKey` recorded wrong). */
function previousOf(claims: Claim[], wrongKey = -1): PreviousClaims {
  const { bytes, ranges } = render(claims.length, claims.map(fragmentOf));
  const file = path.join(tempDir(), 'claims.json');
  writeFileSync(file, bytes);
  const keys = claims.map((c, j) => (j === wrongKey ? `${c.key}x` : c.key));
  return { fd: openSync(file, 'r'), size: bytes.length, ids: claims.map((c) => c.id), ranges, hasKey: (j, key) => keys[j] === key };
}

/** The pieces for `now` copied from `previous`, and the ids whose records were read. */
function piecesOf(now: Claim[], previous: PreviousClaims | null) {
  const read: string[] = [];
  const byId = new Map(now.map((c) => [c.id, c] as const));
  const record = (e: ClaimEntry) => {
    read.push(e.id);
    return { fragment: fragmentOf(byId.get(e.id)!) } as unknown as RecordBytes;
  };
  const lazy = claimPieces(now.map(entryOf), previous, record);
  expect(read).toEqual([]); // nothing is read before it is written
  return { pieces: [...lazy], read };
}

const sorted = (claims: Claim[]) => [...new Map(claims.map((c) => [c.id, c] as const)).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const claimArb = fc.record({ id: fc.stringMatching(/^[a-e]{1,3}$/), key: fc.constantFrom('k1', 'k2', 'k3'), text: fc.constant('') });

/** The same claim's text for the same id and key (of lengths that differ with the key): a claim's text is a function of its resolution key. */
function keyed(claims: Claim[]): Claim[] {
  return claims.map((c) => ({ ...c, text: `${c.id}/${c.key} `.repeat(Number(c.key.slice(1))) }));
}

describe('claims.json copied from the previous one', () => {
  it('is the file rendered from every record, with the same ranges; only changed claims are read (property)', () => {
    fc.assert(
      fc.property(fc.array(claimArb, { maxLength: 25 }), fc.array(claimArb, { maxLength: 25 }), fc.integer({ min: -1, max: 25 }), (a, b, wrong) => {
        const before = sorted(keyed(a));
        const now = sorted(keyed([...a.filter((_, i) => i % 3 !== 0), ...b]));
        const previous = previousOf(before, wrong);
        try {
          const { pieces, read } = piecesOf(now, previous);
          const expected = render(now.length, now.map(fragmentOf));
          const got = render(now.length, pieces);
          expect(got.bytes.toString()).toBe(expected.bytes.toString());
          expect(got.ranges).toEqual(expected.ranges);
          const copyable = now.filter((c) => before.some((p, j) => p.id === c.id && p.key === c.key && j !== wrong));
          expect(read).toEqual(now.filter((c) => !copyable.includes(c)).map((c) => c.id));
          expect(pieces.filter((p) => typeof p === 'object' && !(p instanceof Uint8Array)).length).toBeLessThanOrEqual(Math.max(1, copyable.length));
        } finally {
          closeSync(previous.fd);
        }
      }),
      fuzzParams(300),
    );
  });

  it('copies adjacent claims as one run, read a window of WINDOW_BYTES at a time', () => {
    const big = 'x'.repeat(WINDOW_BYTES / 3);
    const claims = sorted(['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, key: 'k', text: `${id}${big}` })));
    const previous = previousOf(claims);
    try {
      const { pieces, read } = piecesOf(claims, previous);
      expect(read).toEqual([]);
      expect(pieces).toHaveLength(1); // one run of five claims, more than one chunk long
      expect(render(claims.length, pieces).bytes.equals(render(claims.length, claims.map(fragmentOf)).bytes)).toBe(true);
    } finally {
      closeSync(previous.fd);
    }
  });

  it('reads every record without a previous claims.json', () => {
    const claims = sorted([{ id: 'a', key: 'k', text: 'one' }, { id: 'b', key: 'k', text: 'two' }]);
    const { pieces, read } = piecesOf(claims, null);
    expect(read).toEqual(['a', 'b']);
    expect(pieces.every((p) => p instanceof Uint8Array)).toBe(true);
  });
});

describe('a build that copied claims.json', () => {
  it('returns an index whose stored fields do not need the build cache any more', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    expect((await build({ root, out, cache: true })).ok).toBe(true);
    const text = readFileSync(path.join(root, 'claims', 'widget-model-simulates-shapes.md'), 'utf8');
    // an added claim: no cached record of a changed claim is read, so nothing of the records file is in memory
    writeFileSync(path.join(root, 'claims', 'zz-added.md'), text.replace('id: widget-model-simulates-shapes', 'id: zz-added')); // last by id: index.json copies every other document's entries
    const again = await build({ root, out, cache: true });
    expect(again.ok).toBe(true);
    rmSync(path.join(out, '.cache'), { recursive: true });
    const hits = again.index.search('widgets simulate shapes');
    expect(hits.map((h) => h.id)).toContain('widget-model-simulates-shapes');
    for (const h of hits) expect(typeof h.claim).toBe('string');
  });
});
