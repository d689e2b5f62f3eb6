import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ELISION_GAP,
  MAX_HINT_CHARS,
  elisionParts,
  matchQuote,
  prepareSource,
  type MatchResult,
  type QuoteMatch,
  type QuoteMiss,
} from '../src/verify/match.js';
import { normalizeText, normalizeWithMap } from '../src/verify/normalize.js';
import { fuzzParams } from './helpers/fuzz.js';

/** Matches and expects a hit; returns it with the matched original text. */
function hit(text: string, quote: string): QuoteMatch & { slice: string } {
  const r = matchQuote(prepareSource(text), quote);
  if (!r.ok) throw new Error(`expected a match for ${JSON.stringify(quote)}`);
  return { ...r.match, slice: text.slice(r.match.start, r.match.end) };
}

/** Matches and expects a miss. */
function miss(text: string, quote: string): QuoteMiss {
  const r: MatchResult = matchQuote(prepareSource(text), quote);
  if (r.ok) throw new Error(`expected no match for ${JSON.stringify(quote)}, got ${JSON.stringify(r.match)}`);
  return r.miss;
}

describe('tier 1: exact', () => {
  it('finds the quote as written, with offsets into the original text', () => {
    const text = 'The rate rose to 4.5% in 2023.';
    expect(hit(text, 'rose to 4.5%')).toEqual({ tier: 'exact', start: 9, end: 21, occurrences: 1, slice: 'rose to 4.5%' });
  });

  it('counts occurrences that do not overlap (overlapping ones made `a…` in `aaaa…` quadratic)', () => {
    expect(hit('the cat and the dog', 'the')).toMatchObject({ tier: 'exact', start: 0, end: 3, occurrences: 2 });
    expect(hit('aaaa', 'aa')).toMatchObject({ tier: 'exact', start: 0, end: 2, occurrences: 2 });
    expect(hit('aaaaa', 'aa')).toMatchObject({ tier: 'exact', occurrences: 2 });
  });

  it('wins over an earlier normalized occurrence', () => {
    expect(hit('Foo bar. foo bar', 'foo bar')).toMatchObject({ tier: 'exact', start: 9, end: 16, occurrences: 1 });
  });

  it('treats regex metacharacters literally', () => {
    const text = 'Costs (in $) rose by 5.5%? [sic] a+b*c ^x|y\\d';
    expect(hit(text, '(in $) rose by 5.5%? [sic] a+b*c ^x|y\\d')).toMatchObject({ tier: 'exact', start: 6, end: 45 });
    expect(hit(text, 'COSTS (IN $)')).toMatchObject({ tier: 'normalized', start: 0, end: 12 });
    expect(hit(text, '(in $) … a+b*c')).toMatchObject({ tier: 'elided', start: 6, end: 38 });
    miss('abc', '.*');
    miss('abc', 'a.c');
    miss('abc', '[abc]');
  });
});

describe('tier 2: normalized', () => {
  it('collapses whitespace runs, tabs, NBSP and line breaks', () => {
    const text = 'the rate\n  rose\tto\u00a04.5%';
    expect(hit(text, 'rate rose to 4.5%')).toEqual({
      tier: 'normalized',
      start: 4,
      end: 23,
      occurrences: 1,
      slice: 'rate\n  rose\tto\u00a04.5%',
    });
    expect(hit(text, '  rate   rose to 4.5%\n')).toMatchObject({ tier: 'normalized', start: 4, end: 23 });
  });

  it('makes curly quotes and apostrophes straight, both ways', () => {
    const curly = 'He said \u201cit\u2019s over\u201d.';
    expect(hit(curly, 'said "it\'s over"')).toMatchObject({ tier: 'normalized', start: 3, end: 19, slice: 'said \u201cit\u2019s over\u201d' });
    expect(hit('He said "it\'s over".', 'said \u201cit\u2019s over\u201d')).toMatchObject({ tier: 'normalized', start: 3, end: 19 });
    expect(hit('the \u00abfree\u00bb press', '"free" press')).toMatchObject({ tier: 'normalized', start: 4, end: 16 });
    expect(hit("rock `n' roll", "rock 'n' roll")).toMatchObject({ tier: 'normalized', start: 0, end: 13 });
  });

  it('makes dashes and the minus sign hyphens', () => {
    expect(hit('from 1990\u20132000', '1990-2000')).toMatchObject({ tier: 'normalized', start: 5, end: 14 });
    expect(hit('yes \u2014 no', 'yes - no')).toMatchObject({ tier: 'normalized', start: 0, end: 8 });
    expect(hit('it fell to \u22123 degrees', 'to -3 degrees')).toMatchObject({ tier: 'normalized', start: 8, end: 21 });
    expect(hit('well-known', 'well\u2011known')).toMatchObject({ tier: 'normalized', start: 0, end: 10 });
  });

  it('folds case', () => {
    expect(hit('Said The Prime Minister.', 'the prime minister')).toEqual({
      tier: 'normalized',
      start: 5,
      end: 23,
      occurrences: 1,
      slice: 'The Prime Minister',
    });
    expect(hit('\u0130stanbul is big', 'istanbul')).toMatchObject({ tier: 'normalized', start: 0, end: 8 });
    expect(hit('\u039f\u0394\u039f\u03a3\u03a4\u03a1\u03a9\u039c\u0391', '\u039f\u0394\u039f\u03a3')).toMatchObject({ start: 0, end: 4 });
  });

  it('counts occurrences at the normalized tier', () => {
    expect(hit('It\u2019s here. it\u2019s there. IT\u2019S', "it's")).toMatchObject({ tier: 'normalized', start: 0, end: 4, occurrences: 3 });
  });

  it('maps back over curly quotes and multi-space runs', () => {
    const text = '  \u201cHello,\u201d   she said \u2014  \u201cit\u2019s   fine.\u201d  ';
    const m = hit(text, 'she said - "it\'s fine."');
    expect(m).toMatchObject({ tier: 'normalized', start: 13, end: 39 });
    expect(m.slice).toBe('she said \u2014  \u201cit\u2019s   fine.\u201d');
  });

  it('composes to NFC on both sides, mapping a decomposed character as a whole', () => {
    expect(hit('caf\u0065\u0301 au lait', 'caf\u00e9 au')).toMatchObject({ tier: 'normalized', start: 0, end: 8, slice: 'cafe\u0301 au' });
    expect(hit('caf\u00e9 au lait', 'cafe\u0301')).toMatchObject({ tier: 'normalized', start: 0, end: 4 });
  });

  it('ignores soft hyphens and zero-width spaces', () => {
    expect(hit('infor\u00admation age', 'information')).toMatchObject({ tier: 'normalized', start: 0, end: 12 });
    expect(hit('a\u200b b', 'a b')).toMatchObject({ tier: 'normalized', start: 0, end: 4 });
  });

  it('equates the ellipsis character with three dots, covering the whole character', () => {
    expect(hit('Wait\u2026 what?', 'wait... what')).toEqual({ tier: 'normalized', start: 0, end: 10, occurrences: 1, slice: 'Wait\u2026 what' });
  });

  it('does not care about CRLF line breaks', () => {
    const text = 'line one\r\nline two\r\n';
    expect(hit(text, 'one line two')).toMatchObject({ tier: 'normalized', start: 5, end: 18, slice: 'one\r\nline two' });
    expect(hit(text, 'one\nline two')).toMatchObject({ tier: 'normalized', start: 5, end: 18 });
  });
});

describe('tier 3: elided', () => {
  const text = 'We will cut taxes for families. We will also raise the minimum wage next year.';

  it('matches the parts around \u2026 in order', () => {
    const m = hit(text, 'We will cut taxes \u2026 raise the minimum wage');
    expect(m).toEqual({ tier: 'elided', start: 0, end: 67, occurrences: 1, slice: text.slice(0, 67) });
  });

  it('matches the parts around ... (three or more dots) and bracketed ellipses', () => {
    expect(hit(text, 'cut taxes...the minimum wage')).toMatchObject({ tier: 'elided', start: 8, end: 67 });
    expect(hit(text, 'cut taxes .... The Minimum Wage')).toMatchObject({ tier: 'elided', start: 8, end: 67 });
    expect(hit(text, 'cut taxes [\u2026] the minimum wage')).toMatchObject({ tier: 'elided', start: 8, end: 67 });
    expect(hit(text, 'cut taxes (...) the minimum wage')).toMatchObject({ tier: 'elided', start: 8, end: 67 });
  });

  it('accepts a leading or trailing ellipsis (one part)', () => {
    expect(hit(text, '\u2026raise the minimum wage next\u2026')).toMatchObject({ tier: 'elided', start: 45, end: 72 });
  });

  it('fails when the parts are out of order', () => {
    miss(text, 'raise the minimum wage \u2026 we will cut taxes');
  });

  it('fails when a part is missing', () => {
    miss(text, 'we will cut taxes \u2026 raise the maximum wage');
  });

  it('allows a gap of MAX_ELISION_GAP normalized characters, not one more', () => {
    const at = (gap: number): string => `alpha ${'x'.repeat(gap - 2)} omega`;
    expect(MAX_ELISION_GAP).toBe(2000);
    expect(hit(at(MAX_ELISION_GAP), 'alpha \u2026 omega')).toMatchObject({ tier: 'elided', start: 0, end: MAX_ELISION_GAP + 10 });
    miss(at(MAX_ELISION_GAP + 1), 'alpha \u2026 omega');
  });

  it('measures the gap after normalization (collapsed whitespace does not count)', () => {
    const text2 = `alpha${' '.repeat(3000)}omega`;
    expect(hit(text2, 'alpha \u2026 omega')).toMatchObject({ tier: 'elided', start: 0, end: 3010 });
    const text3 = `alpha,${' '.repeat(3000)}beta omega`;
    expect(hit(text3, 'alpha \u2026 omega')).toMatchObject({ tier: 'elided', start: 0, end: 3016 });
  });

  it('tries later occurrences of a part when an earlier one leads nowhere', () => {
    const far = 'x'.repeat(3000);
    const text2 = `alpha ${far} alpha omega`;
    expect(hit(text2, 'alpha \u2026 omega')).toMatchObject({ tier: 'elided', start: 3007, end: 3018, occurrences: 1 });
    // B right after A leaves C out of reach; the later B (still within reach of A) reaches C.
    const mid = 'y'.repeat(1800);
    const text3 = `A1 B2 ${mid} B2 ${mid} C3`;
    expect(hit(text3, 'a1 \u2026 b2 \u2026 c3')).toMatchObject({ tier: 'elided', start: 0, end: text3.length });
  });

  it('never matches a quote that is empty or only an ellipsis', () => {
    const dots = 'Wait... what\u2026 [\u2026]';
    for (const q of ['', '   ', '\n', '\u2026', '...', ' ... \u2026 ', '[\u2026]', '(...)', '\u00ad']) {
      expect(miss(dots, q)).toEqual({ closest: null });
    }
    expect(elisionParts('a \u2026 b')).toBeNull(); // parts are taken from the normalized quote
    expect(elisionParts(normalizeText('a ... b \u2026 c'))).toEqual(['a', 'b', 'c']);
  });
});

describe('misses', () => {
  it('fails a quote longer than the source', () => {
    expect(miss('short', 'short text that is longer than the source')).toEqual({ closest: { start: 0, end: 5, text: 'short' } });
  });

  it('gives the closest passage, trimmed to shared words, as a hint', () => {
    const text = [
      'Inflation was 3.2 percent in April, the office said.',
      'The unemployment rate fell to 4.1 percent in June, down from 4.3 percent.',
      'Wages rose by 2 percent.',
    ].join('\n\n');
    const m = miss(text, 'The unemployment rate fell to 3.9 percent in May');
    const start = text.indexOf('The unemployment');
    expect(m.closest).toEqual({ start, end: start + 44, text: 'The unemployment rate fell to 4.1 percent in' });
  });

  it('maps the hint to original offsets and caps it at MAX_HINT_CHARS', () => {
    const words = Array.from({ length: 120 }, (_, i) => `w${i}`);
    const text = `Intro \u201c${words.join('  ')}\u201d outro`;
    const m = miss(text, `${words.join(' ')} nope`);
    expect(m.closest!.start).toBe(text.indexOf('w0'));
    expect(m.closest!.end - m.closest!.start).toBeLessThanOrEqual(MAX_HINT_CHARS);
    expect(m.closest!.text).toBe(text.slice(m.closest!.start, m.closest!.end));
    expect(m.closest!.text).toMatch(/^w0  w1  .* w\d+$/);
  });

  it('gives no hint when no word is shared', () => {
    expect(miss('alpha beta gamma', 'delta epsilon')).toEqual({ closest: null });
  });
});

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
