import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandClaim, rememberedKey, resolutionKey, sourcesChanged, type CompactClaim, type SourceDigest } from '../src/engine/digest.js';
import { indexById } from '../src/validate/cross.js';
import { fuzzParams } from './helpers/fuzz.js';

const IDS = ['a', 'b', 'c', 'd'];

/** Source files: path, id and content hash drawn from a few, so that ids are shared, moved and changed. */
const sourcesArb = fc.array(
  fc.record({ file: fc.constantFrom('sources/1.md', 'sources/2.md', 'sources/3.md', 'sources/4.md', 'sources/5.md'), id: fc.constantFrom(...IDS), hash: fc.constantFrom('h1', 'h2') }),
  { maxLength: 6 },
).map((xs) => {
  const byFile = new Map(xs.map((x) => [x.file, x] as const)); // one entry per file, in path order
  return [...byFile.values()].sort((x, y) => (x.file < y.file ? -1 : 1)).map(({ file, id, hash }): SourceDigest => ({ kind: 'source', file, hash, meta: { id } as SourceDigest['meta'], diagnostics: [], words: 0, positions: {} }));
});

const claimArb = fc.record({ appearances: fc.array(fc.constantFrom(...IDS), { maxLength: 2 }), evidence: fc.array(fc.constantFrom(...IDS), { maxLength: 3 }) });
const noReparse = (): never => {
  throw new Error('not parsed again');
};

describe('remembered resolution keys', () => {
  it('are kept only when the key computed again would be the same (property)', () => {
    fc.assert(
      fc.property(sourcesArb, sourcesArb, claimArb, (before, now, refs) => {
        const compact: CompactClaim = ['claims/x.md', 'hx', 'x', refs.appearances, refs.evidence, [], [], [], null];
        const [old, next] = [indexById(before, []), indexById(now, [])];
        const then = resolutionKey(expandClaim(compact, noReparse), (id) => old.get(id));
        const claim = expandClaim([...compact.slice(0, 8), then] as CompactClaim, noReparse);
        const computed = resolutionKey(claim, (id) => next.get(id));
        const remembered = rememberedKey(claim, sourcesChanged(old, next));
        if (remembered !== null) expect(remembered).toBe(computed);
        // kept whenever none of the claim's sources changed
        if (computed === then) expect(remembered).toBe(then);
      }),
      fuzzParams(300),
    );
  });

  it('are not taken from a digest that has none (parsed in this build)', () => {
    const compact: CompactClaim = ['claims/x.md', 'hx', 'x', ['a'], [], [], [], [], null];
    expect(rememberedKey(expandClaim(compact, noReparse), new Set())).toBeNull();
  });
});
