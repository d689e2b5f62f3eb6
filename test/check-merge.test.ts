import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCacheJson, type CheckCache } from '../src/check/cache.js';
import { composeChanges, mergeCheckCache, type ClaimChange, type ClaimNow, type ClaimTerms } from '../src/check/merge.js';
import { cmp } from '../src/diagnostics.js';
import { mergeSorted } from '../src/sorted.js';
import { fuzzParams } from './helpers/fuzz.js';

type State = Map<string, ClaimNow>;

/** The cache a whole write holds for a state, computed plainly (the reference the merge must give). */
function whole(state: State): CheckCache {
  const ids = [...state.keys()].sort(cmp);
  const docs = new Map<string, number[]>();
  const df = new Map<string, number>();
  ids.forEach((id, short) => {
    for (const t of new Set(state.get(id)!.terms)) docs.set(t, [...(docs.get(t) ?? []), short]);
    for (const t of state.get(id)!.df) df.set(t, (df.get(t) ?? 0) + 1);
  });
  return {
    postings: { ids, terms: [...docs].sort((a, b) => cmp(a[0], b[0])), best: ids.map((id) => state.get(id)!.best) },
    claims: ids.map((id) => state.get(id)!.claim),
    df: [...df].sort((a, b) => cmp(a[0], b[0])),
  };
}

const termsOf = (c: ClaimNow | undefined): ClaimTerms | null => (c ? { terms: c.terms, df: c.df } : null);

const WORDS = ['the', 'bridge', 'opened', '2023', 'carries', 'vehicles', 'a', 'day', 'zebra', 'élan', 'Z', '10'];
const words = fc.uniqueArray(fc.constantFrom(...WORDS), { maxLength: 6 });
const ID = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'ab', 'b0', 'z');
const claimNow = (id: string) =>
  fc.record({ terms: words, df: words, text: fc.string({ maxLength: 8 }), best: fc.option(fc.string({ maxLength: 5 })) }).map(
    ({ terms, df, text, best }): ClaimNow => ({
      terms: [...terms].sort(cmp),
      df,
      claim: { id, claim: text, verdict: 'supported', flags: [], appearances: [], evidence: [] },
      best: best === null ? null : { source: 's', sourceTitle: 'S', quote: best, stance: 'supports' },
    }),
  );
/** One build's changes: per id, its data now (null: removed); an unchanged claim may be resolved again as it was. */
const step = fc.array(fc.tuple(ID, fc.oneof(fc.constant(null), fc.constant('same' as const), ID.chain(claimNow))), { maxLength: 5 });
const initial = fc.array(ID, { maxLength: 8 }).chain((ids) => fc.tuple(...[...new Set(ids)].map((id) => claimNow(id).map((c) => [id, c] as const))));

/** Applies one build's changes to a state; what composeChanges is given for them. */
function apply(state: State, changes: ReadonlyArray<[string, ClaimNow | null | 'same']>) {
  const built = new Map<string, { id: string; old: () => ClaimTerms | null; now: ClaimNow | null }>();
  const next = new Map(state);
  for (const [id, change] of changes) {
    const now = change === 'same' ? (state.get(id) ?? null) : change === null ? null : { ...change, claim: { ...change.claim, id } };
    if (now) next.set(id, now);
    else next.delete(id);
    built.delete(id); // the last change of an id in a build is what the build did
    if (now || state.has(id)) built.set(id, { id, old: () => termsOf(state.get(id)), now });
  }
  return { next, built: [...built.values()] };
}

describe('check cache journal: merging the changes into the base', () => {
  it('gives the cache written whole for the final state, after any sequence of edits, additions and removals (property)', () => {
    fc.assert(
      fc.property(initial, fc.array(step, { maxLength: 6 }), (start, steps) => {
        let state: State = new Map(start);
        const base = whole(state);
        let changes: ClaimChange[] = [];
        for (const s of steps) {
          const { next, built } = apply(state, s);
          changes = composeChanges(JSON.parse(JSON.stringify(changes)) as ClaimChange[], built); // as read back from the journal file
          state = next;
        }
        const merged = mergeCheckCache(JSON.parse(JSON.stringify(base)) as CheckCache, changes);
        expect(merged).toEqual(whole(state));
        expect(checkCacheJson('h', merged!)).toBe(checkCacheJson('h', whole(state)));
      }),
      fuzzParams(300),
    );
  });

  it('gives null for changes that do not fit the base', () => {
    const claim = (id: string, terms: string[]): ClaimNow => ({ terms, df: terms, claim: { id, claim: id, verdict: 'supported', flags: [], appearances: [], evidence: [] }, best: null });
    const base = whole(new Map([['a', claim('a', ['x'])], ['b', claim('b', ['y'])]]));
    const now = claim('a', ['z']);
    expect(mergeCheckCache(structuredClone(base), [{ id: 'a', was: { terms: ['x'], df: ['x'] }, now }])).toEqual(whole(new Map([['a', now], ['b', claim('b', ['y'])]])));
    const misfits: ClaimChange[][] = [
      [{ id: 'a', was: null, now }], // added, but the base has it
      [{ id: 'c', was: { terms: [], df: [] }, now: null }], // in the base, but it is not
      [{ id: 'a', was: { terms: ['w'], df: ['x'] }, now }], // a term the base's claim does not have
      [{ id: 'a', was: { terms: ['x'], df: ['w'] }, now }], // a frequency below zero
      [{ id: 'a', was: { terms: ['x'], df: ['x'] }, now: { ...now, terms: ['y'] } }, { id: 'b', was: { terms: ['y'], df: ['y'] }, now: null }].reverse(), // not sorted
      [{ id: 'a', was: { terms: ['x'], df: ['x'] }, now: { ...now, claim: { ...now.claim, id: 'b' } } }], // another claim's data
      [{ id: 'a', was: { terms: ['x'], df: ['x'] }, now: { ...now, terms: 7 } as unknown as ClaimNow }], // malformed
    ];
    for (const changes of misfits) expect(mergeCheckCache(structuredClone(base), changes)).toBeNull(); // a merge uses its base up
  });
});

describe('mergeSorted', () => {
  const key = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'Z', '1', '\u{1F600}'), maxLength: 4 });
  const check = (keys: string[], edits: Array<[string, number | null]>) => {
    const list = [...keys].sort(cmp).map((k, i): [string, number] => [k, i]);
    const changed = new Map(edits);
    const want = new Map(list);
    for (const [k, v] of changed) (v === null ? want.delete(k) : want.set(k, v));
    expect(mergeSorted(list.map((e) => [...e] as [string, number]), changed, (_, v) => v)).toEqual([...want].sort((a, b) => cmp(a[0], b[0])));
  };

  it('gives the sorted list with a few changed keys set or removed, changed in place (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(key, { maxLength: 60 }), fc.array(fc.tuple(key, fc.option(fc.nat(9))), { maxLength: 40 }), check), fuzzParams(200));
  });

  it('gives the same with many changed keys, copied in runs (property)', () => {
    const many = fc.uniqueArray(fc.tuple(key, fc.option(fc.nat(9))), { minLength: 300, maxLength: 400, selector: ([k]) => k });
    fc.assert(fc.property(fc.uniqueArray(key, { minLength: 200, maxLength: 400 }), many, check), fuzzParams(20));
  });
});
