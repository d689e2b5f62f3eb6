/**
 * A finished index (builder.ts) as the build cache keeps it, in binary: each document's id, resolution
 * key and field lengths, the terms in order, the postings, and where each term's postings and each
 * document's entries are in the index.json rendered from it (with that file's checksum). A rebuild
 * that changed few claims applies them to it (merge.ts) instead of sorting every posting again, and
 * copies the postings of the terms and the entries of the documents that did not change from the
 * previous index.json (render.ts, render-docs.ts). Its file is checked against its
 * checksum before it is decoded (engine/index-cache.ts), and decoding checks its shape.
 */
import { FIELDS } from './terms.js';
import { DOC_RANGE_STRIDE } from './render-docs.js';
import type { FinishedIndex } from './builder.js';
import { intsOf, maxOf, widthOf, type Ints } from './ints.js';

const F = FIELDS.length;
/** Bumped whenever the snapshot's layout changes. */
export const SNAPSHOT_VERSION = 2;
const MAGIC = 'claimkb-index-snapshot';

/** A finished index as the cache keeps it (see the module comment). */
export interface IndexSnapshot {
  /** The documents' ids (sorted) and resolution keys, by short id. */
  ids: string[];
  keys: string[];
  /** The terms, sorted. */
  words: string[];
  /** Field lengths by document: lengths[short * F + field], -1 when absent. */
  lengths: Int32Array;
  /** As in FinishedIndex, by term rank. */
  start: Int32Array;
  doc: Ints;
  freq: Ints;
  /**
   * The checksum of the index.json rendered from it, each term's postings there (start, end, … by
   * rank) and each document's entries there (render-docs.ts: DOC_RANGE_STRIDE numbers per document,
   * by short id); null when none was written.
   */
  rendered: { sha256: string; bytes: number; ranges: Int32Array; docs: Int32Array } | null;
}

/** What the snapshot of a finished index records beside it. */
export interface SnapshotExtras {
  keys: readonly string[];
  rendered: { sha256: string; bytes: number; ranges: readonly number[]; docs: ArrayLike<number> } | null;
}

/** The snapshot of `fin` as bytes, in pieces (written one after the other). */
export function encodeSnapshot(fin: FinishedIndex, extras: SnapshotExtras): Uint8Array[] {
  const lengths = new Int32Array(fin.docs.length * F);
  fin.docs.forEach((d, i) => d.lengths.forEach((l, f) => (lengths[i * F + f] = l ?? -1)));
  const r = extras.rendered;
  const ranges = Int32Array.from(r?.ranges ?? []);
  const docs = Int32Array.from(r?.docs ?? []);
  const [doc, freq] = [narrow(fin.doc, () => fin.docs.length - 1), narrow(fin.freq, () => maxOf(fin.freq))];
  const head = {
    magic: MAGIC,
    version: SNAPSHOT_VERSION,
    ids: fin.docs.map((d) => d.id),
    keys: extras.keys,
    words: Array.from(fin.order, (id) => fin.words[id]!),
    postings: fin.doc.length,
    widths: [doc.BYTES_PER_ELEMENT, freq.BYTES_PER_ELEMENT],
    rendered: r ? { sha256: r.sha256, bytes: r.bytes } : null,
  };
  const json = Buffer.from(JSON.stringify(head), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(json.length, 0);
  const pad = Buffer.alloc((4 - ((json.length + 8) % 4)) % 4);
  const bytes = (a: Ints) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return [prefix, json, pad, bytes(lengths), bytes(fin.start), bytes(ranges), bytes(docs), bytes(doc), padding(doc), bytes(freq), padding(freq)];
}

/** 32-bit numbers (each from 0 to `top()`) in the narrowest array that holds them; narrower ones as they are. */
function narrow(a: Ints, top: () => number): Ints {
  if (!(a instanceof Int32Array)) return a;
  const w = widthOf(top());
  if (w === 4) return a;
  const out = intsOf(w, a.length);
  out.set(a);
  return out;
}

/** Zero bytes that bring an array's bytes to a multiple of 4. */
const padding = (a: Ints) => new Uint8Array((4 - (a.byteLength % 4)) % 4);

type Head = { magic: string; version: number; ids: string[]; keys: string[]; words: string[]; postings: number; widths: [number, number]; rendered: { sha256: string; bytes: number } | null };

function headOf(buf: Uint8Array): { head: Head; at: number } | null {
  if (buf.length < 8 || buf.byteOffset % 4 !== 0) return null;
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = view.readUInt32LE(0);
  if (8 + n > buf.length) return null;
  const head = JSON.parse(view.toString('utf8', 8, 8 + n)) as Head;
  const strings = (a: unknown) => Array.isArray(a) && a.every((s) => typeof s === 'string');
  const ok = head?.magic === MAGIC && head.version === SNAPSHOT_VERSION && strings(head.ids) && strings(head.keys) && strings(head.words) &&
    head.ids.length === head.keys.length && Number.isInteger(head.postings) && head.postings >= 0 &&
    Array.isArray(head.widths) && head.widths.length === 2 && head.widths.every((w) => w === 1 || w === 2 || w === 4);
  return ok ? { head, at: 8 + n + ((4 - ((n + 8) % 4)) % 4) } : null;
}

/** True when the snapshot's shape holds together: starts rising from 0 to the count of postings, words and ids sorted and distinct (its file's checksum vouches for the rest). */
function wellFormed(s: IndexSnapshot): boolean {
  const { start } = s;
  if (start[0] !== 0 || start[start.length - 1] !== s.doc.length) return false;
  for (let b = 0; b + 1 < start.length; b++) if (start[b + 1]! < start[b]!) return false;
  for (let w = 1; w < s.words.length; w++) if (!(s.words[w - 1]! < s.words[w]!)) return false;
  for (let i = 1; i < s.ids.length; i++) if (!(s.ids[i - 1]! < s.ids[i]!)) return false;
  return true;
}

/** The snapshot in `buf` (views into it), or null when it is not one this version wrote or its shape does not hold. */
export function decodeSnapshot(buf: Uint8Array): IndexSnapshot | null {
  try {
    const got = headOf(buf);
    if (!got) return null;
    const { head } = got;
    let at = got.at;
    const take = (count: number, width: number = 4): Ints | null => {
      if (at + width * count > buf.length) return null;
      const a = new (width === 1 ? Uint8Array : width === 2 ? Uint16Array : Int32Array)(buf.buffer as ArrayBuffer, buf.byteOffset + at, count);
      at += width * count + ((4 - ((width * count) % 4)) % 4);
      return a;
    };
    const [n, T, P] = [head.ids.length, head.words.length, head.postings];
    const [lengths, start, ranges, docs] = [take(n * F), take(T * F + 1), take(head.rendered ? 2 * T : 0), take(head.rendered ? n * DOC_RANGE_STRIDE : 0)] as Array<Int32Array | null>;
    const [doc, freq] = [take(P, head.widths[0]), take(P, head.widths[1])];
    if (!lengths || !start || !doc || !freq || !ranges || !docs || at !== buf.length) return null;
    const r = head.rendered;
    const rendered = r && typeof r.sha256 === 'string' && Number.isInteger(r.bytes) ? { sha256: r.sha256, bytes: r.bytes, ranges, docs } : null;
    if (r && !rendered) return null;
    const s: IndexSnapshot = { ids: head.ids, keys: head.keys, words: head.words, lengths, start, doc, freq, rendered };
    return wellFormed(s) ? s : null;
  } catch {
    return null;
  }
}
