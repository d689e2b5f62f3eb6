/**
 * Assembles MiniSearch's serialized index (the `toJSON` form that `loadJS` reads) from each document's
 * terms (terms.ts) without building MiniSearch's in-memory tree. A document's terms are encoded against
 * a dictionary of words as a compact block (the build cache keeps these blocks), postings are sorted
 * with a counting sort, and render.ts writes them out. The result is what MiniSearch serializes after
 * `addAll` of the same documents in id order, with its `index` entries sorted by term (a test proves it).
 */
import { cmp } from '../diagnostics.js';
import { TermEncoder } from './encoder.js';
import { intsOf, widthOf, type Ints } from './ints.js';
import { FIELDS, type DocTerms, type IndexedText } from './terms.js';

const F = FIELDS.length;

/** One document of a finished index, in short-id order. */
export interface IndexDoc {
  id: string;
  /** The stored fields, as JSON (text or its UTF-8 bytes). */
  stored: string | Uint8Array;
  /** MiniSearch's field lengths by field id (null: field absent). */
  lengths: Array<number | null>;
}

/** The postings of every term, sorted by term, field and document. */
export interface FinishedIndex {
  words: readonly string[];
  /** The documents sorted by id: their position is their short id. */
  docs: readonly IndexDoc[];
  /** Word ids in term order. */
  order: Int32Array;
  /** Where the postings of (term rank r, field f) start in doc/freq: start[r * F + f]; one more entry at the end. */
  start: Int32Array;
  doc: Ints;
  freq: Ints;
}

/**
 * A document's terms as a block: `[F lengths (-1: absent), then (word id, field + F * frequency) pairs]`,
 * word ids given by `intern` (which adds new words to its dictionary).
 */
export function encodeTerms(terms: DocTerms, intern: (word: string) => number): Int32Array {
  const block = new Int32Array(F + 2 * terms.terms.length);
  for (let f = 0; f < F; f++) block[f] = terms.lengths[f] ?? -1;
  for (let i = 0; i < terms.terms.length; i++) {
    block[F + 2 * i] = intern(terms.terms[i]!);
    block[F + 2 * i + 1] = terms.fields[i]! + F * terms.freqs[i]!;
  }
  return block;
}

/** Rewrites a block's word ids through `table` (a worker's ids to the builder's), in place. */
export function translateBlock(block: Int32Array, table: ArrayLike<number>): void {
  for (let i = F; i < block.length; i += 2) block[i] = table[block[i]!]!;
}

/** The field of a block's (field + F * frequency) value, which add() checked is at least F. */
const fieldOf = (v: number): number => v % F;

/** A copy of `counts` with room for `size` (at least twice as long, so that growing stays linear). */
function grownCounts(counts: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(size, 2 * counts.length));
  next.set(counts);
  return next;
}

/** Collects documents in any order (see encodeTerms for blocks). */
export class IndexBuilder {
  readonly words: string[];
  private readonly dict = new Map<string, number>();
  private readonly docs: Array<{ id: string; stored: string | Uint8Array; block: Int32Array }> = [];
  private encoder: TermEncoder | undefined;
  /** The postings added so far, by word id and field (counts[id * F + field]): counted as documents come, not when finishing. */
  private counts: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** The largest (field + F * frequency) value added so far. */
  private top = 0;

  /** Starts from a dictionary of words (the build cache's), which new words are appended to. */
  constructor(words: readonly string[] = []) {
    this.words = [...words];
    this.words.forEach((w, i) => this.dict.set(w, i));
  }

  /** The id of a word in the dictionary, adding it when new. */
  intern(word: string): number {
    let id = this.dict.get(word);
    if (id === undefined) this.dict.set(word, (id = this.words.push(word) - 1));
    return id;
  }

  /** Encodes a document's terms as a block, adding new words to the dictionary. */
  encode(terms: DocTerms): Int32Array {
    return encodeTerms(terms, (w) => this.intern(w));
  }

  /** Encodes a document's indexed text as a block (encoder.ts), adding new words to the dictionary. */
  encodeText(doc: IndexedText): Int32Array {
    this.encoder ??= new TermEncoder((w) => this.intern(w));
    return this.encoder.encode(doc);
  }

  /** Adds a document: its id, its stored fields as JSON and its block (both kept as given: not to be changed after), checked against the dictionary. */
  add(id: string, stored: string | Uint8Array, block: Int32Array): void {
    if (block.length < F || (block.length - F) % 2 !== 0) throw new Error('claimkb: malformed index block');
    for (let i = F; i < block.length; i += 2) {
      if (block[i]! < 0 || block[i]! >= this.words.length || block[i + 1]! < F) throw new Error('claimkb: malformed index block');
    }
    if (this.counts.length < this.words.length * F) this.counts = grownCounts(this.counts, this.words.length * F);
    for (let i = F; i < block.length; i += 2) {
      this.counts[block[i]! * F + fieldOf(block[i + 1]!)]!++;
      if (block[i + 1]! > this.top) this.top = block[i + 1]!;
    }
    this.docs.push({ id, stored, block });
  }

  /** Sorts the documents by id and the postings by term, field and document (in arrays as narrow as they allow); words no document has are left out. */
  finish(): FinishedIndex {
    const docs = [...this.docs].sort((a, b) => cmp(a.id, b.id));
    const { counts } = this;
    const used = (id: number) => {
      for (let f = 0; f < F; f++) if (counts[id * F + f]! > 0) return true;
      return false;
    };
    const ids = this.words.map((_, i) => i).filter(used);
    const order = Int32Array.from(ids.sort((a, b) => cmp(this.words[a]!, this.words[b]!)));
    const rank = new Int32Array(this.words.length);
    order.forEach((id, r) => (rank[id] = r));
    const start = new Int32Array(order.length * F + 1);
    order.forEach((id, r) => start.set(counts.subarray(id * F, id * F + F), r * F + 1));
    for (let b = 1; b < start.length; b++) start[b]! += start[b - 1]!;
    const fill = start.slice(0, -1);
    const doc = intsOf(widthOf(docs.length - 1), start[start.length - 1]!);
    const freq = intsOf(widthOf(Math.floor(this.top / F)), doc.length);
    docs.forEach(({ block }, short) => {
      for (let i = F; i < block.length; i += 2) {
        const v = block[i + 1]!;
        const at = fill[rank[block[i]!]! * F + fieldOf(v)]!++;
        doc[at] = short;
        freq[at] = (v - fieldOf(v)) / F;
      }
    });
    const lengthsOf = (block: Int32Array) => Array.from(block.subarray(0, F), (l) => (l < 0 ? null : l));
    return { words: this.words, docs: docs.map((d) => ({ id: d.id, stored: d.stored, lengths: lengthsOf(d.block) })), order, start, doc, freq };
  }
}
