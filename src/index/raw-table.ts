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

/** Numbers a slot holds side by side: the key's index (-1: empty), its hash and its value. */
const SLOT = 3;

/**
 * Strings → numbers, open addressing with linear probing. A slot holds the key's index, hash and value
 * side by side, so a probe reads one place before comparing the key's code units (in separate arrays,
 * a lookup read four: on the machines this was measured on, memory reads are most of a lookup, and
 * tokenizing and looking up 10,000 claim files took about 20% less time).
 */
export class RawTable {
  /** SLOT numbers per slot; the number of slots is a power of two. */
  private slots = new Int32Array(SLOT * INITIAL_SLOTS).fill(-1);
  private capacity = INITIAL_SLOTS;
  /** How many keys are stored; key k's code units are pool[starts[k]] to pool[starts[k + 1]]. */
  private count = 0;
  private starts = new Int32Array(INITIAL_SLOTS + 1);
  /**
   * The keys' UTF-16 code units, one after another: comparing a slice of the text with them instead of
   * calling `text.startsWith(key, start)` made the encoder about 8% faster (the comparison is a large
   * part of a lookup).
   */
  private pool = new Uint16Array(INITIAL_SLOTS * 8);

  /** The number stored for `text.slice(start, end)` (whose hash is `h`), or -1. */
  lookup(text: string, start: number, end: number, h: number): number {
    const { slots, starts, pool } = this;
    const mask = this.capacity - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = slots[SLOT * s]!;
      if (k < 0) return -1;
      if (slots[SLOT * s + 1] !== h) continue;
      const at = starts[k]!;
      if (starts[k + 1]! - at !== len) continue;
      let j = 0;
      while (j < len && pool[at + j] === text.charCodeAt(start + j)) j++;
      if (j === len) return slots[SLOT * s + 2]!;
    }
  }

  /** Stores `value` for `key` (hash `h`), which must not be in the table. */
  add(key: string, h: number, value: number): void {
    const k = this.count;
    if (2 * (k + 1) > this.capacity) this.grow();
    if (k + 1 === this.starts.length) this.starts = longer(this.starts, 2 * k + 1);
    const at = this.starts[k]!;
    if (at + key.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(2 * this.pool.length, at + key.length));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let j = 0; j < key.length; j++) this.pool[at + j] = key.charCodeAt(j);
    this.starts[k + 1] = at + key.length;
    this.count = k + 1;
    this.place(k, h, value);
  }

  private place(k: number, h: number, value: number): void {
    const mask = this.capacity - 1;
    let s = h & mask;
    while (this.slots[SLOT * s]! >= 0) s = (s + 1) & mask;
    this.slots[SLOT * s] = k;
    this.slots[SLOT * s + 1] = h;
    this.slots[SLOT * s + 2] = value;
  }

  private grow(): void {
    const [old, slots] = [this.slots, this.capacity];
    this.capacity *= 2;
    this.slots = new Int32Array(SLOT * this.capacity).fill(-1);
    for (let s = 0; s < slots; s++) if (old[SLOT * s]! >= 0) this.place(old[SLOT * s]!, old[SLOT * s + 1]!, old[SLOT * s + 2]!);
  }
}

/** A copy of `a`, `length` long. */
function longer(a: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
