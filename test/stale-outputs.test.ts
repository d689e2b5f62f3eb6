// search and check on stale outputs build what they read in memory with the output folder's build cache,
// read only: only the claims changed since the last build are resolved, nothing is written, and they
// find what a build from scratch would let them find.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { build, loadFinishedIndex, outputsInMemory } from '../src/build.js';
import { runEngine } from '../src/engine/run.js';
import type { FinishedIndex } from '../src/index/builder.js';
import { serializedIndexText } from '../src/index/render.js';
import { SILENT } from '../src/progress.js';
import { finishedParts } from '../src/search/finished-parts.js';
import { searchParts } from '../src/search/partial.js';
import { searchIndex, type SearchQuery } from '../src/search/search.js';
import { checkCacheJson } from '../src/check/cache.js';
import { builtGenerated, checkCacheIn, editClaimText, engine } from './helpers/build.js';
import { fuzzParams } from './helpers/fuzz.js';
import { tempDir } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');

/** Every file under `dir` with its bytes' hash and its modification time: what "nothing written" is checked on. */
function snapshotOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort().map((f) => {
    const abs = path.join(dir, f);
    const s = statSync(abs);
    return s.isFile() ? `${f} ${createHash('sha256').update(readFileSync(abs)).digest('hex')} ${s.mtimeMs}` : `${f}/`;
  });
}

/** A build in memory, keeping its index and check's data: with `cacheFrom`'s cache (read only), or from scratch. */
async function inMemory(root: string, cacheFrom: string | null) {
  const base = { root, out: null, strict: false, jobs: 1, keep: false, keepIndex: true, keepCheck: true, progress: SILENT };
  return runEngine(cacheFrom === null ? { ...base, cache: false } : { ...base, cache: true, cacheFrom });
}


describe('a build in memory with the build cache of an output folder (read only)', () => {
  it('resolves only the edited claims, gives the index a build from scratch gives, and writes nothing', async () => {
    const { root, out } = await builtGenerated(60);
    const claims = readdirSync(path.join(root, 'claims')).sort();
    editClaimText(root, claims[3]!, 'Zebrafinch');
    editClaimText(root, claims[40]!, 'Quokka');
    const before = snapshotOf(out);
    const cached = await inMemory(root, out);
    expect(cached.resolved).toBe(2);
    expect(cached.wrote).toBeNull();
    expect(snapshotOf(out)).toEqual(before);
    const scratch = await inMemory(root, null);
    expect(scratch.resolved).toBe(60);
    expect(serializedIndexText(cached.index!)).toBe(serializedIndexText(scratch.index!));
    // what check reads: the data of the cache a build of the edited files writes
    const rebuilt = tempDir();
    expect((await engine(root, rebuilt)).ok).toBe(true);
    expect(checkCacheJson(cached.contentHash, cached.check!)).toBe(checkCacheIn(rebuilt));
    expect(checkCacheJson(scratch.contentHash, scratch.check!)).toBe(checkCacheIn(rebuilt));
  }, 60_000);

  it('gives show and report the claims and report a build from scratch gives', async () => {
    const { root, out } = await builtGenerated(40);
    editClaimText(root, readdirSync(path.join(root, 'claims')).sort()[7]!, 'Pangolin');
    const before = snapshotOf(out);
    const cached = await outputsInMemory(root, out, { jobs: 1 });
    expect(snapshotOf(out)).toEqual(before);
    const scratch = await build({ root, out: null, jobs: 1 });
    expect(JSON.stringify(cached.claims)).toBe(JSON.stringify(scratch.claims));
    expect(cached.claims.some((c) => c.claim.startsWith('Pangolin'))).toBe(true);
    const { schemaVersion, kind, generator, contentHash, ...report } = cached.report as typeof cached.report & Record<string, unknown>;
    expect([schemaVersion, kind, generator, contentHash]).toEqual([1, 'report', expect.stringMatching(/^claimkb /), scratch.contentHash]);
    expect(JSON.stringify(report)).toBe(JSON.stringify(scratch.report));
  }, 60_000);

  it('show and report print on stale outputs what they print on fresh ones (spawned)', () => {
    const root = tempDir();
    generate(30, root);
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--root', root], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(run(['build']).status).toBe(0);
    const fresh = [run(['report', '--json']).stdout, run(['show', 'claim-000004', '--json']).stdout];
    const file = path.join(root, 'claims', 'claim-000004.md');
    writeFileSync(file, readFileSync(file)); // same bytes, a new modification time: stale, same content
    const stale = [run(['report', '--json']), run(['show', 'claim-000004', '--json'])];
    for (const r of stale) expect(r.stderr).toMatch(/changed since the last build.*using a build in memory/);
    expect(stale.map((r) => r.stdout)).toEqual(fresh);
  });

  it('builds from scratch when the folder has no build cache', async () => {
    const root = tempDir();
    generate(20, root);
    const result = await inMemory(root, tempDir());
    expect(result.resolved).toBe(20);
    expect(result.index?.docs.length).toBe(20);
  });
});

describe('search over the parts of a finished index', () => {
  it('gives exactly the hits and scores of the whole index loaded into MiniSearch (property)', async () => {
    const root = tempDir();
    generate(80, root);
    const fin: FinishedIndex = (await inMemory(root, null)).index!;
    const whole = loadFinishedIndex(fin);
    const parts = finishedParts(fin);
    const word = fc.constantFrom(...parts.words);
    const term = fc.oneof(word, word.map((w) => w.slice(0, 3)), fc.constantFrom('', 'Zz', '2014'));
    const query = fc.record({
      query: fc.array(term, { maxLength: 3 }).map((ts) => ts.join(' ')),
      verdict: fc.constantFrom(undefined, ['supported'], ['refuted', 'misleading']),
      limit: fc.integer({ min: 1, max: 30 }),
    });
    fc.assert(
      fc.property(query, (q) => {
        const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as unknown as SearchQuery;
        expect(searchParts(parts, clean)).toEqual(searchIndex(whole, clean));
      }),
      fuzzParams(150),
    );
  }, 60_000);
});
