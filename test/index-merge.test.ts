import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexAssembly } from '../src/engine/index-assembly.js';
import { IndexBuilder, type FinishedIndex } from '../src/index/builder.js';
import { renderIndexFile, type Reuse } from '../src/index/render.js';
import { docRangesOf } from '../src/index/render-docs.js';
import { docsReuse } from '../src/engine/index-cache.js';
import { decodeSnapshot, encodeSnapshot, type IndexSnapshot } from '../src/index/snapshot.js';
import { FIELDS } from '../src/index/terms.js';
import { fuzzParams } from './helpers/fuzz.js';

const F = FIELDS.length;
const WORDS = ['delta', 'alpha', 'echo', 'bravo', 'charlie', 'foxtrot', 'golf', 'hotel'];
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

type Posting = [word: string, field: number, freq: number];
/** A document's content: its postings (each (word, field) once) and field lengths. */
interface Doc {
  postings: Posting[];
  lengths: Array<number | null>;
}

const docArb: fc.Arbitrary<Doc> = fc.record({
  postings: fc.uniqueArray(fc.tuple(fc.constantFrom(...WORDS), fc.nat(F - 1), fc.integer({ min: 1, max: 300 })), { selector: ([w, f]) => `${w} ${f}`, maxLength: 8 }),
  lengths: fc.array(fc.option(fc.nat(20), { nil: null }), { minLength: F, maxLength: F }),
});
/** A knowledge base: documents by id. */
const kbArb = fc.dictionary(fc.constantFrom(...IDS), docArb, { maxKeys: IDS.length });
/** A change: a document's content replaced or added (a doc), or removed (null). */
const changesArb = fc.array(fc.tuple(fc.constantFrom(...IDS), fc.option(docArb, { nil: null })), { maxLength: 6 });

/** The content's block and key (the key stands for the content, as a resolution key does). */
function blockOf(builder: IndexBuilder, d: Doc): Int32Array {
  const block = new Int32Array(F + 2 * d.postings.length);
  d.lengths.forEach((l, f) => (block[f] = l ?? -1));
  d.postings.forEach(([w, f, n], i) => block.set([builder.intern(w), f + F * n], F + 2 * i));
  return block;
}
const keyOf = (d: Doc) => JSON.stringify(d);
const storedOf = (id: string) => `{"id":${JSON.stringify(id)}}`;

/** The index of `kb` built from scratch, in shuffled order. */
function fromScratch(kb: Record<string, Doc>, words: string[] = []): FinishedIndex {
  const builder = new IndexBuilder(words);
  for (const [id, d] of Object.entries(kb).reverse()) builder.add(id, storedOf(id), blockOf(builder, d));
  return builder.finish();
}

/** Reuse.copy from the previous index.json's bytes in memory (a build reads them from the file: engine/index-cache.ts). */
const copyFromBytes = (bytes: Uint8Array): Reuse['copy'] => (w, from, to) => w.pass(bytes.subarray(from, to));

/** Renders index.json; its bytes, and the snapshot of the index with where its postings are. */
function render(fin: FinishedIndex, kb: Record<string, Doc>, reuse?: Reuse) {
  const chunks: Buffer[] = [];
  const r = renderIndexFile(fin, 'c'.repeat(64), (c) => chunks.push(Buffer.from(c)), reuse);
  const bytes = Buffer.concat(chunks);
  bytes.write(r.sha, r.patch.offset, 'latin1');
  const keys = fin.docs.map((d) => keyOf(kb[d.id]!));
  const pieces = encodeSnapshot(fin, { keys, rendered: { sha256: r.sha, bytes: r.bytes, ranges: r.layout.postings, docs: docRangesOf(r.layout) } });
  const snapshot = decodeSnapshot(new Uint8Array(Buffer.concat(pieces)));
  return { bytes, layout: r.layout, snapshot: snapshot! };
}

/** The index of `kb` assembled from the snapshot `base` of the previous build (documents added in shuffled order). */
function assembled(kb: Record<string, Doc>, base: IndexSnapshot, words: string[]) {
  const builder = new IndexBuilder(words);
  const assembly = new IndexAssembly(builder, base);
  for (const [id, d] of Object.entries(kb).reverse()) {
    if (id.charCodeAt(0) % 2) assembly.addCached(id, keyOf(d), () => storedOf(id), () => blockOf(builder, d));
    else assembly.add(id, keyOf(d), storedOf(id), blockOf(builder, d)); // resolved in this build
  }
  return assembly.finish();
}

/** The index as plain values (word strings instead of dictionary ids). */
const plain = (fin: FinishedIndex) => ({
  words: Array.from(fin.order, (id) => fin.words[id]),
  start: [...fin.start],
  doc: [...fin.doc],
  freq: [...fin.freq],
  docs: fin.docs.map((d) => [d.id, String(d.stored), d.lengths]),
});

describe('an index assembled from the previous build’s snapshot', () => {
  it('is the index built from scratch, and renders to the same bytes copying the unchanged postings and document entries (property)', () => {
    fc.assert(
      fc.property(kbArb, fc.array(changesArb, { minLength: 1, maxLength: 3 }), fc.subarray(WORDS), (first, steps, words) => {
        let kb = first;
        let previous = render(fromScratch(kb, words), kb);
        expect(previous.snapshot).not.toBeNull();
        for (const changes of steps) {
          kb = { ...kb };
          for (const [id, d] of changes) {
            if (d) kb[id] = d;
            else delete kb[id];
          }
          const scratch = fromScratch(kb);
          const got = assembled(kb, previous.snapshot, words);
          expect(plain(got.index)).toEqual(plain(scratch));
          const expected = render(scratch, kb);
          const docs = docsReuse(previous.snapshot, { docs: got.index.docs, keys: got.keys })!;
          const reuse = { copy: copyFromBytes(previous.bytes), ranges: previous.snapshot.rendered!.ranges, same: got.same!, docs };
          const rendered = render(got.index, kb, reuse);
          expect(rendered.bytes.toString()).toBe(expected.bytes.toString());
          expect(rendered.layout).toEqual(expected.layout);
          previous = rendered;
        }
      }),
      fuzzParams(300),
    );
  });

  it('copies the postings of the terms no change touched, and only those', () => {
    const kb: Record<string, Doc> = {
      a: { postings: [['alpha', 0, 1], ['bravo', 0, 2]], lengths: [2, null, null, null] },
      b: { postings: [['bravo', 0, 1], ['charlie', 1, 1]], lengths: [1, 1, null, null] },
    };
    const base = render(fromScratch(kb), kb).snapshot;
    const edited = { ...kb, b: { postings: [['bravo', 0, 1], ['delta', 1, 1]] as Posting[], lengths: [1, 1, null, null] } };
    const got = assembled(edited, base, []);
    // alpha and bravo: unchanged (b was dropped and added again with the same bravo posting); delta: new
    expect(Array.from(got.index.order, (id) => got.index.words[id])).toEqual(['alpha', 'bravo', 'delta']);
    expect([...got.same!]).toEqual([0, 1, -1]);
  });

  it('refuses a snapshot whose shape does not hold', () => {
    const kb: Record<string, Doc> = { a: { postings: [['alpha', 0, 1]], lengths: [1, null, null, null] } };
    const fin = fromScratch(kb);
    const bytes = Buffer.concat(encodeSnapshot(fin, { keys: ['k'], rendered: null }));
    expect(decodeSnapshot(new Uint8Array(bytes))).not.toBeNull();
    expect(decodeSnapshot(new Uint8Array(bytes.subarray(0, bytes.length - 4)))).toBeNull();
    expect(decodeSnapshot(new Uint8Array(Buffer.concat([bytes, Buffer.alloc(4)])))).toBeNull();
    const foreign = Buffer.from(bytes);
    foreign.write('X', 10, 'latin1'); // inside the header's magic
    expect(decodeSnapshot(new Uint8Array(foreign))).toBeNull();
  });
});
