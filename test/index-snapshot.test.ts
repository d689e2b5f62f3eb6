import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithFresh, engine, snapshotFiles } from './helpers/build.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture } from './helpers/kb.js';

const WORDS = ['widget', 'model', 'blue', 'shape', 'report', 'lab', 'trade', 'claim', 'said', 'again'];
/** A claim that quotes nothing, with a text of a few words (so that edits change some terms' postings and not others). */
const plainClaim = (n: number, words: readonly string[]) => `---\nid: plain-${n}\nclaim: "Plain ${words.join(' ')}."\nverdict: unverified\ntopics: [${words[0] ?? 'none'}]\n---\nIt was said: ${words.join(', ')}.\n`;
const file = (root: string, n: number) => path.join(root, 'claims', `plain-${n}.md`);

/** A change to the knowledge base: a claim written (edited or added) with these words, or removed. */
const change = fc.tuple(fc.nat(11), fc.option(fc.subarray(WORDS, { minLength: 1 }), { nil: null }));

describe('the index assembled from the previous build’s snapshot', () => {
  it('gives the outputs of a build from scratch after any sequence of edits, additions and removals (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), async (steps) => {
        const root = copyFixture('valid', Object.fromEntries([1, 4, 7, 10].map((n) => [`claims/plain-${n}.md`, plainClaim(n, WORDS.slice(n % 5, n % 5 + 3))])));
        await compareWithFresh(root);
        for (const changes of steps) {
          for (const [n, words] of changes) {
            if (words) writeFileSync(file(root, n), plainClaim(n, words));
            else rmSync(file(root, n), { force: true });
          }
          await compareWithFresh(root);
        }
        expect(snapshotFiles(path.join(root, 'build'))).toHaveLength(1); // earlier snapshots are deleted
      }),
      fuzzParams(10),
    );
  });

  it('gives the outputs of a build from scratch when the snapshot or the previous index.json is damaged or missing', async () => {
    const cacheDir = (root: string) => path.join(root, 'build', '.cache', 'build');
    const damage: Record<string, (root: string) => void> = {
      'snapshot flipped': (root) => {
        const name = path.join(cacheDir(root), snapshotFiles(path.join(root, 'build'))[0]!);
        const bytes = readFileSync(name);
        bytes[bytes.length - 8]! ^= 0xff;
        writeFileSync(name, bytes);
      },
      'snapshot removed': (root) => rmSync(path.join(cacheDir(root), snapshotFiles(path.join(root, 'build'))[0]!)),
      'postings in index.json edited in place': (root) => {
        const name = path.join(root, 'build', 'index.json');
        const bytes = readFileSync(name);
        const map = JSON.parse(readFileSync(path.join(root, 'build', 'index.map.json'), 'utf8')) as { postings: number[] };
        for (let k = 0; k < map.postings.length; k += 2) bytes[map.postings[k + 1]! - 2] = 0x39; // each term's last frequency: 9
        writeFileSync(name, bytes);
      },
      'index trust record removed': (root) => rmSync(path.join(root, 'build', '.cache', 'index-trust.json')),
    };
    for (const [what, hurt] of Object.entries(damage)) {
      const root = copyFixture('valid', { 'claims/plain-1.md': plainClaim(1, ['widget', 'blue']) });
      await engine(root, path.join(root, 'build'));
      writeFileSync(file(root, 1), plainClaim(1, ['widget', 'shape']));
      hurt(root);
      const cached = await compareWithFresh(root);
      expect([what, cached.resolved]).toEqual([what, 1]); // only the snapshot or the copy was given up, not the cache
    }
  });
});
