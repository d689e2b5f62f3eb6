/**
 * A finished index from the previous build's (its snapshot, snapshot.ts) and the documents that changed:
 * the postings of the documents kept are renumbered (short ids only move down, in order, so each list
 * stays sorted), those of the documents dropped or changed are left out, and the postings of the
 * changed and new documents (a small finished index of their own) are merged in, term by term. When
 * no document kept changes short id, the base's postings are copied in runs around those of the
 * documents dropped (found with indexOf) and only the fresh postings are placed one by one; otherwise
 * every posting is renumbered one by one. The
 * result is the FinishedIndex that IndexBuilder.finish gives for the same documents (a property test
 * checks it), without sorting every posting again. It also tells, for each term, whether its postings
 * are exactly the previous build's (then their rendering in the previous index.json can be copied).
 */
import { cmp } from '../diagnostics.js';
import type { FinishedIndex, IndexDoc } from './builder.js';
import { intsOf, maxOf, widthOf, type Ints } from './ints.js';
import { lowerBound } from '../sorted.js';
import type { IndexSnapshot } from './snapshot.js';
import { FIELDS } from './terms.js';

const F = FIELDS.length;

/** The documents of the new index and where the old and changed ones go. */
export interface MergeInput {
  base: IndexSnapshot;
  /** The new short id of each of the base's documents kept as they were, or -1 (dropped or changed). */
  keep: Int32Array;
  /** A finished index of the documents not kept, and the new short id of each of its documents. */
  fresh: FinishedIndex;
  freshShort: Int32Array;
  /** The new index's documents, in short-id order. */
  docs: IndexDoc[];
}

/** A finished index (its words are its terms, in order), and for each term (by rank) the rank of the same term with the same postings in the base, or -1. */
export interface Merged {
  index: FinishedIndex;
  same: Int32Array;
}

/** At most this many documents dropped from the base are looked for in its postings (beyond, every posting is copied one by one). */
const MAX_LOOKUPS = 64;

/** Where merged postings are written; runs of the base's postings copied unchanged are copied together. */
class Out {
  pos = 0;
  private from = 0;
  private to = 0;
  constructor(readonly doc: Ints, readonly freq: Ints, private readonly base: IndexSnapshot) {}

  /** Where the next posting goes. */
  get at(): number {
    return this.pos + this.to - this.from;
  }

  /** Appends the base's postings [from, to) unchanged. */
  copy(from: number, to: number): void {
    if (from === this.to) this.to = to;
    else {
      this.flush();
      [this.from, this.to] = [from, to];
    }
  }

  /** Copies the pending run; call before appending postings one by one. */
  flush(): void {
    if (this.to === this.from) return;
    this.doc.set(this.base.doc.subarray(this.from, this.to), this.pos);
    this.freq.set(this.base.freq.subarray(this.from, this.to), this.pos);
    this.pos += this.to - this.from;
    this.from = this.to = 0;
  }
}

/** The list of the base (rank * F + field) that holds posting `at` (the last list starting at or before it: the lists before it may be empty). */
const listAt = (start: Int32Array, at: number): number => lowerBound(start, at + 1) - 1;

/** For each list of the base (by rank * F + field) that holds documents dropped, where they are in it, rising; null when a document kept changes short id, or too many were dropped. */
function droppedByList(base: IndexSnapshot, keep: Int32Array): Map<number, number[]> | null {
  const dropped: number[] = [];
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === -1) dropped.push(i);
    else if (keep[i] !== i) return null;
  }
  if (dropped.length > MAX_LOOKUPS) return null;
  const lists = new Map<number, number[]>();
  for (const d of dropped) {
    for (let at = base.doc.indexOf(d); at >= 0; at = base.doc.indexOf(d, at + 1)) {
      const list = listAt(base.start, at);
      lists.set(list, [...(lists.get(list) ?? []), at]);
    }
  }
  for (const at of lists.values()) at.sort((a, b) => a - b);
  return lists;
}

/**
 * Appends the base's list [b, be) without the postings at `drops` and with the fresh list [c, ce) merged
 * in, when the documents kept keep their short ids: runs of the base's list are copied whole and only
 * the fresh postings are placed one by one. True when the result is the base's list: each fresh posting
 * took the place of a dropped one, with the same document and frequency.
 */
function patchList(out: Out, m: MergeInput, drops: readonly number[], b: number, be: number, c: number, ce: number): boolean {
  const { base, fresh, freshShort } = m;
  let [k, d, same] = [b, 0, drops.length === ce - c];
  const copyTo = (q: number) => {
    for (; d < drops.length && drops[d]! < q; k = drops[d++]! + 1) out.copy(k, drops[d]!);
    out.copy(k, q);
    k = q;
  };
  for (let x = c; x < ce; x++) {
    const [fd, ff] = [freshShort[fresh.doc[x]!]!, fresh.freq[x]!];
    copyTo(lowerBound(base.doc, fd, k, be));
    same &&= drops[d] === k && base.doc[k] === fd && base.freq[k] === ff;
    out.flush();
    out.doc[out.pos] = fd;
    out.freq[out.pos++] = ff;
  }
  copyTo(be);
  return same;
}

/** Appends the base's list [from, to) renumbered (dropped documents left out). */
function copyBase(out: Out, base: IndexSnapshot, keep: Int32Array, from: number, to: number): void {
  out.flush();
  for (let k = from; k < to; k++) {
    const d = keep[base.doc[k]!]!;
    if (d < 0) continue;
    out.doc[out.pos] = d;
    out.freq[out.pos++] = base.freq[k]!;
  }
}

/** True when the postings written from `at` are the base's list [b, be). */
function sameAsBase(out: Out, at: number, base: IndexSnapshot, b: number, be: number): boolean {
  if (out.pos - at !== be - b) return false;
  for (let k = 0; k < be - b; k++) if (out.doc[at + k] !== base.doc[b + k] || out.freq[at + k] !== base.freq[b + k]) return false;
  return true;
}

/** Appends the merge of the base's list [b, be) (renumbered) and the fresh list [c, ce) (renumbered), by document. */
function mergeLists(out: Out, m: MergeInput, b: number, be: number, c: number, ce: number): void {
  const { base, keep, fresh, freshShort } = m;
  out.flush();
  while (b < be || c < ce) {
    const kd = b < be ? keep[base.doc[b]!]! : -1;
    if (b < be && kd < 0) {
      b++;
      continue;
    }
    const fd = c < ce ? freshShort[fresh.doc[c]!]! : -1;
    if (b < be && (c >= ce || kd < fd)) {
      out.doc[out.pos] = kd;
      out.freq[out.pos++] = base.freq[b++]!;
    } else {
      out.doc[out.pos] = fd;
      out.freq[out.pos++] = fresh.freq[c++]!;
    }
  }
}

/** Writes the postings of one term (base rank `i` or -1, fresh rank `j` or -1) at new rank `r`; true when they are the base's unchanged. */
function mergeTerm(out: Out, start: Int32Array, m: MergeInput & { drops: Map<number, number[]> | null }, r: number, i: number, j: number): boolean {
  let same = i >= 0;
  for (let f = 0; f < F; f++) {
    start[r * F + f] = out.at;
    const b = i < 0 ? 0 : m.base.start[i * F + f]!;
    const be = i < 0 ? 0 : m.base.start[i * F + f + 1]!;
    const c = j < 0 ? 0 : m.fresh.start[j * F + f]!;
    const ce = j < 0 ? 0 : m.fresh.start[j * F + f + 1]!;
    if (m.drops) {
      const drops = i < 0 ? undefined : m.drops.get(i * F + f);
      if (c === ce && !drops) out.copy(b, be);
      else same = patchList(out, m, drops ?? [], b, be, c, ce) && same;
      continue;
    }
    out.flush();
    const at = out.pos;
    if (c !== ce) mergeLists(out, m, b, be, c, ce);
    else copyBase(out, m.base, m.keep, b, be);
    same &&= i >= 0 && sameAsBase(out, at, m.base, b, be);
  }
  return same;
}

/** An array of `size` numbers as wide as `like` when numbers up to `top` fit in it (so that runs are copied without conversion), else as wide as they need. */
function arrayFor(like: Ints, top: number, size: number): Ints {
  return intsOf(Math.max(like.BYTES_PER_ELEMENT, widthOf(top)) as 1 | 2 | 4, size);
}

/** Merges the base and the fresh documents (see the module comment). */
export function mergeIndex(m: MergeInput): Merged {
  const { base, fresh } = m;
  const freshWords = Array.from(fresh.order, (id) => fresh.words[id]!);
  const [bT, fT] = [base.words.length, freshWords.length];
  const size = base.doc.length + fresh.doc.length;
  const out = new Out(arrayFor(base.doc, m.docs.length - 1, size), arrayFor(base.freq, maxOf(fresh.freq), size), base);
  const mt = { ...m, drops: droppedByList(base, m.keep) };
  const start = new Int32Array((bT + fT) * F + 1);
  const words: string[] = [];
  const same: number[] = [];
  for (let i = 0, j = 0; i < bT || j < fT; ) {
    const c = i >= bT ? 1 : j >= fT ? -1 : cmp(base.words[i]!, freshWords[j]!);
    const from = out.at;
    const unchanged = mergeTerm(out, start, mt, words.length, c <= 0 ? i : -1, c >= 0 ? j : -1);
    if (out.at > from) {
      words.push(c <= 0 ? base.words[i]! : freshWords[j]!);
      same.push(unchanged ? i : -1);
    }
    if (c <= 0) i++;
    if (c >= 0) j++;
  }
  out.flush();
  start[words.length * F] = out.pos;
  const index: FinishedIndex = {
    words, docs: m.docs, order: Int32Array.from(words, (_, k) => k), start: start.subarray(0, words.length * F + 1),
    doc: out.doc.subarray(0, out.pos), freq: out.freq.subarray(0, out.pos),
  };
  return { index, same: Int32Array.from(same) };
}
