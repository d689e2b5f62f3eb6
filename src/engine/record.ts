/**
 * A resolved claim's record in the build cache: the texts the outputs take from it, each kept as the
 * bytes written, so that a rebuild copies them without parsing them. A record is a blob of segments,
 * each a 32-bit length and its UTF-8 bytes, in RECORD_SEGMENTS order.
 */

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

/** The segments of a record's bytes (views into them); throws on a malformed record. */
export function decodeRecord(bytes: Uint8Array): RecordBytes {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = {} as RecordBytes;
  let at = 0;
  for (const name of RECORD_SEGMENTS) {
    if (at + 4 > buf.length) throw new Error('claimkb: malformed cache record');
    const n = buf.readUInt32LE(at);
    if (at + 4 + n > buf.length) throw new Error('claimkb: malformed cache record');
    out[name] = buf.subarray(at + 4, at + 4 + n);
    at += 4 + n;
  }
  if (at !== buf.length) throw new Error('claimkb: malformed cache record');
  return out;
}

/** A segment's text. */
export function textOf(segment: Uint8Array): string {
  return Buffer.from(segment.buffer, segment.byteOffset, segment.byteLength).toString('utf8');
}
