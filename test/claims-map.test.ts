// The claims map lets show read one claim of claims.json: it gives what parsing the whole file gives,
// and is refused as soon as claims.json is not the file it describes.
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIMS_MAP_FILE, claimFromMap, closePreviousClaims, openPreviousClaims, writeClaimsMap } from '../src/emit/claims-map.js';
import { engine, outputsIn } from './helpers/build.js';
import { copyFixture, tempDir } from './helpers/kb.js';

/** A built copy of the valid fixture: its root, output folder, and claims.json's claims parsed whole. */
async function built() {
  const root = copyFixture('valid');
  const out = path.join(root, 'build');
  expect((await engine(root, out)).ok).toBe(true);
  const claims = (JSON.parse(readFileSync(path.join(out, 'claims.json'), 'utf8')) as { claims: Array<{ id: string }> }).claims;
  return { root, out, claims };
}

describe('the claims map', () => {
  it('gives each claim as claims.json parsed whole gives it, and says when there is no such claim', async () => {
    const { out, claims } = await built();
    expect(claims.length).toBeGreaterThan(2);
    for (const c of claims) expect(claimFromMap(out, c.id)).toEqual({ claim: c });
    expect(claimFromMap(out, 'no-such-claim')).toEqual({ claim: null });
  });

  it('is refused once claims.json changed, while a commit is moved into place, or when missing', async () => {
    const { out, claims } = await built();
    const id = claims[1]!.id;
    const file = path.join(out, 'claims.json');
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later); // the same bytes, another modification time
    expect(claimFromMap(out, id)).toBeNull();
    const again = await built();
    const staging = path.join(again.out, '.staging-4194303-deadbeef'); // a build killed after its commit point
    mkdirSync(staging);
    writeFileSync(path.join(staging, 'claims.json'), readFileSync(path.join(again.out, 'claims.json')));
    writeFileSync(path.join(staging, 'COMMIT'), JSON.stringify(['claims.json']));
    expect(claimFromMap(again.out, id)).toBeNull();
    rmSync(staging, { recursive: true });
    expect(claimFromMap(again.out, id)).toEqual({ claim: again.claims[1] });
    rmSync(path.join(again.out, CLAIMS_MAP_FILE));
    expect(claimFromMap(again.out, id)).toBeNull();
  });

  it('gives a rebuild the previous claims.json with each claim\'s range and resolution key, while it is the file described', async () => {
    const { out, claims } = await built();
    const previous = openPreviousClaims(out)!;
    expect(previous.ids).toEqual(claims.map((c) => c.id));
    const text = readFileSync(path.join(out, 'claims.json'));
    expect(previous.size).toBe(text.length);
    previous.ids.forEach((id, j) => expect(JSON.parse(text.subarray(previous.ranges[2 * j], previous.ranges[2 * j + 1]).toString())).toEqual(claims[j]));
    const keys = (JSON.parse(readFileSync(path.join(out, CLAIMS_MAP_FILE), 'utf8')) as { keys: string }).keys;
    const first = keys.slice(0, 64);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(previous.hasKey(0, first)).toBe(true);
    expect(previous.hasKey(1, first)).toBe(false);
    expect(previous.hasKey(0, first.slice(1))).toBe(false);
    closePreviousClaims(previous);
    expect(previous.fd).toBe(-1);
    closePreviousClaims(previous); // once only
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(out, 'claims.json'), later, later);
    expect(openPreviousClaims(out)).toBeNull();
    const again = await built();
    rmSync(path.join(again.out, CLAIMS_MAP_FILE));
    expect(openPreviousClaims(again.out)).toBeNull();
  });

  it('after a failed build, still describes the claims.json of the last clean one, which the next build copies from', async () => {
    const { root, out } = await built();
    const file = path.join(root, 'claims', 'widget-model-published-2026.md');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace(/^id: .*$/m, 'id: [')); // a YAML error: the build fails and writes no outputs
    const map = readFileSync(path.join(out, CLAIMS_MAP_FILE), 'utf8');
    expect((await engine(root, out)).ok).toBe(false);
    expect(readFileSync(path.join(out, CLAIMS_MAP_FILE), 'utf8')).toBe(map);
    const previous = openPreviousClaims(out)!;
    expect(previous).not.toBeNull();
    closePreviousClaims(previous);
    writeFileSync(file, `${before}\nMore.\n`);
    expect((await engine(root, out)).resolved).toBe(1);
    const freshOut = tempDir();
    await engine(root, freshOut, { cache: false });
    expect(outputsIn(out)).toEqual(outputsIn(freshOut));
  });

  it('is not written for ids out of order (it is searched by halves)', () => {
    const out = tempDir();
    writeClaimsMap(out, { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, { ids: ['b', 'a'], keys: ['k', 'k'], ranges: [0, 1, 1, 2] });
    expect(existsSync(path.join(out, CLAIMS_MAP_FILE))).toBe(false);
    writeClaimsMap(out, { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, { ids: ['a', 'b'], keys: ['k', 'k'], ranges: [0, 1, 1, 2] });
    expect(existsSync(path.join(out, CLAIMS_MAP_FILE))).toBe(true);
  });
});
