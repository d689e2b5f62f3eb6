/**
 * claims.json written piece by piece: each claim's text is rendered on its own (the build cache keeps
 * it), and the file is the header, the claims' texts and the closing lines. The bytes are exactly those
 * of `JSON.stringify({ ...header, claims }, null, 2)` (a test proves it), without holding the whole
 * file in memory.
 */
import type { ResolvedClaim } from '../model.js';

/** What JSON.stringify([[x]], null, 2) puts before x (which it indents by two levels of two spaces, as claims.json does). */
const WRAP_HEAD = '[\n  [\n';
/** What it puts after x. */
const WRAP_TAIL = '\n  ]\n]';

/**
 * One claim as it appears in claims.json's `claims` array, without the separating comma: JSON.stringify
 * indents it by two levels itself when it is nested two levels deep, which is faster than indenting
 * its lines afterwards (a string in JSON holds no line break, so every line break is the layout's).
 */
export function claimFragment(claim: ResolvedClaim): string {
  return JSON.stringify([[claim]], null, 2).slice(WRAP_HEAD.length, -WRAP_TAIL.length);
}

const bytesOf = (chunk: string | Uint8Array): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);

/**
 * Items written in one piece, copied from another file of the same layout (the previous claims.json):
 * each one's range there (start, end, …, each next starting two bytes, `,\n`, after the last ends), and
 * what writes the bytes from the first start to the last end.
 */
export interface CopiedItems {
  ranges: readonly number[];
  copy(write: (chunk: Uint8Array) => void): void;
}

/** An item's text (claimFragment's form) or items copied in one piece. */
export type ArrayPiece = string | Uint8Array | CopiedItems;

/**
 * Writes `{ ...header, [key]: [items] }` pretty-printed with two spaces, from the items' pieces,
 * followed by a newline. With `at`, records each item's byte range in the file: start, end, … (what
 * the claims map keeps).
 */
export function writePrettyArray(
  header: Readonly<Record<string, unknown>>,
  key: string,
  count: number,
  pieces: Iterable<ArrayPiece>,
  write: (chunk: string | Uint8Array) => void,
  at?: number[],
): void {
  const head = JSON.stringify(header, null, 2);
  const open = `${head.slice(0, -2)},\n  ${JSON.stringify(key)}: `;
  if (count === 0) {
    write(`${open}[]\n}\n`);
    return;
  }
  write(`${open}[\n`);
  let offset = bytesOf(`${open}[\n`);
  let i = 0;
  for (const piece of pieces) {
    if (i > 0) {
      write(',\n');
      offset += 2; // the comma and line break before it
    }
    if (typeof piece === 'string' || piece instanceof Uint8Array) {
      write(piece);
      i++;
      if (!at) continue;
      const n = bytesOf(piece);
      at.push(offset, (offset += n));
      continue;
    }
    const { ranges } = piece;
    piece.copy(write);
    for (const r of ranges) at?.push(offset + r - ranges[0]!);
    offset += ranges[ranges.length - 1]! - ranges[0]!;
    i += ranges.length / 2;
  }
  if (i !== count) throw new Error(`claimkb: expected ${count} fragments, got ${i}`);
  write('\n  ]\n}\n');
}
