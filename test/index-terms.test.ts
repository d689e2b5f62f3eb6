import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { splitTokens } from '../src/index/terms.js';
import { fuzzParams } from './helpers/fuzz.js';

describe('the tokenizer', () => {
  it('splits text exactly as MiniSearch’s default tokenizer (property)', () => {
    const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
    const piece = fc.constantFrom('a', 'Zé', '42', ' ', '\n', '\r', '\t', '.', ',', '-', '—', '“', '¿', '\u00a0', '\u2028', '\u2029', '\u3000', '😀', '\u{10100}', '\u0301', '\ud800', '\udc00', '$', '+', '_', '@', '#');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(splitTokens(text)).toEqual(tokenize(text));
      }),
      fuzzParams(3000),
    );
  });
});
