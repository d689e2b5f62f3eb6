/**
 * Byte-identical outputs whatever the order of the files (issue 6, "Faults"): files created in shuffled
 * orders, directory listings returned in shuffled orders, and parsed files handed back in shuffled orders
 * (as worker threads or a cache may), on the fixture and on this repository's own knowledge base.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../src/build.js';
import { OUTPUT_FILES } from '../src/emit/outputs.js';
import { parseFound } from '../src/load/load.js';
import { random } from './helpers/faults.js';
import { fixture, tempDir } from './helpers/kb.js';

/** When set, every directory listing comes back in an order drawn from it. */
const listing = vi.hoisted(() => ({ shuffle: null as null | (<T>(xs: T[]) => T[]) }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fsp = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (...args: Parameters<typeof fsp.readdir>) => {
    const entries = (await fsp.readdir(...args)) as unknown[];
    return listing.shuffle ? listing.shuffle(entries) : entries;
  }) as typeof fsp.readdir;
  return { ...fsp, default: { ...fsp, readdir }, readdir };
});

const REPO = path.resolve(__dirname, '..');
const shuffler = (seed: number) => {
  const rng = random(seed);
  return <T>(xs: T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
};

/** Copies the content files of `from` into a new folder, creating them in the order `order` gives. */
function copyInOrder(from: string, order: <T>(xs: T[]) => T[]): string {
  const to = tempDir();
  const files = ['claims', 'sources'].flatMap((d) => readdirSync(path.join(from, d)).map((f) => `${d}/${f}`));
  for (const f of order(files)) {
    mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    writeFileSync(path.join(to, f), readFileSync(path.join(from, f)));
  }
  return to;
}

async function outputsOf(root: string, options: Parameters<typeof build>[0] extends infer O ? Partial<O> : never = {}) {
  const out = path.join(tempDir(), 'out');
  await build({ root, out, ...options });
  return Object.fromEntries(OUTPUT_FILES.map((n) => [n, readFileSync(path.join(out, n), 'utf8')]));
}

describe('outputs are byte-identical whatever the order of the files', () => {
  it.each([
    ['the fixture', fixture('valid')],
    ["this repository's knowledge base", REPO],
  ])('%s: shuffled creation, shuffled listings, shuffled parse results', async (_name, source) => {
    const reference = await outputsOf(copyInOrder(source, (xs) => [...xs].sort()));
    for (const seed of [1, 2]) {
      const root = copyInOrder(source, shuffler(seed));
      listing.shuffle = shuffler(seed + 100);
      const order = shuffler(seed + 200);
      try {
        expect(await outputsOf(root, { parseAll: async (files) => order(await Promise.all(order([...files]).map(parseFound))) })).toEqual(reference);
      } finally {
        listing.shuffle = null;
      }
    }
  }, 120_000);

  it('diagnostics that name "the first" file (duplicate ids) do not depend on the order parse results come back in', async () => {
    const root = fixture('rules', 'duplicate-id');
    const reference = (await build({ root, out: null })).report;
    for (const seed of [3, 4, 5, 6]) {
      const order = shuffler(seed);
      const { report } = await build({ root, out: null, parseAll: async (files) => order(await Promise.all(files.map(parseFound))) });
      expect(report).toEqual(reference);
    }
  });

  it('the listing shuffle is live (else the test above proves nothing)', async () => {
    const { readdir } = await import('node:fs/promises');
    const dir = tempDir();
    for (const n of 'abcdefghij') writeFileSync(path.join(dir, n), '');
    listing.shuffle = shuffler(7);
    const names = (await readdir(dir)) as string[];
    listing.shuffle = null;
    expect(names).not.toEqual([...names].sort());
    expect([...names].sort()).toEqual([...'abcdefghij']);
  });
});

