import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FRACTION, JOURNAL_MIN_ENTRIES, readJournaled, writeJournal, writeWhole, type Spec } from '../src/cache/journal.js';
import { blobFiles, compareWithFresh, engine } from './helpers/build.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const CLAIM = 'claims/widget-model-published-2026.md';
const edit = (root: string, file: string, f: (text: string) => string) => writeFileSync(path.join(root, file), f(readFileSync(path.join(root, file), 'utf8')));
const cacheFile = (root: string, name: string) => path.join(root, 'build', '.cache', 'build', name);
const baseId = (root: string, name: string) => (JSON.parse(readFileSync(cacheFile(root, `${name}.json`), 'utf8')) as { id: string }).id;
const bases = (root: string) => ['files', 'state'].map((n) => `${baseId(root, n)} ${statSync(cacheFile(root, `${n}.json`)).mtimeMs}`);

/** A claim that quotes nothing (many of them make a knowledge base large enough to journal edits in). */
const plainClaim = (i: number, text = 'It was said.') => `---\nid: plain-${i}\nclaim: "Plain claim ${i}."\nverdict: unverified\n---\n${text}\n`;
const plainClaims = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`claims/plain-${i}.md`, plainClaim(i)]));

describe('the build cache’s journals', () => {
  it('writes only the journals after a small change, and the outputs stay those of a build from scratch', async () => {
    const root = copyFixture('valid', plainClaims(3));
    await compareWithFresh(root);
    const before = bases(root);
    edit(root, CLAIM, (t) => t.replace('was published', 'was first published'));
    expect((await compareWithFresh(root)).resolved).toBe(1);
    edit(root, 'claims/plain-1.md', () => plainClaim(1, 'It was said again.'));
    writeFileSync(path.join(root, 'claims/plain-99.md'), plainClaim(99));
    rmSync(path.join(root, 'claims/plain-2.md'));
    expect((await compareWithFresh(root)).resolved).toBe(2); // applied on top of the previous journal
    edit(root, 'sources/trade-blog.md', (t) => t.replace('title: Widget Weekly', 'title: Widget Weekly, revised'));
    expect((await compareWithFresh(root)).resolved).toBe(3);
    expect(bases(root)).toEqual(before); // the bases were never rewritten
    const again = await compareWithFresh(root);
    expect([again.unchanged, again.resolved]).toEqual([true, 0]);
  });

  it('keeps the base’s blob files while it writes journals, and drops later ones once no longer used', async () => {
    const root = copyFixture('valid');
    await compareWithFresh(root);
    const first = blobFiles(path.join(root, 'build'));
    const before = bases(root);
    for (const word of ['first', 'then', 'finally']) {
      edit(root, CLAIM, (t) => t.replace(/was (\w+ )?published/, `was ${word} published`));
      expect((await compareWithFresh(root)).resolved).toBe(1);
      const now = blobFiles(path.join(root, 'build'));
      expect(now.filter((n) => !first.includes(n))).toHaveLength(2); // this build's records and terms files only
      expect(now.filter((n) => first.includes(n))).toEqual(first); // the base's, though the edited claim's blobs in them are unused
    }
    expect(bases(root)[1]).toEqual(before[1]);
  });

  it('ignores a journal that is damaged, of another base or of another tool, and agrees with a build from scratch', async () => {
    const journal = 'build/.cache/build/state.journal.json';
    // Each damage, and how many claims are resolved after it: all 6 when the state is ignored; 1 when only
    // files.json is (every file is read and parsed again, but resolved claims are found by their content).
    const damage: Array<[(root: string) => void, number]> = [
      [(root) => writeFileSync(cacheFile(root, 'state.journal.json'), readFileSync(cacheFile(root, 'state.journal.json')).subarray(0, 40)), 6],
      [(root) => edit(root, journal, (t) => t.replace(/"base":"[0-9a-f]+"/, '"base":"0123"')), 6],
      [(root) => edit(root, 'build/.cache/build/files.journal.json', (t) => t.replace(/"base":"[0-9a-f]+"/, '"base":"0123"')), 1],
      [(root) => edit(root, journal, (t) => t.replace('"tool":"', '"tool":"9')), 6],
      [(root) => edit(root, 'build/.cache/build/state.json', (t) => t.replace(/"id":"[0-9a-f]+"/, '"id":"4567"')), 6],
      [(root) => rmSync(cacheFile(root, 'state.journal.json')), 6],
      [(root) => edit(root, journal, (t) => t.replace('"set":[', '"set":7,"was":[')), 6],
    ];
    for (const [hurt, resolved] of damage) {
      const root = copyFixture('valid', plainClaims(2));
      await engine(root, path.join(root, 'build'));
      edit(root, CLAIM, (t) => `${t}\nMore.\n`);
      await engine(root, path.join(root, 'build')); // the journal now holds a change
      edit(root, 'claims/plain-0.md', () => plainClaim(0, 'Edited.'));
      hurt(root);
      expect((await compareWithFresh(root)).resolved).toBe(resolved);
    }
  });

  it('writes the cache whole again once the changes outgrow the journal', async () => {
    const n = 80;
    const root = copyFixture('valid', plainClaims(n));
    await compareWithFresh(root);
    const before = bases(root);
    // 75 claims edited: 75 file records (of n + 6 files) and 75 digests and 75 resolved claims (of 2n + 10
    // entries) changed, past 64 plus 10% of the base's entries in both
    const limit = (entries: number) => JOURNAL_MIN_ENTRIES + JOURNAL_FRACTION * entries;
    expect([75 > limit(n + 6), 150 > limit(2 + 2 * (n + 4))]).toEqual([true, true]);
    for (let i = 0; i < 75; i++) edit(root, `claims/plain-${i}.md`, () => plainClaim(i, 'Edited.'));
    expect((await compareWithFresh(root)).resolved).toBe(75);
    const after = bases(root);
    expect(after.map((b) => b.split(' ')[0])).toEqual([expect.not.stringMatching(before[0]!.split(' ')[0]!), expect.not.stringMatching(before[1]!.split(' ')[0]!)]);
    edit(root, 'claims/plain-78.md', () => plainClaim(78, 'Edited too.'));
    expect((await compareWithFresh(root)).resolved).toBe(1);
    // a small change again: state.json's journal only (files.json may be written whole once more: the 75
    // files edited just before that build are hashed again, being too recent to trust by their stat)
    expect(bases(root)[1]).toEqual(after[1]);
  });
});

describe('journaled files', () => {
  type Row = { k: string; v: number };
  const spec: Spec = { rows: { kind: 'keyed', key: (r: Row) => r.k, same: (a: Row, b: Row) => a.v === b.v }, words: 'append', total: 'head' };
  const header = { version: 1, tool: 't' };
  const rows = (n: number, v = 0) => Array.from({ length: n }, (_, i) => ({ k: `r${i}`, v }));

  it('reads back what was written, whole or as a journal on the base, in the base’s order with new keys last', () => {
    const dir = tempDir();
    writeWhole(dir, 'x', header, spec, { rows: rows(100), words: ['a', 'b'], total: 1 });
    const first = readJournaled(dir, 'x', header, spec)!;
    expect(first.data).toEqual({ rows: rows(100), words: ['a', 'b'], total: 1 });
    const next = { rows: [...rows(100).slice(1).map((r) => (r.k === 'r5' ? { ...r, v: 9 } : r)), { k: 'new', v: 2 }], words: ['a', 'b', 'c'], total: 2 };
    expect(writeJournal(dir, 'x', header, spec, next, first.base)).toBe(true);
    const journal = JSON.parse(readFileSync(path.join(dir, 'x.journal.json'), 'utf8')) as { changes: { rows: { set: Row[]; removed: string[] } } };
    expect(journal.changes.rows).toEqual({ set: [{ k: 'r5', v: 9 }, { k: 'new', v: 2 }], removed: ['r0'] });
    expect(readJournaled(dir, 'x', header, spec)!.data).toEqual(next);
    expect(readJournaled(dir, 'x', { ...header, tool: 'u' }, spec)).toBeNull();
  });

  it('puts changed entries back at the places the journal gives, checked by key, else finds them by key', () => {
    const dir = tempDir();
    writeWhole(dir, 'x', header, spec, { rows: rows(100), words: [], total: 1 });
    const next = { rows: rows(100).map((r) => (r.k === 'r5' || r.k === 'r70' ? { ...r, v: 9 } : r)), words: [], total: 1 };
    expect(writeJournal(dir, 'x', header, spec, next, readJournaled(dir, 'x', header, spec)!.base)).toBe(true);
    const file = path.join(dir, 'x.journal.json');
    expect((JSON.parse(readFileSync(file, 'utf8')) as { changes: { rows: { at: number[] } } }).changes.rows.at).toEqual([5, 70]);
    expect(readJournaled(dir, 'x', header, spec)!.data).toEqual(next);
    for (const wrong of ['[6,70]', '[5]', '[5,100]', '"5"']) {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/"at":\[[^\]]*\]/, `"at":${wrong}`));
      expect(readJournaled(dir, 'x', header, spec)!.data).toEqual(next);
    }
  });

  it('declines to journal too many changes, or a list that was not only appended to', () => {
    const dir = tempDir();
    writeWhole(dir, 'x', header, spec, { rows: rows(100), words: ['a', 'b'], total: 1 });
    const { base } = readJournaled(dir, 'x', header, spec)!;
    const journal = readFileSync(path.join(dir, 'x.journal.json'), 'utf8');
    expect(writeJournal(dir, 'x', header, spec, { rows: rows(100, 1), words: ['a', 'b'], total: 1 }, base)).toBe(false);
    expect(writeJournal(dir, 'x', header, spec, { rows: rows(100), words: ['b', 'a'], total: 1 }, base)).toBe(false);
    expect(readFileSync(path.join(dir, 'x.journal.json'), 'utf8')).toBe(journal); // nothing written
    writeWhole(dir, 'x', header, spec, { rows: rows(100, 1), words: ['b', 'a'], total: 3 });
    expect(readJournaled(dir, 'x', header, spec)!.base.id).not.toBe(base.id);
  });
});
