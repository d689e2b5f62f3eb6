/**
 * Renders a finished index (builder.ts) as MiniSearch's serialized form, as UTF-8 bytes in chunks: the
 * same JSON text `JSON.stringify(miniSearch)` gives after `addAll` of the documents in id order, entries
 * sorted by term. It also returns where things are in that text (the index map search reads).
 */
import { createHash } from 'node:crypto';
import type { FinishedIndex, IndexDoc } from './builder.js';
import { ByteWriter, numericKeys, type NumericKeys } from './bytes.js';
import { INDEX_KEY } from './check-index.js';
import { indexHeader } from './index-file.js';
import { FIELDS } from './terms.js';
import type { Patch } from '../emit/buffered.js';
import { writeDocObject, type SectionReuse } from './render-docs.js';

/** The `serializationVersion` MiniSearch writes and reads. */
export const SERIALIZATION_VERSION = 2;
const F = FIELDS.length;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/** MiniSearch's `fieldIds`: field name → id. */
export const FIELD_IDS: Readonly<Record<string, number>> = Object.fromEntries(FIELDS.map((f, i) => [f, i]));

/** Where the parts of a rendered index are, as [start, end) byte offsets from the start of the rendering. */
export interface IndexLayout {
  documentIds: [number, number];
  fieldLength: [number, number];
  storedFields: [number, number];
  /** Each term's postings object: start, end, start, end, … in term order. */
  postings: number[];
  /** Each document's stored fields object: start, end, … in short-id order. */
  stored: number[];
  /** Each document's id string in documentIds, and its field lengths in fieldLength (-1, -1 when it has none): start, end, … in short-id order. */
  ids: number[];
  lengths: number[];
}

/**
 * What is copied from the previous index.json: its bytes (through `copy`), each term's postings range in
 * that file (start, end, … by its rank), and for each term now (by rank) the rank whose postings it has
 * unchanged, or -1.
 */
export interface Reuse {
  /** Passes the previous index.json's bytes [from, to) to `w` (ranges are asked for in rising order). */
  copy(w: ByteWriter, from: number, to: number): void;
  /** Releases what `copy` reads (the caller calls it once the index is rendered). */
  close?(): void;
  ranges: Int32Array;
  same: Int32Array;
  /**
   * Where each previous document's entries are in that file (render-docs.ts: DOC_RANGE_STRIDE numbers
   * per document), and for each document now (by short id) what its entries there have unchanged: 0
   * none, 1 its id (documentIds), 2 all of them (same id and resolution key). Absent: the document
   * sections are rendered whole.
   */
  docs?: { ranges: Int32Array; same: Uint8Array };
}

/** MiniSearch's running average of each field's length over the documents, with the same arithmetic. */
export function averageFieldLengths(docs: readonly IndexDoc[]): number[] {
  const avg: number[] = [];
  docs.forEach((d, count) => {
    d.lengths.forEach((length, fieldId) => {
      if (length !== null) avg[fieldId] = ((avg[fieldId] || 0) * count + length) / (count + 1);
    });
  });
  return avg;
}

/** Writes the postings of the term of rank `r` as MiniSearch serializes them: `{"<field id>":{"<short id>":<frequency>,…},…}`. */
function writePostings(w: ByteWriter, fin: FinishedIndex, r: number, keys: NumericKeys): void {
  w.byte(OPEN);
  let firstField = true;
  for (let f = 0; f < F; f++) {
    const from = fin.start[r * F + f]!;
    const to = fin.start[r * F + f + 1]!;
    if (from === to) continue;
    if (!firstField) w.byte(COMMA);
    firstField = false;
    w.key(f);
    w.byte(OPEN);
    w.pairs(keys, fin.doc, fin.freq, from, to);
    w.byte(CLOSE);
  }
  w.byte(CLOSE);
}

/** How many terms from rank `r` on have the postings of consecutive terms of the previous index.json (0: not `r`'s). */
function runOf(reuse: Reuse | undefined, r: number, count: number): number {
  const was = reuse ? reuse.same[r]! : -1;
  if (was < 0) return 0;
  let end = r + 1;
  while (end < count && reuse!.same[end] === was + (end - r)) end++;
  return end - r;
}

/**
 * Writes the index's entries `[term,postings]`, recording where each term's postings are in `at`. A run
 * of terms whose postings are those of consecutive terms of the previous index.json is copied from it
 * whole, with the text between them (which depends only on the terms).
 */
function writeTerms(w: ByteWriter, fin: FinishedIndex, at: number[], reuse: Reuse | undefined): void {
  let keys: NumericKeys | null = null; // made when a term's postings are written
  for (let r = 0; r < fin.order.length; ) {
    w.text(`${r ? ',' : ''}[${JSON.stringify(fin.words[fin.order[r]!])},`);
    const run = runOf(reuse, r, fin.order.length);
    if (run === 0) {
      at.push(w.offset);
      writePostings(w, fin, r, (keys ??= numericKeys(fin.docs.length)));
      at.push(w.offset);
    } else {
      const { ranges, same } = reuse!;
      const [first, last] = [2 * same[r]!, 2 * (same[r]! + run)];
      const shift = w.offset - ranges[first]!;
      for (let k = first; k < last; k++) at.push(ranges[k]! + shift);
      reuse!.copy(w, ranges[first]!, ranges[last - 1]!);
    }
    w.text(']');
    r += Math.max(run, 1);
  }
}

/** What lets section `section` (of DOC_SECTIONS) be copied: documents whose `same` is at least `level`. */
function sectionReuse(reuse: Reuse | undefined, section: number, level: number): SectionReuse | undefined {
  const docs = reuse?.docs;
  if (!docs) return undefined;
  return { copy: (w, from, to) => reuse.copy(w, from, to), ranges: docs.ranges, section, unchanged: (short) => docs.same[short]! >= level };
}

/** Renders the serialized index (the object `toJSON` returns) with `w`; returns where its parts are. */
export function writeSerializedIndex(w: ByteWriter, fin: FinishedIndex, reuse?: Reuse): IndexLayout {
  const n = fin.docs.length;
  const layout = { postings: [] as number[], stored: [] as number[], ids: [] as number[], lengths: [] as number[] } as unknown as IndexLayout;
  w.text(`{"documentCount":${n},"nextId":${n},"documentIds":`);
  layout.documentIds = writeDocObject(w, fin, (d) => JSON.stringify(d.id), layout.ids, sectionReuse(reuse, 0, 1));
  w.text(`,"fieldIds":${JSON.stringify(FIELD_IDS)},"fieldLength":`);
  layout.fieldLength = writeDocObject(w, fin, (d) => (d.lengths.some((l) => l !== null) ? JSON.stringify(d.lengths) : null), layout.lengths, sectionReuse(reuse, 1, 2));
  w.text(`,"averageFieldLength":${JSON.stringify(averageFieldLengths(fin.docs))},"storedFields":`);
  layout.storedFields = writeDocObject(w, fin, (d) => d.stored, layout.stored, sectionReuse(reuse, 2, 2));
  w.text(',"dirtCount":0,"index":[');
  writeTerms(w, fin, layout.postings, reuse);
  w.text(`],"serializationVersion":${SERIALIZATION_VERSION}}`);
  return layout;
}

/** Renders the serialized index as one string (for loading it in memory). */
export function serializedIndexText(fin: FinishedIndex): string {
  const chunks: Uint8Array[] = [];
  const w = new ByteWriter((c) => chunks.push(c));
  writeSerializedIndex(w, fin);
  w.flush();
  return Buffer.concat(chunks).toString('utf8');
}

const SHA_KEY = '"indexSha256":"';

/**
 * Renders index.json from a finished index, in chunks (each valid only during the call that receives
 * it): the same text serializeIndex gives for the same documents. The header's `indexSha256` is only
 * known once the index is written: it is written as zeros and returned as a patch. With `reuse`, the
 * postings of the terms and the entries of the documents that did not change are copied from the
 * previous index.json. Returns the size in
 * bytes, where the parts are (for the index map) and the checksum.
 */
export function renderIndexFile(fin: FinishedIndex, contentHash: string, emit: (chunk: Uint8Array) => void, reuse?: Reuse) {
  const hash = createHash('sha256');
  let hashing = false;
  const w = new ByteWriter((chunk) => {
    if (hashing) hash.update(chunk);
    emit(chunk);
  }, false);
  const head = `${JSON.stringify(indexHeader(contentHash, fin.docs.length, '0'.repeat(64))).slice(0, -1)},${INDEX_KEY}`;
  w.text(head);
  w.flush();
  hashing = true;
  const layout = writeSerializedIndex(w, fin, reuse);
  w.flush();
  hashing = false;
  w.text('}\n');
  w.flush();
  const sha = hash.digest('hex');
  const patch: Patch = { offset: Buffer.byteLength(head.slice(0, head.indexOf(SHA_KEY) + SHA_KEY.length)), text: sha };
  return { bytes: w.offset, layout, sha, patch };
}
