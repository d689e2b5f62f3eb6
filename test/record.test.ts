import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, RECORD_SEGMENTS, textOf, type RecordTexts } from '../src/engine/record.js';
import { fuzzParams } from './helpers/fuzz.js';

const textsArb = fc.record(Object.fromEntries(RECORD_SEGMENTS.map((name) => [name, fc.string({ unit: 'grapheme', maxLength: 40 })])) as Record<keyof RecordTexts, fc.Arbitrary<string>>);

describe('cache records', () => {
  it('decode to the segments encoded, wherever the record sits in a larger buffer (property)', () => {
    fc.assert(
      fc.property(textsArb, fc.nat(7), (texts, pad) => {
        const bytes = encodeRecord(texts);
        const outer = new Uint8Array(pad + bytes.length + 3);
        outer.set(bytes, pad);
        const record = decodeRecord(outer.subarray(pad, pad + bytes.length));
        for (const name of RECORD_SEGMENTS) expect(textOf(record[name])).toBe(texts[name]);
      }),
      fuzzParams(200),
    );
  });

  it('are refused when cut short or followed by more bytes (property)', () => {
    fc.assert(
      fc.property(textsArb, fc.integer({ min: -64, max: 8 }), (texts, change) => {
        const bytes = encodeRecord(texts);
        const size = bytes.length + change;
        fc.pre(change !== 0 && size >= 0);
        const wrong = new Uint8Array(size);
        wrong.set(bytes.subarray(0, Math.min(size, bytes.length)));
        expect(() => decodeRecord(wrong)).toThrow(/^claimkb: malformed cache record$/);
      }),
      fuzzParams(200),
    );
  });
});
