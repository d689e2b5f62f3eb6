import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_CACHE_FILE, CHECK_JOURNAL_FILE, indexContentHash, readCheckCache, readCheckJournal } from '../src/check/cache.js';
import { check } from '../src/check/check.js';
import { formatJson } from '../src/check/format.js';
import { openCheckKb } from '../src/check/load.js';
import { JOURNAL_MIN_ENTRIES } from '../src/cache/journal.js';
import { CHECK_JOURNAL_FRACTION } from '../src/engine/check-journal.js';
import { checkCacheIn, engine } from './helpers/build.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture, fixture, tempDir } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const article = readFileSync(fixture('check-basic', 'article.md'), 'utf8');
const edit = (root: string, file: string, f: (text: string) => string) => writeFileSync(path.join(root, file), f(readFileSync(path.join(root, file), 'utf8')));
const base = (root: string) => readFileSync(path.join(root, 'build', CHECK_CACHE_FILE), 'utf8');
const findings = async (root: string, out: string) => formatJson(check(article, (await openCheckKb(root, out)).kb, { file: 'a.md' }));

const WORDS = ['bridge', 'harbor', 'opened', 'march', '2023', '2025', 'carries', '90,000', 'vehicles', 'engineer', 'billion', 'commute', 'green', 'lane'];
/** The id of a claim added by a test: its ids sort before, among and after the fixture's. */
const extraId = (i: number) => `${['aa', 'c', 'extra'][i % 3]}-${i}`;
/** The file of a claim added by a test. */
const extraFile = (i: number) => `claims/${extraId(i)}.md`;
/** A claim added by a test (no claim relates to it, so it may go again). */
const extraClaim = (i: number, words: readonly string[], verdict = 'unverified') =>
  `---\nid: ${extraId(i)}\nclaim: "The ${words.join(' ')} ${i}."\nverdict: ${verdict}\n---\nSaid somewhere.\n`;
const extraClaims = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [extraFile(i), extraClaim(i, [WORDS[i % WORDS.length]!])]));

/**
 * Builds with the cache in `<root>/build` and from scratch elsewhere: check's cache as check reads it
 * (base and journal merged) must be the one written whole, and check's findings the same.
 */
async function compareWithFresh(root: string): Promise<void> {
  await engine(root, path.join(root, 'build'));
  const fresh = tempDir();
  await engine(root, fresh, { cache: false });
  const merged = checkCacheIn(path.join(root, 'build'));
  expect(merged).not.toBeNull();
  expect(merged).toBe(checkCacheIn(fresh));
  expect(await findings(root, path.join(root, 'build'))).toBe(await findings(root, fresh));
}

const ops: Array<[string, (root: string, n: number, words: string[]) => void]> = [
  ['edit a claim sentence', (r, _, w) => edit(r, 'claims/bridge-carries-40000-vehicles.md', (t) => t.replace(/^claim: .*$/m, `claim: The Harbor Bridge carries ${w.join(' ')} vehicles a day.`))],
  ['edit another', (r, _, w) => edit(r, 'claims/blog-commute-halved.md', (t) => t.replace(/^claim: .*$/m, `claim: The Harbor Bridge cut ${w.join(' ')} in half.`))],
  ['add a claim', (r, n, w) => writeFileSync(path.join(r, extraFile(n % 6)), extraClaim(n % 6, w, n % 2 ? 'supported' : 'unverified'))],
  ['remove a claim', (r, n) => rmSync(path.join(r, extraFile(n % 6)), { force: true })],
  ['edit a source', (r, _, w) => edit(r, 'sources/bridge-report.md', (t) => `${t}\n${w.join(' ')}.\n`)],
];

describe('check cache journal', () => {
  it('after any sequence of edits, additions and removals, check reads the cache written whole, and only the journal was written (property)', async () => {
    const step = fc.tuple(fc.nat(ops.length - 1), fc.nat(5), fc.subarray(WORDS, { minLength: 1, maxLength: 4 }));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        const root = copyFixture('check-basic', extraClaims(3));
        await compareWithFresh(root);
        const first = base(root);
        for (const [op, n, words] of steps) {
          ops[op]![1](root, n, words);
          await compareWithFresh(root);
        }
        expect(base(root)).toBe(first);
      }),
      fuzzParams(6),
    );
  });

  it('stays right across a build that failed (its claims saved in the build cache, but no outputs)', async () => {
    const root = copyFixture('check-basic', extraClaims(3));
    await compareWithFresh(root);
    edit(root, extraFile(1), () => extraClaim(1, ['green']));
    await compareWithFresh(root);
    writeFileSync(path.join(root, 'claims/broken.md'), '---\nid: broken\nclaim: [unclosed\n---\n');
    edit(root, extraFile(2), () => extraClaim(2, ['lane']));
    expect((await engine(root, path.join(root, 'build'))).ok).toBe(false);
    rmSync(path.join(root, 'claims/broken.md'));
    edit(root, extraFile(0), () => extraClaim(0, ['harbor']));
    await compareWithFresh(root);
  });

  it('stays right across a build killed after writing check\'s cache, before saving the build cache', async () => {
    const root = copyFixture('check-basic', extraClaims(3));
    await compareWithFresh(root);
    const cache = path.join(root, 'build', '.cache', 'build');
    const saved = tempDir();
    cpSync(cache, saved, { recursive: true });
    const before = readFileSync(path.join(root, extraFile(1)), 'utf8');
    edit(root, extraFile(1), () => extraClaim(1, ['green']));
    await compareWithFresh(root);
    rmSync(cache, { recursive: true });
    cpSync(saved, cache, { recursive: true }); // the build cache as that build found it: the journal holds a change it does not know
    edit(root, extraFile(1), () => before); // as the build cache has it: not a change since its build
    edit(root, extraFile(0), () => extraClaim(0, ['harbor']));
    await compareWithFresh(root);
  });

  it('makes check fall back to the outputs when the journal is missing, damaged or does not fit, and the next build writes it whole', async () => {
    const damage: Array<(root: string, out: string) => void> = [
      (_, out) => rmSync(path.join(out, CHECK_JOURNAL_FILE)),
      (_, out) => writeFileSync(path.join(out, CHECK_JOURNAL_FILE), readFileSync(path.join(out, CHECK_JOURNAL_FILE)).subarray(0, 60)),
      (_, out) => edit(out, CHECK_JOURNAL_FILE, (t) => t.replace(/"base":"[0-9a-f]+"/, '"base":"0123"')),
      (_, out) => edit(out, CHECK_JOURNAL_FILE, (t) => t.replace(/"contentHash":"[0-9a-f]+"/, '"contentHash":"0123"')),
      (_, out) => edit(out, CHECK_JOURNAL_FILE, (t) => t.replace('"version":', '"version":9')),
      (_, out) => edit(out, CHECK_JOURNAL_FILE, (t) => t.replace('"was":{"terms":[', '"was":{"terms":["zzz",')), // a term the base does not have for it
      (root, out) => writeFileSync(path.join(out, CHECK_CACHE_FILE), readFileSync(path.join(root, 'other', CHECK_CACHE_FILE))), // another build's base
    ];
    for (const hurt of damage) {
      const root = copyFixture('check-basic', extraClaims(2));
      const out = path.join(root, 'build');
      await engine(root, out);
      edit(root, extraFile(1), () => extraClaim(1, ['green']));
      await compareWithFresh(root);
      await engine(root, path.join(root, 'other'), { cache: false }); // a base written whole for this state
      const want = await findings(root, out);
      expect(readCheckJournal(out)!.changes).toHaveLength(1);
      hurt(root, out);
      expect(readCheckCache(out, indexContentHash(out)!)).toBeNull();
      const opened = await openCheckKb(root, out);
      expect(opened.rebuilt).toBeNull(); // from the outputs, which check writes the cache from, whole
      expect(formatJson(check(article, opened.kb, { file: 'a.md' }))).toBe(want);
      expect(readCheckJournal(out)).toMatchObject({ changes: [], claimsKey: null });
      hurt(root, out);
      edit(root, extraFile(0), () => extraClaim(0, ['lane']));
      const before = base(root);
      await compareWithFresh(root);
      expect(base(root)).not.toBe(before); // written whole: the journal did not fit
    }
  });

  it('writes the cache whole when its base is not the one its journal applies to', async () => {
    const root = copyFixture('check-basic', extraClaims(2));
    await compareWithFresh(root);
    edit(root, extraFile(1), () => extraClaim(1, ['green']));
    await compareWithFresh(root);
    const other = tempDir();
    await engine(root, other, { cache: false });
    writeFileSync(path.join(root, 'build', CHECK_CACHE_FILE), readFileSync(path.join(other, CHECK_CACHE_FILE)));
    edit(root, extraFile(0), () => extraClaim(0, ['lane']));
    await compareWithFresh(root);
    expect(readCheckJournal(path.join(root, 'build'))!.changes).toEqual([]);
  });

  it('writes the cache whole again once the claims changed since the base outgrow the journal', async () => {
    const n = 20;
    const root = copyFixture('check-basic', extraClaims(n));
    await compareWithFresh(root);
    const first = base(root);
    const limit = JOURNAL_MIN_ENTRIES + CHECK_JOURNAL_FRACTION * (n + 7);
    for (let i = 0; i < n; i++) edit(root, extraFile(i), () => extraClaim(i, ['harbor', 'lane']));
    await compareWithFresh(root);
    expect(base(root)).toBe(first);
    const added = Math.ceil(limit) - n + 1;
    for (let i = n; i < n + added; i++) writeFileSync(path.join(root, extraFile(i)), extraClaim(i, ['green']));
    await compareWithFresh(root);
    const second = base(root);
    expect(second).not.toBe(first);
    expect(readCheckJournal(path.join(root, 'build'))!.changes).toEqual([]);
    edit(root, extraFile(3), () => extraClaim(3, ['bridge']));
    await compareWithFresh(root);
    expect(base(root)).toBe(second);
  });

  it('gives `claimkb check --json` the same bytes after a journaled rebuild as after a build from scratch', () => {
    const root = copyFixture('check-basic');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
    expect(run('build', '--root', root).status).toBe(0);
    edit(root, 'claims/blog-bridge-90000-vehicles.md', (t) => t.replace(/^claim: .*$/m, 'claim: The Harbor Bridge carries 90,000 vehicles every single day.'));
    expect(run('build', '--root', root).status).toBe(0);
    expect(readCheckJournal(path.join(root, 'build'))!.changes.map((c) => c.id)).toEqual(['blog-bridge-90000-vehicles']);
    const fresh = tempDir();
    expect(run('build', '--root', root, '--out', fresh).status).toBe(0);
    const journaled = run('check', 'article.md', '--json', '--root', root);
    expect(journaled.stderr).toBe('');
    expect(journaled.stdout).toBe(run('check', 'article.md', '--json', '--root', root, '--out', fresh).stdout);
    expect(journaled.stdout).toContain('every single day');
  });
});
