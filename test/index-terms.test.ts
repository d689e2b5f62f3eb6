import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { encodeTerms } from '../src/index/builder.js';
import { TermEncoder } from '../src/index/encoder.js';
import { hashOf, RawTable } from '../src/index/raw-table.js';
import { docTermsOf, splitTokens } from '../src/index/terms.js';
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

/** A block with its pairs sorted (the order of a block's pairs carries no meaning). */
function canonical(block: Int32Array): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 4; i < block.length; i += 2) pairs.push([block[i]!, block[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return [...block.subarray(0, 4), ...pairs.flat()];
}

describe('the term encoder', () => {
  it('encodes what docTermsOf computes: terms, fields, frequencies and field lengths (property)', () => {
    const dict = new Map<string, number>();
    const intern = (w: string) => dict.get(w) ?? (dict.set(w, dict.size), dict.size - 1);
    const encoder = new TermEncoder(intern);
    // Words seen again and again (looked up without becoming strings), new random words (the encoder's
    // table grows), and every kind of separator, astral and lone surrogates included.
    const letters = fc.constantFrom('a', 'b', 'Z', 'é', '2', '😀', '\u0301', '\ud800', '\udc00', '_', '$');
    const word = fc.oneof(
      fc.constantFrom('The', 'the', 'THE', 'Widget', 'widgets', '2024', 'é', 'Ünïcode', '', 'x'.repeat(70), 'a-b', "it's", 'ﬁne', 'Ｗｉｄｅ'),
      fc.array(letters, { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')),
    );
    const separator = fc.constantFrom(' ', ', ', '.\n', '—', '  ', '\r', '\u00a0', '\u2028', '\u3000', '“', '¿', '\u{10100}', '');
    const text = fc.array(fc.tuple(word, separator), { maxLength: 20 }).map((ps) => ps.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, text, text, (claim, quotes, topics, body) => {
        const doc = { claim, quotes, topics, body };
        expect(canonical(encoder.encode(doc))).toEqual(canonical(encodeTerms(docTermsOf(doc), intern)));
      }),
      fuzzParams(1500),
    );
  });
});

describe('the raw token table', () => {
  it('finds every key it holds by a slice of a text, and nothing else, while it grows', () => {
    const table = new RawTable();
    const keys = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? `é${i}😀` : i % 11 === 0 ? '' : `w${i.toString(36)}${'x'.repeat(i % 40)}`)).filter((k, i, all) => all.indexOf(k) === i);
    keys.forEach((k, i) => {
      expect(table.lookup(`<${k}>`, 1, 1 + k.length, hashOf(k))).toBe(-1);
      table.add(k, hashOf(k), i);
    });
    keys.forEach((k, i) => expect(table.lookup(`..${k}..`, 2, 2 + k.length, hashOf(k))).toBe(i));
    expect(table.lookup('wzz', 0, 3, hashOf('wzz'))).toBe(-1);
    expect(table.lookup('w1x', 0, 2, hashOf('w1'))).toBe(keys.indexOf('w1'));
  });
});
