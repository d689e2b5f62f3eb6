import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../src/support/resolve.js';
import { fuzzParams } from './helpers/fuzz.js';

/** Every code unit JavaScript's `\s` matches, and some that look like space but are not. */
const SPACES = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const NOT_SPACES = ['a', 'é', '\u200b', '\u180e', '\u0085', '😀', '\ud800', '\udc00', '\u2060', '-'];

describe('countWords', () => {
  it('counts what /\\S+/g matches (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SPACES, ...NOT_SPACES), { maxLength: 40 }), (units) => {
        const text = units.join('');
        expect(countWords(text)).toBe(text.match(/\S+/g)?.length ?? 0);
      }),
      fuzzParams(3000),
    );
  });

  it('treats every UTF-16 code unit as the regular expression does', () => {
    for (let c = 0; c < 0x10000; c++) {
      const text = `a${String.fromCharCode(c)}b`;
      if (countWords(text) !== text.match(/\S+/g)!.length) expect.fail(`code unit ${c.toString(16)}`);
    }
  });

  it('counts plain words, and nothing in empty or blank text', () => {
    expect(countWords('The widget model, 2026.\n\nIt works')).toBe(6);
    expect(countWords('')).toBe(0);
    expect(countWords(' \t\n\u3000')).toBe(0);
  });
});
