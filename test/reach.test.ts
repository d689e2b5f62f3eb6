import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { MINISEARCH_OPTIONS, QUERY_OPTIONS } from '../src/index/options.js';
import { reachedTerms, withinDistance } from '../src/search/reach.js';
import { fuzzParams } from './helpers/fuzz.js';

/** The oracle: MiniSearch over pseudo-documents each holding one word; a query's hits are the words it reaches. */
function miniSearchReach(words: string[], query: string): number[] {
  const ms = MiniSearch.loadJS(
    {
      documentCount: words.length, nextId: words.length, fieldIds: { term: 0 }, averageFieldLength: [1], storedFields: {}, dirtCount: 0, serializationVersion: 2,
      documentIds: Object.fromEntries(words.map((_, i) => [i, String(i)])),
      fieldLength: Object.fromEntries(words.map((_, i) => [i, [1]])),
      index: words.map((w, i) => [w, { 0: { [i]: 1 } }]),
    } as Parameters<typeof MiniSearch.loadJS>[0],
    { ...MINISEARCH_OPTIONS, fields: ['term'], storeFields: [] },
  );
  return ms.search(query, QUERY_OPTIONS).map((r) => Number(r.id)).sort((a, b) => a - b);
}

describe('the terms a query reaches', () => {
  it('are those MiniSearch reaches: exact, prefix and fuzzy (property)', () => {
    const letter = fc.constantFrom('a', 'b', 'c', 'é', 'ß', '1');
    const word = fc.array(letter, { minLength: 1, maxLength: 16 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 60 }), fc.array(word, { minLength: 1, maxLength: 3 }), (ws, q) => {
        const words = [...ws].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const query = q.join(' ');
        expect(reachedTerms(words, query)).toEqual(miniSearchReach(words, query));
      }),
      fuzzParams(1500),
    );
  });

  it('measures edit distance as Levenshtein, stopping early', () => {
    expect(withinDistance('kitten', 'sitting', 3)).toBe(true);
    expect(withinDistance('kitten', 'sitting', 2)).toBe(false);
    expect(withinDistance('', 'ab', 2)).toBe(true);
    expect(withinDistance('abc', 'abc', 0)).toBe(true);
  });

  it('is within distance exactly when the whole Levenshtein table says so (property)', () => {
    const levenshtein = (a: string, b: string): number => {
      let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
      return prev[b.length]!;
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 9 });
    fc.assert(
      fc.property(text, text, fc.nat(5), (a, b, max) => {
        expect(withinDistance(a, b, max)).toBe(levenshtein(a, b) <= max);
        expect(withinDistance(a, b, max, new Int32Array(b.length + 1).fill(-7))).toBe(levenshtein(a, b) <= max); // a reused row
      }),
      fuzzParams(3000),
    );
  });
});
