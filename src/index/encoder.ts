/**
 * Encodes documents' index terms as blocks (builder.ts) fast: what docTermsOf and encodeTerms give
 * together, with one map lookup per token. Each distinct raw token seen gets a number once, with its
 * processed term(s) interned; counting a field's terms and its distinct raw tokens then only touches
 * typed arrays. A test checks that the blocks hold exactly what docTermsOf computes.
 */
import { FIELDS, processedToken, tokenizeField, type IndexedText } from './terms.js';

const F = FIELDS.length;
/** Raw tokens remembered at most; past this the memory starts over. */
const MAX_RAW = 1 << 20;

/** A growable Int32Array indexed by small ids. */
function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/** Encodes documents' terms with a dictionary (`intern`: word → id). */
export class TermEncoder {
  /** Raw token → its number, by field id (a field's processing may differ). */
  private raw: Array<Map<string, number>> = FIELDS.map(() => new Map());
  private rawCount = 0;
  /** For each raw token: the id of its one term, or -1 (none), or -2 (several, in `multi`). */
  private termOf: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private multi = new Map<number, number[]>();
  private seen: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private count: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private generation = 0;

  constructor(private readonly intern: (word: string) => number) {}

  /** The number of a raw token of field `f`, processing and interning its term(s) the first time. */
  private rawId(token: string, f: number): number {
    let r = this.raw[f]!.get(token);
    if (r !== undefined) return r;
    if (this.rawCount >= MAX_RAW) this.reset();
    r = this.rawCount++;
    this.raw[f]!.set(token, r);
    this.termOf = grown(this.termOf, r + 1);
    this.seen = grown(this.seen, r + 1);
    this.seen[r] = 0;
    const p = processedToken(token, FIELDS[f]!);
    if (Array.isArray(p)) {
      this.termOf[r] = -2;
      this.multi.set(r, p.map((t) => this.intern(t)));
    } else this.termOf[r] = p ? this.intern(p) : -1;
    return r;
  }

  private reset(): void {
    this.raw = FIELDS.map(() => new Map());
    this.rawCount = 0;
    this.multi = new Map();
    this.seen.fill(0);
  }

  private add(term: number, touched: number[]): void {
    if (term >= this.count.length) this.count = grown(this.count, term + 1);
    const n = this.count[term]!;
    if (n === 0) touched.push(term);
    this.count[term] = n + 1;
  }

  /** The block of a document: its field lengths, then (term id, field + F * frequency) pairs. */
  encode(doc: IndexedText): Int32Array {
    const lengths: number[] = [];
    const pairs: number[] = [];
    FIELDS.forEach((field, f) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      lengths[f] = -1;
      if (value == null) return;
      const gen = ++this.generation;
      let unique = 0;
      const touched: number[] = [];
      for (const token of tokenizeField(String(value), field)) {
        const r = this.rawId(token, f);
        if (this.seen[r] !== gen) (this.seen[r] = gen), unique++;
        const t = this.termOf[r]!;
        if (t >= 0) this.add(t, touched);
        else if (t === -2) for (const m of this.multi.get(r)!) this.add(m, touched);
      }
      lengths[f] = unique;
      for (const t of touched) pairs.push(t, f + F * this.count[t]!), (this.count[t] = 0);
    });
    return Int32Array.from([...lengths, ...pairs]);
  }
}
