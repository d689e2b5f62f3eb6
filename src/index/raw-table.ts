/**
 * A table of strings → numbers that is looked up with a slice of a text (`text`, `start`, `end`) and its
 * hash, without making the slice a string: the encoder (encoder.ts) looks up every token of every
 * document, and most are words seen before, so most tokens never become strings.
 */

/** FNV-1a's offset basis and prime (32 bits). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
/** Slots at start (a power of two); the table doubles when half full. */
const INITIAL_SLOTS = 1 << 12;

/** The hash the table uses: FNV-1a over UTF-16 code units, from `h` (start with hashStart()). */
export const hashStep = (h: number, unit: number): number => Math.imul(h ^ unit, FNV_PRIME);

/** The starting value of a hash. */
export const hashStart = (): number => FNV_OFFSET;

/** The hash of a whole string (the same as hashing its code units one by one). */
export function hashOf(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = hashStep(h, s.charCodeAt(i));
  return h;
}

/** Strings → numbers, open addressing with linear probing. */
export class RawTable {
  private slots = new Int32Array(INITIAL_SLOTS).fill(-1);
  private keys: string[] = [];
  private hashes: number[] = [];
  private values: number[] = [];

  /** The number stored for `text.slice(start, end)` (whose hash is `h`), or -1. */
  lookup(text: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s]!;
      if (k < 0) return -1;
      if (this.hashes[k] === h) {
        const key = this.keys[k]!;
        if (key.length === len && text.startsWith(key, start)) return this.values[k]!;
      }
    }
  }

  /** Stores `value` for `key` (hash `h`), which must not be in the table. */
  add(key: string, h: number, value: number): void {
    if (2 * (this.keys.length + 1) > this.slots.length) this.grow();
    this.keys.push(key);
    this.hashes.push(h);
    this.values.push(value);
    this.place(this.keys.length - 1);
  }

  private place(k: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[k]! & mask;
    while (this.slots[s]! >= 0) s = (s + 1) & mask;
    this.slots[s] = k;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let k = 0; k < this.keys.length; k++) this.place(k);
  }
}
