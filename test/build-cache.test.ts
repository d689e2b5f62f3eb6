import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBuildState } from '../src/cache/state.js';
import { readCommitted } from '../src/emit/committed.js';
import { RACY_MS, statTrusted, type FileStat } from '../src/engine/inputs.js';
import type { FoundFile } from '../src/load/discover.js';
import { formatReport } from '../src/report/format.js';
import { blobFiles, engine, outputsIn } from './helpers/build.js';
import { leftovers } from './helpers/faults.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture, fixture, tempDir } from './helpers/kb.js';

const CLAIM = 'claims/widget-model-published-2026.md';
const SOURCE = 'sources/lab-report.md';
const edit = (root: string, file: string, f: (text: string) => string) => writeFileSync(path.join(root, file), f(readFileSync(path.join(root, file), 'utf8')));

/** Each claim file's resolution key as the build cache of `out` remembers it (null: not resolved), by file. */
function rememberedKeys(root: string, out: string): Record<string, string | null> {
  const state = readBuildState(out, path.resolve(root));
  expect(state).not.toBeNull();
  return Object.fromEntries(state!.claims.map((c) => [c[0], c[8]]));
}

/** Builds with the cache in `<root>/build` and from scratch elsewhere; both must agree to the byte, and so must the keys their caches remember. */
async function compareWithFresh(root: string, options: { strict?: boolean } = {}) {
  const cached = await engine(root, path.join(root, 'build'), options);
  const freshOut = tempDir();
  const fresh = await engine(root, freshOut, { ...options, cache: false });
  expect(formatReport(cached.report)).toBe(formatReport(fresh.report));
  expect([cached.ok, cached.contentHash]).toEqual([fresh.ok, fresh.contentHash]);
  if (fresh.ok) expect(outputsIn(path.join(root, 'build'))).toEqual(outputsIn(freshOut));
  expect(rememberedKeys(root, path.join(root, 'build'))).toEqual(rememberedKeys(root, freshOut));
  return cached;
}

describe('the build cache', () => {
  it('resolves only what changed, and the outputs are those of a build from scratch', async () => {
    const root = copyFixture('valid');
    expect((await compareWithFresh(root)).resolved).toBe(4);
    const again = await compareWithFresh(root);
    expect([again.unchanged, again.resolved]).toEqual([true, 0]);
    edit(root, CLAIM, (t) => t.replace('was published', 'was first published'));
    expect((await compareWithFresh(root)).resolved).toBe(1);
    edit(root, 'sources/trade-blog.md', (t) => t.replace('title: Widget Weekly', 'title: Widget Weekly, revised'));
    expect((await compareWithFresh(root)).resolved).toBe(3); // the claims that quote it
  });

  it('gives the same report and exit status when nothing changed, for errors and for --strict warnings', async () => {
    const root = copyFixture('valid', { 'claims/uncited.md': '---\nid: uncited\nclaim: "A claim."\nverdict: unverified\n---\nIt was 2024.\n' });
    expect((await compareWithFresh(root)).ok).toBe(true);
    const strict = await compareWithFresh(root, { strict: true });
    expect([strict.ok, strict.unchanged]).toEqual([false, true]);
    edit(root, 'claims/uncited.md', (t) => t.replace('verdict: unverified', 'verdict: nonsense'));
    expect((await compareWithFresh(root)).ok).toBe(false);
    const again = await compareWithFresh(root);
    expect([again.ok, again.unchanged, again.wrote]).toEqual([false, true, null]);
  });

  it('does not take the no-change path while a killed build left a committed staging folder or a lock', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    await engine(root, out);
    const expected = outputsIn(out);
    // What a build of other content leaves when killed after its commit point, before moving its files.
    const staging = path.join(out, '.staging-4194303-deadbeef');
    mkdirSync(staging);
    writeFileSync(path.join(staging, 'claims.json'), '{"claims": "of another build"}');
    writeFileSync(path.join(staging, 'COMMIT'), JSON.stringify(['claims.json']));
    writeFileSync(path.join(out, '.lock'), '4194303 deadbeefdeadbeef'); // its lock: no such process
    expect(readCommitted(out, 'claims.json')).not.toBe(expected['claims.json']); // readers see the killed build's file
    const again = await engine(root, out);
    expect(again.unchanged).toBe(false);
    expect(leftovers(out)).toEqual([]);
    expect(outputsIn(out)).toEqual(expected);
    expect(readCommitted(out, 'claims.json')).toBe(expected['claims.json']);
    expect((await engine(root, out)).unchanged).toBe(true); // settled: the next build has nothing to do
  });

  it('does not rewrite unchanged outputs, but rewrites them when they were deleted or changed', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    await engine(root, out);
    const before = statSync(path.join(out, 'claims.json')).mtimeMs;
    expect((await engine(root, out)).unchanged).toBe(true);
    expect(statSync(path.join(out, 'claims.json')).mtimeMs).toBe(before);
    rmSync(path.join(out, 'index.json'));
    writeFileSync(path.join(out, 'report.json'), '{}');
    const rebuilt = await compareWithFresh(root);
    expect([rebuilt.unchanged, rebuilt.resolved]).toEqual([false, 0]);
  });

  it('agrees with a build from scratch after any sequence of edits (property)', async () => {
    const edits: Array<[string, (root: string) => void]> = [
      ['claim text', (r) => edit(r, CLAIM, (t) => t.replace('widget model', 'widget models'))],
      ['break a quote', (r) => edit(r, CLAIM, (t) => t.replace('"Feb 23, 2026"', '"Feb 24, 2026"'))],
      ['source body', (r) => edit(r, SOURCE, (t) => `${t}\nAn added line, Feb 23, 2026.\n`)],
      ['source reliability', (r) => edit(r, SOURCE, (t) => t.replace('reliability: high', 'reliability: medium'))],
      ['add a claim', (r) => writeFileSync(path.join(r, 'claims/new-claim.md'), '---\nid: new-claim\nclaim: "Widgets exist."\nverdict: unverified\n---\nSo it is said [@lab-report].\n')],
      ['duplicate id', (r) => writeFileSync(path.join(r, 'claims/zz-copy.md'), readFileSync(path.join(r, CLAIM), 'utf8'))],
      ['remove a claim', (r) => rmSync(path.join(r, 'claims/blog-87-percent-blue.md'), { force: true })],
      ['bad yaml', (r) => writeFileSync(path.join(r, 'claims/broken.md'), '---\nid: broken\nclaim: [unclosed\n---\n')],
      ['ignored file', (r) => writeFileSync(path.join(r, 'claims/notes.txt'), 'x')],
      ['unknown citation', (r) => edit(r, CLAIM, (t) => t.replace('[@lab-report]', '[@nowhere]'))],
      // the claims of an unchanged file keep their remembered keys only while their sources do not change
      ['source id taken by an earlier file', (r) => writeFileSync(path.join(r, 'sources/a-lab-copy.md'), `${readFileSync(path.join(r, SOURCE), 'utf8')}\nA copy.\n`)],
      ['earlier file removed', (r) => rmSync(path.join(r, 'sources/a-lab-copy.md'), { force: true })],
      ['source moved', (r) => existsSync(path.join(r, 'sources/trade-blog.md')) && renameSync(path.join(r, 'sources/trade-blog.md'), path.join(r, 'sources/moved.md'))],
      ['source removed', (r) => rmSync(path.join(r, 'sources/trade-blog.md'), { force: true })],
      ['source restored', (r) => writeFileSync(path.join(r, 'sources/trade-blog.md'), readFileSync(fixture('valid', 'sources/trade-blog.md'), 'utf8'))],
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(edits.length - 1), { minLength: 1, maxLength: 4 }), async (picks) => {
        const root = copyFixture('valid');
        await compareWithFresh(root);
        for (const i of picks) {
          edits[i]![1](root);
          await compareWithFresh(root);
        }
      }),
      fuzzParams(16),
    );
  });

  it('re-resolves the claims of a source id whose first file, added in a journaled build, went again', async () => {
    const root = copyFixture('valid');
    await compareWithFresh(root);
    // a journal lists the digests it adds after the base's: the cache's table of that build must still take each id's first file in path order
    writeFileSync(path.join(root, 'sources/a-lab-copy.md'), `${readFileSync(path.join(root, SOURCE), 'utf8')}\nA copy.\n`);
    expect((await compareWithFresh(root)).resolved).toBe(4);
    rmSync(path.join(root, 'sources/a-lab-copy.md'));
    expect((await compareWithFresh(root)).resolved).toBe(4);
  });

  it('ignores a corrupted, truncated or foreign cache, and agrees with a build from scratch', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    const cache = path.join(out, '.cache', 'build');
    const damage: Array<(blob: string) => void> = [
      () => writeFileSync(path.join(cache, 'state.json'), '{"version":'),
      () => writeFileSync(path.join(cache, 'files.json'), 'null'),
      () => writeFileSync(path.join(cache, 'state.journal.json'), '{"version":'),
      () => writeFileSync(path.join(cache, 'files.journal.json'), '[]'),
      (blob) => writeFileSync(path.join(cache, blob), readFileSync(path.join(cache, blob)).subarray(0, 10)),
      (blob) => {
        const bytes = readFileSync(path.join(cache, blob));
        bytes[bytes.length >> 1]! ^= 0xff;
        writeFileSync(path.join(cache, blob), bytes);
      },
      () => edit(root, 'build/.cache/build/state.json', (t) => t.replace('"tool":"', '"tool":"9')),
      (blob) => rmSync(path.join(cache, blob)),
      () => {
        // the claims of the previous cache version: no remembered resolution keys
        const state = JSON.parse(readFileSync(path.join(cache, 'state.json'), 'utf8')) as { fields: { claims: unknown[][] } };
        for (const c of state.fields.claims) c.length = 8;
        writeFileSync(path.join(cache, 'state.json'), JSON.stringify(state));
      },
    ];
    for (const hurt of damage) {
      await engine(root, out);
      edit(root, CLAIM, (t) => `${t}\nMore.\n`);
      hurt(blobFiles(out)[0]!);
      await compareWithFresh(root);
    }
  });

  it('trusts a file’s recorded hash only for the same stat, taken well after its last change', () => {
    const found = { kind: 'claim', file: 'claims/a.md', abs: '/x', size: 10, mtimeMs: 1_000, ctimeMs: 1_000, ino: 7, link: false } as FoundFile;
    const entry: FileStat = { file: 'claims/a.md', kind: 'claim', size: 10, mtimeMs: 1_000, ctimeMs: 1_000, ino: 7, hash: 'h', t: 1_000 + RACY_MS + 1 };
    expect(statTrusted(found, entry)).toBe(true);
    expect(statTrusted(found, { ...entry, t: 1_000 + RACY_MS })).toBe(false); // changed too close to the hashing
    for (const change of [{ size: 11 }, { mtimeMs: 1_001 }, { ctimeMs: 1_001 }, { ino: 8 }, { kind: 'source' }]) {
      expect(statTrusted({ ...found, ...change } as FoundFile, entry)).toBe(false);
    }
    expect(statTrusted(found, undefined)).toBe(false);
  });

  it('takes the no-change path for a file only touched, and rebuilds when the last report does not parse', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    const first = await engine(root, out);
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(root, CLAIM), later, later); // other stat, same content
    expect((await engine(root, out)).unchanged).toBe(true);
    const journal = path.join(out, '.cache', 'build', 'files.journal.json');
    const data = JSON.parse(readFileSync(journal, 'utf8')) as { head: { last: { reportJson: string } } };
    data.head.last.reportJson = '{"summary":'; // damaged: not a report
    writeFileSync(journal, JSON.stringify(data));
    const again = await engine(root, out);
    expect([again.unchanged, formatReport(again.report)]).toEqual([false, formatReport(first.report)]);
    expect((await engine(root, out)).unchanged).toBe(true);
    rmSync(path.join(root, CLAIM)); // a file gone: the content changed, without hashing it all again
    const removed = await compareWithFresh(root);
    expect(removed.unchanged).toBe(false);
  });

  it('sees an edit made after the build even when every recorded hash is trusted', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    await engine(root, out);
    const filesJson = path.join(out, '.cache', 'build', 'files.json');
    const state = JSON.parse(readFileSync(filesJson, 'utf8')) as { fields: { files: FileStat[] } }; // the base (its journal holds no changes yet)
    for (const f of state.fields.files) f.t += 60_000; // as if hashed a minute after the files last changed
    writeFileSync(filesJson, JSON.stringify(state));
    expect((await engine(root, out)).unchanged).toBe(true);
    edit(root, CLAIM, (t) => t.replace('was published', 'appeared'));
    expect((await compareWithFresh(root)).resolved).toBe(1);
  });

  it('keeps its blob files few: files no state refers to are deleted', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    for (let i = 0; i < 12; i++) {
      edit(root, CLAIM, (t) => t.replace(/published( again)*/, (m) => `${m} again`));
      await engine(root, out);
    }
    expect(blobFiles(out).length).toBeLessThanOrEqual(2 * 9);
    expect(readdirSync(path.join(out, '.cache', 'build')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
