/**
 * Builds killed at random moments (issue 6, "Faults"): real `node bin/claimkb.js build` processes get
 * SIGKILL, half of them at a random moment of the whole run, half at a random moment of the writing
 * phase (after the output folder first changes). After each kill a reader must see either the previous
 * complete outputs or the new complete ones, and every file in place must be whole; the next build
 * recovers. A kill lands wherever it lands: the assertions hold whatever the timing. CI runs
 * KILL_TRIALS=20 with a fixed seed; `npm run faults` runs many more with a random one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from '../src/emit/outputs.js';
import { STAMP_FILE } from '../src/index/stamp.js';
import { leftovers, killTrial, random, spawnBuild, timeBuild, variantKb, view, type Variant } from './helpers/faults.js';
import { tempDir } from './helpers/kb.js';

const TRIALS = Number(process.env.KILL_TRIALS ?? 20);
const SEED = process.env.KILL_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.KILL_SEED ?? 20260223);
const physical = (out: string) => Object.fromEntries(OUTPUT_FILES.map((n) => [n, readFileSync(path.join(out, n), 'utf8')]));

describe('a build killed at random moments', () => {
  it(`always leaves the previous complete outputs or the new complete ones (${TRIALS} trials, seed ${SEED})`, async () => {
    const kb = await variantKb();
    const out = path.join(tempDir(), 'out');
    const rng = random(SEED);
    kb.set('A');
    expect((await spawnBuild(kb.root, out).done).code).toBe(0);
    kb.set('B');
    const span = await timeBuild(kb.root, out); // the spread of kill times: a whole build, and its writing phase
    const tally = { previous: 0, new: 0, invalid: 0, killed: 0, rollForward: 0, targeted: 0, checkCacheUsable: 0 };
    let variant: Variant = 'A';
    for (let t = 0; t < TRIALS; t++) {
      variant = rng() < 0.5 ? 'A' : 'B';
      const targeted = rng() < 0.5; // half the kills aim at the write phase (after the output folder first changes)
      const r = await killTrial(kb, out, variant, targeted ? null : Math.floor(rng() * span.total * 1.2), rng() * span.writing * 1.2);
      expect(r.outcome, `trial ${t}: ${JSON.stringify(r)}`).not.toBe('invalid');
      expect(r.whole, `trial ${t}: a file in place is partial or unknown`).toBe(true);
      expect(r.checkCache, `trial ${t}: check's cache gives another build's data`).not.toBe('wrong');
      tally[r.outcome]++;
      if (r.killed) tally.killed++;
      if (r.rollForward) tally.rollForward++;
      if (targeted) tally.targeted++;
      if (r.checkCache === 'right') tally.checkCacheUsable++;
    }
    // The next build recovers: it rolls forward or drops what a killed build left, and leaves nothing behind.
    const last = await spawnBuild(kb.root, out).done;
    expect(last.code).toBe(0);
    expect(physical(out)).toEqual(Object.fromEntries(OUTPUT_FILES.map((n) => [n, kb.expected[variant][n]])));
    expect(view(out)[STAMP_FILE]).toBe(kb.set(variant) && readFileSync(path.join(out, STAMP_FILE), 'utf8'));
    expect(leftovers(out)).toEqual([]);
    console.info(`kill trials (seed ${SEED}, build ${span.total} ms, writing ${span.writing} ms): ${JSON.stringify(tally)}`);
  }, 600_000);
});

