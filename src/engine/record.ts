/**
 * A resolved claim's record in the build cache: the texts the outputs take from it, each kept as the
 * bytes written, so that a rebuild copies them without parsing them. A record is a blob of segments,
 * each a 32-bit length and its UTF-8 bytes, in RECORD_SEGMENTS order.
 */
import type { BlobReader, BlobRef } from '../cache/blobs.js';
import { CacheUnusable } from './types.js';

/** The segments of a record, in order. */
export const RECORD_SEGMENTS = ['fragment', 'stored', 'best', 'check', 'terms', 'report'] as const;

/** A record's segments by name. */
export type RecordTexts = Record<(typeof RECORD_SEGMENTS)[number], string>;

/** A record's segments as bytes (views into the record). */
export type RecordBytes = Record<(typeof RECORD_SEGMENTS)[number], Uint8Array>;

/** The record's bytes. */
export function encodeRecord(texts: RecordTexts): Buffer {
  const parts = RECORD_SEGMENTS.map((name) => Buffer.from(texts[name], 'utf8'));
  const out = Buffer.allocUnsafe(parts.reduce((n, p) => n + 4 + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.writeUInt32LE(p.length, at);
    p.copy(out, at + 4);
    at += 4 + p.length;
  }
  return out;
}

/**
 * A record's segments, found when it is decoded; each view is made only when read (most readers take one
 * or two segments: a build in memory the fragments, check's journal the check data and terms).
 * `e0`..`e4` are where the first five segments end (each next one's length follows).
 */
class DecodedRecord implements RecordBytes {
  constructor(private readonly b: Uint8Array, private readonly e0: number, private readonly e1: number, private readonly e2: number, private readonly e3: number, private readonly e4: number) {}
  get fragment(): Uint8Array {
    return this.b.subarray(4, this.e0);
  }
  get stored(): Uint8Array {
    return this.b.subarray(this.e0 + 4, this.e1);
  }
  get best(): Uint8Array {
    return this.b.subarray(this.e1 + 4, this.e2);
  }
  get check(): Uint8Array {
    return this.b.subarray(this.e2 + 4, this.e3);
  }
  get terms(): Uint8Array {
    return this.b.subarray(this.e3 + 4, this.e4);
  }
  get report(): Uint8Array {
    return this.b.subarray(this.e4 + 4);
  }
}

/** The segments of a record's bytes (views into them, kept valid by the record); throws on a malformed record. */
export function decodeRecord(bytes: Uint8Array): RecordBytes {
  const size = bytes.byteLength;
  const end = (at: number): number => {
    if (at + 4 > size) throw new Error('claimkb: malformed cache record');
    const next = at + 4 + ((bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0);
    if (next > size) throw new Error('claimkb: malformed cache record');
    return next;
  };
  const e0 = end(0);
  const e1 = end(e0);
  const e2 = end(e1);
  const e3 = end(e2);
  const e4 = end(e3);
  if (end(e4) !== size) throw new Error('claimkb: malformed cache record');
  return new DecodedRecord(bytes, e0, e1, e2, e3, e4);
}

/** A segment's text. */
export function textOf(segment: Uint8Array): string {
  return Buffer.from(segment.buffer, segment.byteOffset, segment.byteLength).toString('utf8');
}

/** The record at `ref` of `reader`, decoded; CacheUnusable when it does not decode (the build then runs again without the cache). */
export function recordAt(reader: BlobReader | null, ref: BlobRef): RecordBytes {
  if (!reader) throw new Error('claimkb: internal: a claim record is missing from the build cache');
  try {
    return decodeRecord(reader.read(ref));
  } catch (error) {
    throw new CacheUnusable(`claimkb: the build cache is damaged (${(error as Error).message})`);
  }
}

/** A claim's record: from this build's records (`fresh`) when it was resolved in this build, else from the cache's (`old`). */
export function recordOf(e: { fresh: boolean; record: BlobRef }, old: BlobReader | null, fresh: BlobReader | null): RecordBytes {
  return recordAt(e.fresh ? fresh : old, e.record);
}
