/**
 * Arrays of whole numbers ≥ 0 as narrow as their numbers allow: the postings of an index (document
 * short ids, frequencies) fit in 16 and 8 bits on most knowledge bases, and the build cache reads and
 * writes them on every rebuild (index/snapshot.ts), so their size is their cost.
 */

/** Whole numbers ≥ 0, in an array as narrow as they allow. */
export type Ints = Int32Array | Uint16Array | Uint8Array;

/** The width in bytes of the narrowest array that holds numbers up to `top`. */
export const widthOf = (top: number): 1 | 2 | 4 => (top < 0x100 ? 1 : top < 0x10000 ? 2 : 4);

/** An array of `length` numbers `width` bytes wide. */
export function intsOf(width: 1 | 2 | 4, length: number): Ints {
  return width === 1 ? new Uint8Array(length) : width === 2 ? new Uint16Array(length) : new Int32Array(length);
}

/** The largest of the numbers (0 for none). */
export function maxOf(a: Ints): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) if (a[k]! > m) m = a[k]!;
  return m;
}
