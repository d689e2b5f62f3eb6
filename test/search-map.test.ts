import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { parseIndexFile } from '../src/index/index-file.js';
import { MappedIndex } from '../src/search/mapped.js';
import { searchIndex, type SearchQuery } from '../src/search/search.js';
import { engine } from './helpers/build.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const HOOK = path.resolve(__dirname, 'helpers', 'log-imports.mjs');
const cli = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1', ...env } });

const kbs: Array<{ name: string; out: string; words: string[] }> = [];
beforeAll(async () => {
  const generated = tempDir();
  generate(120, generated);
  for (const [name, root] of [['fixture', copyFixture('valid')], ['repository', path.resolve(__dirname, '..')], ['generated', generated]] as const) {
    const out = tempDir();
    await engine(root, out, { cache: false });
    const map = JSON.parse(readFileSync(path.join(out, 'index.map.json'), 'utf8')) as { words: string[] };
    kbs.push({ name, out, words: map.words });
  }
}, 120_000);

describe('search through the index map', () => {
  it('gives exactly the hits and scores of the whole index (property)', () => {
    for (const { out, words } of kbs) {
      const whole = parseIndexFile(readFileSync(path.join(out, 'index.json'), 'utf8'));
      if (!whole.ok) throw new Error(whole.reason);
      const mapped = MappedIndex.open(out)!;
      const word = fc.constantFrom(...words);
      const term = fc.oneof(word, word.map((w) => w.slice(0, 3)), fc.tuple(word, fc.nat()).map(([w, i]) => w.slice(0, i % w.length) + 'x' + w.slice((i % w.length) + 1)), fc.constantFrom('', 'Zz', '2026'));
      const query = fc.record({
        query: fc.array(term, { maxLength: 3 }).map((ts) => ts.join(' ')),
        verdict: fc.constantFrom(undefined, ['supported'], ['refuted', 'misleading']),
        flag: fc.constantFrom(undefined, ['wrong-date']),
        limit: fc.integer({ min: 1, max: 30 }),
      });
      fc.assert(
        fc.property(query, (q) => {
          const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as unknown as SearchQuery;
          expect(mapped.search(clean)).toEqual(searchIndex(whole.index, clean));
        }),
        fuzzParams(150),
      );
      mapped.close();
    }
  });

  it('falls back to index.json read whole when the map is missing or does not fit it, with the same hits', () => {
    const root = copyFixture('valid');
    expect(cli(['build', '--root', root]).status).toBe(0);
    const expected = cli(['search', 'widget', '--root', root, '--json']).stdout;
    rmSync(path.join(root, 'build', 'index.map.json'));
    const r = cli(['search', 'widget', '--root', root, '--json']);
    expect([r.stdout, r.stderr]).toEqual([expected, '']);
    expect(cli(['build', '--root', root]).status).toBe(0); // the outputs are complete again
    const index = path.join(root, 'build', 'index.json');
    writeFileSync(index, ' '.repeat(statSync(index).size)); // same size, not an index
    const broken = cli(['search', 'widget', '--root', root, '--json']);
    expect(broken.stderr).toMatch(/not valid JSON|not a claimkb index/);
    expect(broken.stdout).toBe(expected);
  });

  it('is used only while index.json and the map are the very files the build wrote', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    await engine(root, out, { cache: false });
    const usable = (): boolean => {
      const opened = MappedIndex.open(out);
      opened?.close();
      return opened !== null;
    };
    expect(usable()).toBe(true);
    for (const name of ['index.json', 'index.map.json']) {
      const file = path.join(out, name);
      const before = statSync(file);
      writeFileSync(file, readFileSync(file)); // the same bytes, written again
      utimesSync(file, before.atime, before.mtime); // even with the old modification time (the change time differs)
      expect(usable(), name).toBe(false);
      await engine(root, out, { cache: false });
      expect(usable(), name).toBe(true);
    }
    rmSync(path.join(out, '.cache', 'index-trust.json'));
    expect(usable()).toBe(false);
  });

  it('loads neither remark nor the YAML parser', () => {
    const root = copyFixture('valid');
    cli(['build', '--root', root]);
    const log = path.join(tempDir(), 'imports.log');
    const r = spawnSync(process.execPath, ['--import', HOOK, BIN, 'search', 'widget', '--root', root], { encoding: 'utf8', env: { ...process.env, CI: '1', CLAIMKB_IMPORT_LOG: log } });
    expect(r.status).toBe(0);
    const urls = readFileSync(log, 'utf8');
    expect(urls).toMatch(/minisearch/);
    expect(urls).not.toMatch(/remark|micromark|node_modules\/yaml|gray-matter|zod/);
  });
});
