/**
 * index.json's document sections (`documentIds`, `fieldLength`, `storedFields`): JSON objects keyed by
 * short id, `{"0":…,"1":…}`. A rebuild copies runs of unchanged documents' entries from the previous
 * index.json, where the build cache's snapshot recorded each entry's place, instead of rendering them
 * again: an entry depends only on its short id and on the document's id (documentIds) or on its id and
 * resolution key (the others), so copied runs are the bytes rendering would give.
 */
import type { FinishedIndex, IndexDoc } from './builder.js';
import type { ByteWriter } from './bytes.js';

const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/** The document sections, in the order index.json has them. */
export const DOC_SECTIONS = ['documentIds', 'fieldLength', 'storedFields'] as const;
/** How many numbers the snapshot keeps per document: the start and end of its entry's value in each section (-1 when absent). */
export const DOC_RANGE_STRIDE = 2 * DOC_SECTIONS.length;

/** What lets one section's entries be copied from the previous index.json. */
export interface SectionReuse {
  /** Passes the previous index.json's bytes [from, to) to `w` (Reuse.copy). */
  copy(w: ByteWriter, from: number, to: number): void;
  /** Where each previous document's entries are (DOC_RANGE_STRIDE numbers per document), and which of them this section's are. */
  ranges: Int32Array;
  section: number;
  /** True when the document of this short id has, in the previous index.json, this section's entry unchanged under the same short id. */
  unchanged(short: number): boolean;
}

/** The value range of `short`'s entry in the previous index.json ([-1, -1]: absent). */
function previous(r: SectionReuse, short: number): [number, number] {
  const at = short * DOC_RANGE_STRIDE + 2 * r.section;
  return [r.ranges[at]!, r.ranges[at + 1]!];
}

/** How many documents from `short` on have their entries unchanged in the previous index.json. */
function runOf(r: SectionReuse | undefined, short: number, count: number): number {
  if (!r) return 0;
  let end = short;
  while (end < count && end * DOC_RANGE_STRIDE < r.ranges.length && r.unchanged(end)) end++;
  return end - short;
}

/**
 * Copies the entries of documents [from, to) from the previous index.json (with a comma first unless
 * `first`), recording their value ranges in `at`; returns whether the object is still empty.
 */
function copyRun(w: ByteWriter, r: SectionReuse, from: number, to: number, first: boolean, at: number[]): boolean {
  let [p, q] = [from, to - 1];
  while (p <= q && previous(r, p)[0] < 0) p++;
  while (q >= p && previous(r, q)[0] < 0) q--;
  if (p > q) {
    for (let k = from; k < to; k++) at.push(-1, -1);
    return first;
  }
  if (!first) w.byte(COMMA);
  const keyStart = previous(r, p)[0] - (String(p).length + 3); // `"<p>":` comes before its value
  const shift = w.offset - keyStart;
  r.copy(w, keyStart, previous(r, q)[1]);
  for (let k = from, i = from * DOC_RANGE_STRIDE + 2 * r.section; k < to; k++, i += DOC_RANGE_STRIDE) {
    const [s, e] = [r.ranges[i]!, r.ranges[i + 1]!];
    at.push(s < 0 ? -1 : s + shift, e < 0 ? -1 : e + shift);
  }
  return false;
}

/**
 * Writes `{"0":…,"1":…}` over the documents, skipping those for which `value` is null; records each
 * document's value range in `at` ([-1, -1] when skipped) and returns the object's range. With `reuse`,
 * runs of unchanged documents are copied from the previous index.json.
 */
export function writeDocObject(w: ByteWriter, fin: FinishedIndex, value: (d: IndexDoc) => string | Uint8Array | null, at: number[], reuse?: SectionReuse): [number, number] {
  const start = w.offset;
  w.byte(OPEN);
  let first = true;
  const n = fin.docs.length;
  for (let i = 0; i < n; ) {
    const run = runOf(reuse, i, n);
    if (run > 0) {
      first = copyRun(w, reuse!, i, i + run, first, at);
      i += run;
      continue;
    }
    const v = value(fin.docs[i]!);
    if (v === null) at.push(-1, -1);
    else {
      if (!first) w.byte(COMMA);
      first = false;
      w.key(i);
      at.push(w.offset);
      if (typeof v === 'string') w.text(v);
      else w.bytes(v);
      at.push(w.offset);
    }
    i++;
  }
  w.byte(CLOSE);
  return [start, w.offset];
}

/** The numbers the snapshot keeps per document (DOC_RANGE_STRIDE, in DOC_SECTIONS order), from the value ranges a rendering recorded per section. */
export function docRangesOf(sections: { ids: readonly number[]; lengths: readonly number[]; stored: readonly number[] }): Int32Array {
  const n = sections.ids.length / 2;
  const out = new Int32Array(n * DOC_RANGE_STRIDE);
  [sections.ids, sections.lengths, sections.stored].forEach((ranges, s) => {
    if (ranges.length !== 2 * n) throw new Error('claimkb: internal: document ranges of different lengths');
    for (let i = 0; i < n; i++) {
      out[i * DOC_RANGE_STRIDE + 2 * s] = ranges[2 * i]!;
      out[i * DOC_RANGE_STRIDE + 2 * s + 1] = ranges[2 * i + 1]!;
    }
  });
  return out;
}
