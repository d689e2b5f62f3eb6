/**
 * Faults (issue 6): what readers see of a half-finished commit, concurrent builds on one --out, read-only
 * and full output folders. Processes are real (`node bin/claimkb.js build`); every assertion holds
 * whatever the timing. Builds killed at random moments are in kill.test.ts.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from '../src/emit/outputs.js';
import { STAMP_FILE } from '../src/index/stamp.js';
import { leftovers, spawnBuild, variantKb, view } from './helpers/faults.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const PRELOAD = path.resolve(__dirname, 'helpers', 'fs-faults.mjs');

/** The outputs physically in `out` (not through the committed view). */
const physical = (out: string) => Object.fromEntries(OUTPUT_FILES.map((n) => [n, readFileSync(path.join(out, n), 'utf8')]));

describe('the committed view (what readers see)', () => {
  it('a writer killed halfway through its renames: readers already see all the new files, and the next writer finishes', async () => {
    const kb = await variantKb();
    const out = path.join(tempDir(), 'out');
    kb.set('A');
    expect((await spawnBuild(kb.root, out).done).code).toBe(0);
    const newStamp = kb.set('B');
    // B's commit: claims.json and index.json already moved into place, the rest still staged.
    const staging = path.join(out, '.staging-999999-deadbeef');
    mkdirSync(path.join(staging, '.cache'), { recursive: true });
    const names = [...OUTPUT_FILES, STAMP_FILE];
    const B: Record<string, string | null> = { ...kb.expected.B, [STAMP_FILE]: newStamp };
    for (const name of names) writeFileSync(path.join(['claims.json', 'index.json'].includes(name) ? out : staging, name), B[name]!);
    writeFileSync(path.join(staging, 'COMMIT'), JSON.stringify(names));
    expect(view(out)).toEqual(B);
    expect(physical(out)['report.json']).toBe(kb.expected.A['report.json']); // in place, still a mix
    const { recover } = await import('../src/emit/atomic.js');
    await recover(out);
    expect(physical(out)).toEqual(Object.fromEntries(OUTPUT_FILES.map((n) => [n, B[n]])));
    expect(leftovers(out)).toEqual([]);
  });
});

describe('two or more builds at once on the same --out', () => {
  it('never corrupt it, even when one of them is killed (3 rounds of 3 builds)', async () => {
    const kb = await variantKb();
    const out = path.join(tempDir(), 'out');
    for (const [round, variant] of (['A', 'B', 'A'] as const).entries()) {
      const stamp = kb.set(variant);
      const runs = [0, 1, 2].map(() => spawnBuild(kb.root, out));
      if (round === 2) setTimeout(() => runs[1]!.child.kill('SIGKILL'), 150 + 100 * round);
      const results = await Promise.all(runs.map((r) => r.done));
      for (const [i, r] of results.entries()) if (!(round === 2 && i === 1)) expect(r.code, r.stderr).toBe(0);
      expect(physical(out)).toEqual(Object.fromEntries(OUTPUT_FILES.map((n) => [n, kb.expected[variant][n]])));
      expect(readFileSync(path.join(out, STAMP_FILE), 'utf8')).toBe(stamp);
      // What a killed build may leave (when the others were past their recovery by then) is its own,
      // and the next writer removes it; the others leave nothing.
      const killed = round === 2 ? String(runs[1]!.child.pid) : null;
      const owner = (name: string) => (name === '.lock' ? readFileSync(path.join(out, name), 'utf8').split(' ')[0] : name.split('-')[1]);
      expect(leftovers(out).filter((n) => owner(n) !== killed)).toEqual([]);
      if (killed && leftovers(out).length > 0) expect((await spawnBuild(kb.root, out).done).code).toBe(0);
      expect(leftovers(out)).toEqual([]);
    }
  }, 120_000);
});

describe('a lock left by a build that is gone', () => {
  const proc = existsSync('/proc/self/stat');

  it.skipIf(!proc)('is told from a live one by pid and start time, so a reused pid does not hold the lock', async () => {
    const { lockIsStale, startTimeOf } = await import('../src/emit/lock.js');
    const parent = process.ppid;
    expect(lockIsStale(`${parent} ${startTimeOf(parent)} aa`)).toBe(false); // alive, the same process
    expect(lockIsStale(`${parent} 1 aa`)).toBe(true); // alive, but another process has the pid now
    expect(lockIsStale(`${process.pid} ${startTimeOf(process.pid)} aa`)).toBe(false); // this process's own lock
    expect(lockIsStale(`${process.pid} 1 aa`)).toBe(true); // a killed build that had this process's pid
    expect(lockIsStale('4194303 5 aa')).toBe(true); // no such process
    expect(lockIsStale(`${parent} 12345678`)).toBe(false); // as older versions wrote it: pid only
    expect(lockIsStale('4194303 12345678')).toBe(true);
  });

  it.skipIf(!proc)('is broken at once by a build that runs with the same pid (as in a container)', async () => {
    const { build } = await import('../src/build.js');
    const root = copyFixture('valid');
    const out = path.join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, '.lock'), `${process.pid} 1 deadbeefdeadbeef`);
    const result = await build({ root, out }); // before, it waited LOCK_WAIT_MS (60 s) and then failed
    expect(result.wrote).toBe(out);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('an output folder that cannot be written', () => {
  async function failedBuild(make: (root: string, out: string) => { out: string; env?: NodeJS.ProcessEnv; preload?: string }) {
    const root = copyFixture('valid');
    const out0 = path.join(tempDir(), 'out');
    expect((await spawnBuild(root, out0).done).code).toBe(0);
    const before = physical(out0);
    const { out, ...options } = make(root, out0);
    writeFileSync(path.join(root, 'claims/widget-model-published-2026.md'), readFileSync(path.join(root, 'claims/widget-model-published-2026.md'), 'utf8') + '\nMore.\n');
    const r = await spawnBuild(root, out, options).done;
    return { r, before, out0, root };
  }

  it.each([
    ['full (ENOSPC)', 'ENOSPC', 'no space left on the device (ENOSPC)'],
    ['read-only (EROFS)', 'EROFS', 'the file system is read-only (EROFS)'],
  ])('%s: exit 2, a one-line error, the previous outputs intact, and the next build recovers', async (_name, fault, why) => {
    const { r, before, out0, root } = await failedBuild((_root, out) => ({ out, preload: PRELOAD, env: { CLAIMKB_FAULT: fault, CLAIMKB_FAULT_DIR: out } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`claimkb: cannot write the outputs to ${out0}: ${why}; the previous outputs were left as they were\n`);
    expect(physical(out0)).toEqual(before);
    expect(leftovers(out0)).toEqual([]);
    expect((await spawnBuild(root, out0).done).code).toBe(0);
    expect(physical(out0)['claims.json']).not.toBe(before['claims.json']);
  }, 60_000);

  it('an output path under a regular file (real file system): exit 2, a one-line error', async () => {
    const { r } = await failedBuild((root) => {
      writeFileSync(path.join(root, 'blocker'), 'x');
      return { out: path.join(root, 'blocker', 'out') };
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^claimkb: cannot write the outputs to .*blocker\/out: a part of the path is a file, not a folder \(ENOTDIR\); the previous outputs were left as they were\n$/);
  });

  // chmod does not stop root, so this real-permission variant runs only as another user; the EROFS case above runs everywhere.
  it.skipIf(process.getuid?.() === 0)('a folder without write permission (real file system): exit 2, outputs intact', async () => {
    const { r, before, out0 } = await failedBuild((_root, out) => {
      mkdirSync(out, { recursive: true });
      chmodSync(out, 0o555);
      return { out };
    });
    chmodSync(out0, 0o755); // so that the temporary folder can be removed
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('permission denied (EACCES)');
    expect(physical(out0)).toEqual(before);
  });
});
