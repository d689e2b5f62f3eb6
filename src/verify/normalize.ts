/**
 * Text normalization for quote matching (tier 2), with a map from normalized offsets back to the
 * original text. Pipeline, applied identically to sources and quotes:
 * 1. Unicode NFC (segment by segment when the text is not already NFC, so offsets stay mappable).
 * 2. `toLowerCase()`, with Turkish `İ` lowered to plain `i` (not `i̇`), so the length never changes.
 * 3. Folding (only the few places that change are recorded; everything else is copied):
 *    - runs of whitespace (ASCII whitespace, NEL, NBSP, U+1680, U+2000–U+200A, U+2028/9, U+202F,
 *      U+205F, U+3000) → one space;
 *    - soft hyphen U+00AD, zero-width space U+200B, word joiner U+2060 and BOM U+FEFF are invisible and
 *      dropped (they do not break a whitespace run);
 *    - single quotes ‘ ’ ‚ ‛, prime ′, single guillemets ‹ ›, backtick `, acute accent ´ and
 *      modifier letter apostrophe ʼ → `'`;
 *    - double quotes “ ” „ ‟, double prime ″ and guillemets « » → `"`;
 *    - dashes ‐ ‑ ‒ – — ― and minus sign − → `-`;
 *    - the ellipsis character … → `...`;
 *    - final sigma ς → σ (so a quote cut mid-word still matches).
 * The map is sparse (one record per changed place), so it costs little memory and time.
 */

/** Maps offsets of a normalized text back to the text it was made from. */
export interface OffsetMap {
  /** The original offset where normalized unit `k` starts. */
  start(k: number): number;
  /** The original offset (exclusive) where normalized unit `k` ends. */
  end(k: number): number;
}

/** A normalized text together with its map back to the original text. */
export interface NormalizedText {
  text: string;
  map: OffsetMap;
}

/** The storage of a map without records (never written: a map grows before its first record). */
const NO_RECORDS = new Int32Array(0);
/** Room for this many records is made at the first one. */
const FIRST_RECORDS = 16;

/**
 * A sparse map: records where input [from, to) became `length` output units; everything between
 * records was copied unit for unit. Lookups are a binary search over the records.
 */
class SparseMap implements OffsetMap {
  private count = 0;
  private delta = 0;
  // Allocated on the first record: most quotes have no place to fold, and a map is made for each.
  private normAt: Int32Array = NO_RECORDS;
  private normEnd: Int32Array = NO_RECORDS;
  private origAt: Int32Array = NO_RECORDS;
  private origEnd: Int32Array = NO_RECORDS;

  /** Records a replacement; records must come in input order. */
  record(from: number, to: number, length: number): void {
    if (this.count === this.normAt.length) this.resize(Math.max(FIRST_RECORDS, this.count * 2));
    const at = from + this.delta;
    const i = this.count++;
    this.normAt[i] = at;
    this.normEnd[i] = at + length;
    this.origAt[i] = from;
    this.origEnd[i] = to;
    this.delta += length - (to - from);
  }

  /** Shrinks the storage to the records made; returns this. */
  done(): this {
    if (this.count !== this.normAt.length) this.resize(this.count);
    return this;
  }

  private resize(size: number): void {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a.subarray(0, Math.min(size, a.length)));
      return b;
    };
    this.normAt = grow(this.normAt);
    this.normEnd = grow(this.normEnd);
    this.origAt = grow(this.origAt);
    this.origEnd = grow(this.origEnd);
  }

  /** The last record starting at or before output unit `k`, or -1. */
  private find(k: number): number {
    let lo = -1;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.normAt[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  start(k: number): number {
    const i = this.find(k);
    if (i < 0) return k;
    return k < this.normEnd[i]! ? this.origAt[i]! : this.origEnd[i]! + k - this.normEnd[i]!;
  }

  end(k: number): number {
    const i = this.find(k);
    if (i < 0) return k + 1;
    return k < this.normEnd[i]! ? this.origEnd[i]! : this.origEnd[i]! + k - this.normEnd[i]! + 1;
  }
}

/** Maps through `inner` (normalized → middle text), then `outer` (middle text → original). */
class ChainedMap implements OffsetMap {
  constructor(
    private readonly inner: OffsetMap,
    private readonly outer: OffsetMap,
  ) {}
  start(k: number): number {
    return this.outer.start(this.inner.start(k));
  }
  end(k: number): number {
    return this.outer.end(this.inner.end(k) - 1);
  }
}

/** Segments that NFC never composes across: a base with its marks, or a run of Hangul. */
const NFC_SEGMENT = /[\u1100-\u11ff\uac00-\ud7a3]+|[\s\S]\p{M}*/gu;
/** Chunks that start at an ASCII character (always an NFC boundary) and carry the non-ASCII after it. */
const NFC_CHUNK = /[\x00-\x7f]*[^\x00-\x7f]+|[\x00-\x7f]+/g;

/** Stage 1: NFC. Returns a null map when the text is already NFC. */
function nfc(text: string): { text: string; map: OffsetMap | null } {
  if (text.normalize('NFC') === text) return { text, map: null };
  const map = new SparseMap();
  const parts: string[] = [];
  let done = 0;
  for (const chunk of text.matchAll(NFC_CHUNK)) {
    if (chunk[0].normalize('NFC') === chunk[0]) continue;
    for (const seg of chunk[0].matchAll(NFC_SEGMENT)) {
      const s = seg[0].normalize('NFC');
      if (s === seg[0]) continue;
      const from = chunk.index + seg.index;
      parts.push(text.slice(done, from), s);
      done = from + seg[0].length;
      map.record(from, done, s.length);
    }
  }
  parts.push(text.slice(done));
  return { text: parts.join(''), map: map.done() };
}

/** Stage 2: lower case, with `İ` as `i`; always length-preserving, so it needs no offset map. */
function lower(input: string): string {
  const text = input.includes('\u0130') ? input.replaceAll('\u0130', 'I') : input;
  const whole = text.toLowerCase();
  if (whole.length === text.length) return whole;
  // Only U+0130 changes length as of Unicode 15; should another appear, keep it unlowered.
  const out: string[] = [];
  for (const ch of text) {
    const lc = ch.toLowerCase();
    out.push(lc.length === ch.length ? lc : ch);
  }
  return out.join('');
}

const KEEP = 0;
const SPACE = 1;
const INVISIBLE = 2;
/** Classes 3 and up are folded to FOLDED[class]. */
const FOLDED = ['', ' ', '', "'", '"', '-', '...', '\u03c3'];
const TABLE_SIZE = 0x3001;

/** The folding class of each UTF-16 unit below U+3001 (U+FEFF, the only one above, is special-cased). */
const CLASS: Uint8Array = (() => {
  const t = new Uint8Array(TABLE_SIZE);
  const set = (cls: number, chars: string): void => {
    for (const ch of chars) t[ch.charCodeAt(0)] = cls;
  };
  set(SPACE, ' \t\n\v\f\r\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a');
  set(SPACE, '\u2028\u2029\u202f\u205f\u3000');
  set(INVISIBLE, '\u00ad\u200b\u2060');
  set(3, '`\u00b4\u02bc\u2018\u2019\u201a\u201b\u2032\u2039\u203a');
  set(4, '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb');
  set(5, '\u2010\u2011\u2012\u2013\u2014\u2015\u2212');
  set(6, '\u2026');
  set(7, '\u03c2');
  return t;
})();

/** The folding class of the unit at `i`. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < TABLE_SIZE ? CLASS[c]! : c === 0xfeff ? INVISIBLE : KEEP;
}

/** The end of the run of whitespace and invisible units starting at `i`, and whether it has whitespace. */
function runAt(text: string, i: number): { end: number; space: boolean } {
  let end = i;
  let space = false;
  for (let k = classAt(text, end); k === SPACE || k === INVISIBLE; k = classAt(text, ++end)) space ||= k === SPACE;
  return { end, space };
}

/** Stage 3: whitespace collapse and character folding (a lone plain space is kept as it is). */
function fold(text: string): NormalizedText {
  const map = new SparseMap();
  let out = '';
  let done = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < TABLE_SIZE ? CLASS[c] === KEEP : c !== 0xfeff) continue; // the fast path, inlined
    if (c === 32 && classAt(text, i + 1) === KEEP) continue;
    const cls = classAt(text, i);
    let end = i + 1;
    let piece = FOLDED[cls]!;
    if (cls <= INVISIBLE) {
      const run = runAt(text, i);
      end = run.end;
      piece = run.space ? ' ' : '';
    }
    out += text.slice(done, i) + piece;
    map.record(i, end, piece.length);
    done = end;
    i = end - 1;
  }
  return { text: done === 0 ? text : out + text.slice(done), map: map.done() };
}

/** Normalizes `text` and maps normalized offsets back to `text`. Linear time. */
export function normalizeWithMap(text: string): NormalizedText {
  const a = nfc(text);
  const folded = fold(lower(a.text));
  return a.map ? { text: folded.text, map: new ChainedMap(folded.map, a.map) } : folded;
}

/** Normalizes `text` without building an offset map (as used for quotes); does not trim. */
export function normalizeText(text: string): string {
  return fold(lower(text.normalize('NFC'))).text;
}

/** The original [start, end) of the normalized range [start, end) (which must not be empty). */
export function originalSpan(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: norm.map.start(start), end: norm.map.end(end - 1) };
}
