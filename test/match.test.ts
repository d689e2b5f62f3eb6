import { describe, expect, it } from 'vitest';
import { MAX_ELISION_GAP, MAX_HINT_CHARS, elisionParts } from '../src/verify/match.js';
import { normalizeText } from '../src/verify/normalize.js';
import { hit, miss } from './helpers/match.js';

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
