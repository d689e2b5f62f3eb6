import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimFragment } from '../src/emit/claims-json.js';
import type { ResolvedClaim } from '../src/model.js';
import { fuzzParams } from './helpers/fuzz.js';

/** What claims.json holds for a claim: its JSON with two spaces, every line indented by two levels. */
const reference = (value: unknown) => `    ${JSON.stringify(value, null, 2).replace(/\n/g, '\n    ')}`;

describe('claimFragment', () => {
  it('is the claim pretty-printed and indented by two levels (any JSON object, line breaks in strings included)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '\n', '\r\n', ' ', '"', '\\', 'é', '😀', '\u2028'), maxLength: 12 });
    const value = fc.letrec((tie) => ({
      json: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('json'), { maxLength: 4 }), fc.dictionary(text, tie('json'), { maxKeys: 4 })),
    })).json;
    fc.assert(
      fc.property(fc.dictionary(text, value, { maxKeys: 6 }), (claim) => {
        expect(claimFragment(claim as unknown as ResolvedClaim)).toBe(reference(claim));
      }),
      fuzzParams(500),
    );
  });

  it('is the same for an empty object and for nested empty lists', () => {
    for (const claim of [{}, { a: [] }, { a: {}, b: [[]] }]) expect(claimFragment(claim as unknown as ResolvedClaim)).toBe(reference(claim));
  });
});
