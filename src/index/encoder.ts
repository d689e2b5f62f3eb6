/**
 * Encodes documents' index terms as blocks (builder.ts) fast: what docTermsOf and encodeTerms give
 * together, with one map lookup per token. Each distinct raw token seen gets a number once, with its
 * processed term(s) interned; counting a field's terms and its distinct raw tokens then only touches
 * typed arrays. A test checks that the blocks hold exactly what docTermsOf computes.
 */
import { hashOf, hashStart, hashStep, RawTable } from './raw-table.js';
import { ASCII_SEPARATORS, DEFAULT_TOKENIZER, FIELDS, processedToken, separatorAt, tokenizeField, type IndexedText } from './terms.js';

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
  private raw: RawTable[] = FIELDS.map(() => new RawTable());
  private rawCount = 0;
  /** For each raw token: the id of its one term, or -1 (none), or -2 (several, in `multi`). */
  private termOf: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private multi = new Map<number, number[]>();
  private seen: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private count: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private generation = 0;

  constructor(private readonly intern: (word: string) => number) {}

  /** The number of raw token `text.slice(start, end)` (hash `h`) of field `f`, processing and interning its term(s) the first time. */
  private rawIdAt(text: string, start: number, end: number, h: number, f: number): number {
    const known = this.raw[f]!.lookup(text, start, end, h);
    if (known >= 0) return known;
    const token = text.slice(start, end);
    const r = this.rawCount++;
    this.raw[f]!.add(token, h, r);
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

  private add(term: number, touched: number[]): void {
    if (term >= this.count.length) this.count = grown(this.count, term + 1);
    const n = this.count[term]!;
    if (n === 0) touched.push(term);
    this.count[term] = n + 1;
  }

  /** Counts raw token `r` in the field being encoded (generation `gen`); returns 1 when it is new to the field. */
  private take(r: number, gen: number, touched: number[]): number {
    const t = this.termOf[r]!;
    if (t >= 0) this.add(t, touched);
    else if (t === -2) for (const m of this.multi.get(r)!) this.add(m, touched);
    if (this.seen[r] === gen) return 0;
    this.seen[r] = gen;
    return 1;
  }

  /**
   * Tokenizes a field as MiniSearch's default tokenizer does (splitTokens: the same tokens, empty ones
   * included) and counts its tokens; returns the number of distinct raw tokens. Tokens are hashed as
   * they are scanned and made strings only the first time they are seen.
   */
  private scan(text: string, f: number, gen: number, touched: number[]): number {
    const n = text.length;
    let unique = 0;
    for (let i = 0; ; ) {
      const start = i;
      let h = hashStart();
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c < 128 ? ASCII_SEPARATORS[c] === 1 : separatorAt(text, i) > 0) break;
        h = hashStep(h, c); // a surrogate pair's halves one by one: a lone half is never a separator
        i++;
      }
      unique += this.take(this.rawIdAt(text, start, i, h, f), gen, touched);
      if (i >= n) return unique;
      for (let s = separatorAt(text, i); s > 0; s = i < n ? separatorAt(text, i) : 0) i += s;
    }
  }

  /** The block of a document: its field lengths, then (term id, field + F * frequency) pairs. */
  encode(doc: IndexedText): Int32Array {
    if (this.rawCount >= MAX_RAW) this.forget();
    const lengths: number[] = [];
    const pairs: number[] = [];
    FIELDS.forEach((field, f) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      lengths[f] = -1;
      if (value == null) return;
      const gen = ++this.generation;
      const touched: number[] = [];
      const text = String(value);
      if (DEFAULT_TOKENIZER) lengths[f] = this.scan(text, f, gen, touched);
      else {
        let unique = 0;
        for (const token of tokenizeField(text, field)) unique += this.take(this.rawIdAt(token, 0, token.length, hashOf(token), f), gen, touched);
        lengths[f] = unique;
      }
      for (const t of touched) pairs.push(t, f + F * this.count[t]!), (this.count[t] = 0);
    });
    return Int32Array.from([...lengths, ...pairs]);
  }

  /** Forgets the raw tokens seen (between documents, so that a document's counts never mix two memories). */
  private forget(): void {
    this.raw = FIELDS.map(() => new RawTable());
    this.rawCount = 0;
    this.multi = new Map();
    this.seen.fill(0);
  }
}
