/**
 * index.json built with other options, by another version, truncated or corrupted (issue 6, "Index"):
 * each gives a reason and a rebuild in memory, never zero results (or wrong ones) in silence.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { parseIndexFile, serializeIndex } from '../src/index/index-file.js';
import { openIndex } from '../src/search/open.js';
import { searchIndex } from '../src/search/search.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const QUERIES = ['widget', '2024', 'blue factories', 'simulate shapes', 'lab'];
let good: string;
let expected: string;

/** Every hit (id and score) of a few queries: what a damaged index must not change in silence. */
const answers = (text: string): string | null => {
  const loaded = parseIndexFile(text);
  return loaded.ok ? JSON.stringify(QUERIES.map((query) => searchIndex(loaded.index, { query, limit: 100 }).hits.map((h) => [h.id, h.score]))) : null;
};

beforeAll(async () => {
  const result = await build({ root: copyFixture('valid'), out: null });
  good = serializeIndex(result.index, result.contentHash);
  expected = answers(good)!;
});

const edit = (f: (data: Record<string, any>) => void) => {
  const data = JSON.parse(good) as Record<string, any>;
  f(data);
  return `${JSON.stringify(data)}\n`;
};

describe('parseIndexFile refuses, with a reason, an index that', () => {
  it.each([
    ['was built with other options', () => good.replace(/"optionsHash":"\w+"/, '"optionsHash":"0123456789abcdef"'), 'the index was built with other index options'],
    ['has another format version', () => good.replace(/"formatVersion":\d+/, '"formatVersion":1'), 'the index has format version 1, expected 2'],
    ['was written by another claimkb version', () => good.replace(/"toolVersion":"[^"]+"/, '"toolVersion":"9.9.9"'), 'the index was written by claimkb 9.9.9, this is 0.1.0'],
    ['is empty', () => '', 'the index is not valid JSON'],
    ['is not JSON', () => '\u0000garbage', 'the index is not valid JSON'],
    ['is JSON but no index', () => '[1,2,3]', 'the file is not a claimkb index'],
    ['has no checksum', () => edit((d) => delete d.indexSha256), 'the index is corrupted (its checksum does not match its content)'],
    ['was edited after it was written', () => edit((d) => (d.index.fieldIds = {})), 'the index is corrupted (its checksum does not match its content)'],
  ])('%s', (_name, make, reason) => {
    const loaded = parseIndexFile(make());
    expect(loaded.ok ? null : loaded.reason).toContain(reason);
  });

  it('is truncated anywhere', () => {
    for (let cut = 0; cut < good.length - 2; cut += Math.ceil(good.length / 97)) expect(parseIndexFile(good.slice(0, cut)).ok, `cut at ${cut}`).toBe(false);
  });
});

describe('a damaged index never answers differently in silence (property)', () => {
  it('any byte changed, deleted or inserted: same answers, or a reason', () => {
    const damage = fc.record({ at: fc.nat(), op: fc.constantFrom('set', 'delete', 'insert'), char: fc.constantFrom(...'0123456789abcdef{}[]",:. \\nxz-') });
    fc.assert(
      fc.property(damage, ({ at, op, char }) => {
        const i = at % good.length;
        const text = op === 'delete' ? good.slice(0, i) + good.slice(i + 1) : good.slice(0, i) + char + good.slice(i + (op === 'set' ? 1 : 0));
        const got = answers(text);
        return got === null || got === expected;
      }),
      fuzzParams(300),
    );
  });
});

describe('search rebuilds in memory and says why (spawned)', () => {
  it.each([
    ['options', (t: string) => t.replace(/"optionsHash":"\w+"/, '"optionsHash":"0123456789abcdef"'), 'the index was built with other index options'],
    ['truncated', (t: string) => t.slice(0, t.length / 2), 'the index is not valid JSON'],
    ['a flipped digit', (t: string) => t.replace(/"documentCount":4,"nextId":4/, '"documentCount":4,"nextId":5'), 'checksum does not match'],
  ])('%s', (_name, damage, reason) => {
    const root = copyFixture('valid');
    expect(spawnSync(process.execPath, [BIN, 'build', '--root', root]).status).toBe(0);
    const file = path.join(root, 'build', 'index.json');
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    const r = spawnSync(process.execPath, [BIN, 'search', 'widget', '--root', root], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(reason);
    expect(r.stderr).toContain('searched an index built in memory');
    expect(r.stdout).toMatch(/^1\. blog-widget-model-2024 /);
  });

  it('openIndex returns the in-memory index with the reason', async () => {
    const root = copyFixture('valid');
    await build({ root });
    writeFileSync(path.join(root, 'build', 'index.json'), '{"format":"claimkb-index"');
    const opened = await openIndex(root, path.join(root, 'build'));
    expect(opened.rebuilt).toMatch(/not valid JSON/);
    expect(opened.index.documentCount).toBe(4);
  });
});
