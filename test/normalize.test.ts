import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elisionParts, matchQuote, prepareSource } from '../src/verify/match.js';
import { normalizeText, normalizeWithMap } from '../src/verify/normalize.js';
import { fuzzParams } from './helpers/fuzz.js';
import { hit, miss } from './helpers/match.js';

describe('normalization', () => {
  it('folds the documented characters', () => {
    expect(normalizeText('\u2018a\u2019 \u201ab\u201b \u2032c\u2033 \u2039d\u203a `e\u00b4 f\u02bcs')).toBe("'a' 'b' 'c\" 'd' 'e' f's");
    expect(normalizeText('\u201ca\u201d \u201eb\u201f \u00abc\u00bb')).toBe('"a" "b" "c"');
    expect(normalizeText('\u2010\u2011\u2012\u2013\u2014\u2015\u2212')).toBe('-------');
    expect(normalizeText(' a\t\n\u00a0\u2003\u3000b\u2028c ')).toBe(' a b c ');
    expect(normalizeText('\u03c3\u03bf\u03c6\u03bf\u03c2 \u2026 \u00c9T\u00c9')).toBe('\u03c3\u03bf\u03c6\u03bf\u03c3 ... \u00e9t\u00e9');
  });

  it('maps every normalized unit back to the original range it came from', () => {
    const n = normalizeWithMap('A\u00a0\u00a0\u201cb\u2026');
    expect(n.text).toBe('a "b...');
    const ranges = [...n.text].map((_, k) => [n.map.start(k), n.map.end(k)]);
    expect(ranges).toEqual([[0, 1], [1, 3], [3, 4], [4, 5], [5, 6], [5, 6], [5, 6]]);
  });

  it('maps a matched variant of any substring to an equivalent original range (property)', () => {
    const variants: Record<string, string[]> = {
      ' ': [' ', '  ', '\n', '\t', '\u00a0', '\r\n'],
      "'": ["'", '\u2019', '\u2018'],
      '"': ['"', '\u201c', '\u201d', '\u00ab'],
      '-': ['-', '\u2013', '\u2014'],
      a: ['a', 'A'],
      b: ['b', 'B'],
      '\u00e9': ['\u00e9', '\u00c9'],
    };
    const piece = fc.constantFrom(...Object.values(variants).flat(), '\u00ad', '.', '\u2026', 'x');
    const variant = (ch: string): fc.Arbitrary<string> => {
      const base = normalizeText(ch);
      return fc.constantFrom(...((base === ' ' ? variants[' '] : variants[base]) ?? [ch]));
    };
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), fc.gen(), (pieces, i, j, gen) => {
        const text = pieces.join('');
        const [from, to] = [i % pieces.length, j % pieces.length].sort((x, y) => x - y) as [number, number];
        const quote = pieces.slice(from, to + 1).map((p) => gen(() => variant(p))).join('');
        const nq = normalizeText(quote).trim();
        fc.pre(nq.length > 0 && elisionParts(nq)?.length !== 0);
        const r = matchQuote(prepareSource(text), quote);
        expect(r.ok).toBe(true);
        if (r.ok) expect(normalizeText(text.slice(r.match.start, r.match.end)).trim()).toBe(nq);
      }),
      fuzzParams(500),
    );
  });

  it('never starts or ends a match inside a character that normalization expanded', () => {
    // Found by the property above: "." used to match the first dot of the normalized "…".
    const r = matchQuote(prepareSource('\u2026\u2018.\r\n\u2014'), '.\t');
    expect(r).toEqual({ ok: true, match: { tier: 'normalized', start: 2, end: 3, occurrences: 1 } });
    miss('Wait\u2026 what', 'wait..');
    expect(hit('end\u2026 start', '... start')).toMatchObject({ tier: 'normalized', start: 3, end: 10 });
  });
});
