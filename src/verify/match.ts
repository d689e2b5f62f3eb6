/**
 * Quote matching in three tiers (docs/formats.md, "Quotes"), tried in order, first hit wins:
 * 1. `exact`: the quote occurs as written;
 * 2. `normalized`: it occurs once both sides are normalized (normalize.ts);
 * 3. `elided`: the quote contains `…` or three or more dots (or such an ellipsis in brackets, `[…]`,
 *    `(...)`); each non-empty part matches normalized, in order, each starting at most
 *    MAX_ELISION_GAP normalized characters after the previous part's end.
 * Nothing fuzzier is accepted, and no regex is ever built from a quote. On a miss, the closest
 * passage of the source is returned as a hint (closest.ts).
 */
import { closestPassage, type Passage } from './closest.js';
import { normalizeText, normalizeWithMap, originalSpan, type NormalizedText } from './normalize.js';
import { lowerBound } from '../sorted.js';

export { MAX_HINT_CHARS } from './closest.js';
export { normalizeText, normalizeWithMap } from './normalize.js';

/** The tier at which a quote matched. */
export type MatchTier = 'exact' | 'normalized' | 'elided';

/** The largest gap, in normalized characters, between consecutive parts of an elided quote. */
export const MAX_ELISION_GAP = 2000;
/** The most parts an elided quote may have (bounds its cost: each part is searched through the whole source). */
export const MAX_ELISION_PARTS = 8;

/** A source text prepared once (normalized copy + offset map, built lazily), reused for every quote. */
export interface PreparedSource {
  /** The original text; match offsets point into it. */
  readonly text: string;
  /** The normalized text with its map back to `text` (built on first use, then cached). */
  readonly normalized: NormalizedText;
}

/** Where a quote matched: [start, end) in the original text, and how many places match at that tier. */
export interface QuoteMatch {
  tier: MatchTier;
  start: number;
  end: number;
  occurrences: number;
}

/** Why a quote did not match: the closest passage of the source, if any word is shared. */
export interface QuoteMiss {
  closest: Passage | null;
}

/** The result of matching one quote. */
export type MatchResult = { ok: true; match: QuoteMatch } | { ok: false; miss: QuoteMiss };

class Prepared implements PreparedSource {
  private norm: NormalizedText | undefined;
  constructor(readonly text: string) {}
  get normalized(): NormalizedText {
    return (this.norm ??= normalizeWithMap(this.text));
  }
}

/** Prepares a source for matching; the normalization (linear time) runs on the first non-exact quote. */
export function prepareSource(text: string): PreparedSource {
  return new Prepared(text);
}

/**
 * The start offsets of `needle` in `hay` that pass `keep`, ascending, not overlapping one another: each
 * search resumes after the last kept match, so the cost stays linear even for `aaa…` in `aaaa…`.
 */
function findAll(hay: string, needle: string, keep: (p: number) => boolean = () => true): number[] {
  const out: number[] = [];
  for (let p = hay.indexOf(needle); p >= 0; ) {
    const kept = keep(p);
    if (kept) out.push(p);
    p = hay.indexOf(needle, p + (kept ? Math.max(needle.length, 1) : 1));
  }
  return out;
}

/**
 * Whether normalized [start, end) covers whole original characters: it must not begin or end inside
 * one character that normalization expanded (`…` becomes `...`), or a quote "." would match in "…".
 */
function aligned(norm: NormalizedText, start: number, end: number): boolean {
  const { map } = norm;
  if (start > 0 && map.start(start) < map.end(start - 1)) return false;
  return end >= norm.text.length || map.end(end - 1) <= map.start(end);
}

/** The aligned, non-overlapping start offsets of `needle` in the normalized text, ascending. */
function findAligned(norm: NormalizedText, needle: string): number[] {
  return findAll(norm.text, needle, (p) => aligned(norm, p, p + needle.length));
}

/** How many non-overlapping times `needle` occurs in `hay`, given its first offset `first`. */
function countFrom(hay: string, needle: string, first: number): number {
  let n = 0;
  for (let p = first; p >= 0; p = hay.indexOf(needle, p + Math.max(needle.length, 1))) n++;
  return n;
}

const ELLIPSIS = /[[(] ?\.{3,} ?[\])]|\.{3,}/;

/** The non-empty parts of a normalized quote split at its ellipses; null if it has no ellipsis. */
export function elisionParts(nq: string): string[] | null {
  if (!nq.includes('...')) return null;
  return nq
    .split(ELLIPSIS)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * Tier 3 on normalized text: for each part (last to first), keeps the occurrences from which the rest
 * of the quote can still be completed; the leftmost completable first part wins. Returns normalized
 * [start, end) and how many first-part occurrences complete, or null.
 */
function matchElided(norm: NormalizedText, parts: string[]): { start: number; end: number; count: number } | null {
  const ok: number[][] = new Array<number[]>(parts.length);
  ok[parts.length - 1] = findAligned(norm, parts[parts.length - 1]!);
  for (let k = parts.length - 2; k >= 0; k--) {
    const next = ok[k + 1]!;
    const len = parts[k]!.length;
    const keep: number[] = [];
    let q = 0;
    for (const p of next.length ? findAligned(norm, parts[k]!) : []) {
      while (q < next.length && next[q]! < p + len) q++;
      if (q < next.length && next[q]! <= p + len + MAX_ELISION_GAP) keep.push(p);
    }
    ok[k] = keep;
  }
  const firsts = ok[0]!;
  if (firsts.length === 0) return null;
  let end = firsts[0]! + parts[0]!.length;
  for (let k = 1; k < parts.length; k++) {
    const xs = ok[k]!;
    end = xs[lowerBound(xs, end)]! + parts[k]!.length;
  }
  return { start: firsts[0]!, end, count: firsts.length };
}

/** Maps a normalized [start, end) to the original text. */
function toOriginal(norm: NormalizedText, tier: MatchTier, start: number, end: number, occurrences: number): MatchResult {
  return { ok: true, match: { tier, ...originalSpan(norm, start, end), occurrences } };
}

/** Matches `quote` against a prepared source, trying the exact, normalized and elided tiers in order. */
export function matchQuote(src: PreparedSource, quote: string): MatchResult {
  const nq = normalizeText(quote).trim();
  const parts = elisionParts(nq);
  if (nq.length === 0 || (parts && (parts.length === 0 || parts.length > MAX_ELISION_PARTS))) return { ok: false, miss: { closest: null } };
  const text = src.text;
  const exact = quote.length <= text.length ? text.indexOf(quote) : -1;
  if (exact >= 0) {
    const match = { tier: 'exact' as const, start: exact, end: exact + quote.length, occurrences: countFrom(text, quote, exact) };
    return { ok: true, match };
  }
  const norm = src.normalized;
  const minLength = parts ? parts.reduce((n, p) => n + p.length, 0) : nq.length;
  if (minLength > norm.text.length) return { ok: false, miss: { closest: closestPassage(text, norm, nq) } };
  const at = nq.length <= norm.text.length ? findAligned(norm, nq) : [];
  if (at.length > 0) return toOriginal(norm, 'normalized', at[0]!, at[0]! + nq.length, at.length);
  const elided = parts ? matchElided(norm, parts) : null;
  if (elided) return toOriginal(norm, 'elided', elided.start, elided.end, elided.count);
  return { ok: false, miss: { closest: closestPassage(text, norm, nq) } };
}
