import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexBuilder } from '../src/index/builder.js';
import { FIELDS } from '../src/index/terms.js';
import { fuzzParams } from './helpers/fuzz.js';

const F = FIELDS.length;
const WORDS = ['delta', 'alpha', 'echo', 'bravo', 'charlie', 'foxtrot', 'golf'];

/** A document: its id and its postings, (word, field, frequency) with each (word, field) once. */
const doc = fc.record({
  id: fc.string({ minLength: 1, maxLength: 3 }),
  postings: fc.uniqueArray(fc.tuple(fc.constantFrom(...WORDS), fc.nat(F - 1), fc.integer({ min: 1, max: 5 })), { selector: ([w, f]) => `${w} ${f}`, maxLength: 10 }),
});

/** The postings of (term, field) sorted by term, field and document, computed the plain way. */
function reference(docs: Array<{ id: string; postings: Array<[string, number, number]> }>) {
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.flatMap((d, short) => d.postings.map(([w, f, n]) => [w, f, short, n] as const));
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  return rows;
}

describe('IndexBuilder', () => {
  it('finishes with the postings of the documents added, whatever the order of adding and words nobody uses', () => {
    fc.assert(
      fc.property(fc.uniqueArray(doc, { selector: (d) => d.id, maxLength: 12 }), fc.subarray(WORDS), (docs, cached) => {
        const builder = new IndexBuilder(cached); // a cache's dictionary: some of its words are used, some not
        for (const d of docs) {
          const block = new Int32Array(F + 2 * d.postings.length).fill(1, 0, F);
          d.postings.forEach(([w, f, n], i) => block.set([builder.intern(w), f + F * n], F + 2 * i));
          builder.add(d.id, '{}', block);
        }
        const index = builder.finish();
        const rows: Array<readonly [string, number, number, number]> = [];
        index.order.forEach((id, r) => {
          for (let f = 0; f < F; f++) for (let k = index.start[r * F + f]!; k < index.start[r * F + f + 1]!; k++) rows.push([index.words[id]!, f, index.doc[k]!, index.freq[k]!]);
        });
        expect(rows).toEqual(reference(docs));
        expect([...index.order].map((id) => index.words[id])).toEqual([...new Set(reference(docs).map((r) => r[0]))]);
      }),
      fuzzParams(300),
    );
  });
});
