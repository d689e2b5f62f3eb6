import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { CHECK_CACHE_FILE, indexContentHash, readCheckCache } from '../src/check/cache.js';
import { check } from '../src/check/check.js';
import { formatJson } from '../src/check/format.js';
import { openCheckKb } from '../src/check/load.js';
import { copyFixture, fixture } from './helpers/kb.js';

const article = readFileSync(fixture('check-basic', 'article.md'), 'utf8');
const run = async (root: string) => {
  const { kb, rebuilt } = await openCheckKb(root, path.join(root, 'build'));
  return { json: formatJson(check(article, kb, { file: 'a.md' })), rebuilt };
};

describe('the check cache beside the outputs', () => {
  it('is written by the build, as check writes it from the outputs, then read, with byte-identical results', async () => {
    const root = copyFixture('check-basic');
    const out = path.join(root, 'build');
    await build({ root });
    const cacheFile = path.join(out, CHECK_CACHE_FILE);
    const byBuild = readFileSync(cacheFile, 'utf8');
    rmSync(cacheFile);
    const first = await run(root);
    expect(readFileSync(cacheFile, 'utf8')).toBe(byBuild);
    expect(first.rebuilt).toBeNull();
    expect(readCheckCache(out, indexContentHash(out)!)).not.toBeNull();
    const second = await run(root);
    expect(second.json).toBe(first.json);
    const inMemory = await openCheckKb(root, path.join(root, 'nowhere'));
    expect(inMemory.rebuilt).toMatch(/no build found/);
    expect(formatJson(check(article, inMemory.kb, { file: 'a.md' }))).toBe(first.json);
  });

  it('ignores a cache from another build or a corrupted one', async () => {
    const root = copyFixture('check-basic');
    const out = path.join(root, 'build');
    await build({ root });
    const first = await run(root);
    const cacheFile = path.join(out, CHECK_CACHE_FILE);
    expect(readCheckCache(out, 'another-hash')).toBeNull();
    writeFileSync(cacheFile, '{"version":');
    expect(readCheckCache(out, indexContentHash(out)!)).toBeNull();
    expect((await run(root)).json).toBe(first.json);
    expect(readCheckCache(out, indexContentHash(out)!)).not.toBeNull();
  });
});
