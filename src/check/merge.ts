/**
 * Applying the changes of check's cache journal (cache.ts) to its base: the claims changed since the
 * base, each with its terms as the base had them (`was`, null for a claim added since) and its data now
 * (`now`, null for a claim removed since). The result is the data a cache written whole for the new
 * state holds, to the byte once serialized; a journal that does not fit its base gives null.
 */
import { cmp } from '../diagnostics.js';
import type { BestQuote } from '../index/options.js';
import type { CheckCache } from './cache.js';
import type { ClaimInput } from './kb.js';
import type { PostingsData } from './postings.js';

/** A claim's terms as check's cache counts them. */
export interface ClaimTerms {
  /** Its distinct terms in the retrieval fields of the index (the postings' terms), sorted. */
  terms: string[];
  /** Its claim sentence's content terms, as they count in the term frequencies (kb.ts claimFrequencies). */
  df: string[];
}

/** A claim's data in check's cache. */
export interface ClaimNow extends ClaimTerms {
  claim: ClaimInput;
  best: BestQuote | null;
}

/** A claim changed since the base: its terms in the base (null: added since), its data now (null: removed since). */
export interface ClaimChange {
  id: string;
  was: ClaimTerms | null;
  now: ClaimNow | null;
}

type Docs = PostingsData['terms'][number][1];

/** Thrown inside the merge when the journal does not fit the base. */
class Misfit extends Error {}

const fail = (): never => {
  throw new Misfit('claimkb: check cache journal does not fit its base');
};

/** The claims, ids and best quotes with the changes applied, and where each base document went (-1: removed). */
function mergeDocs(base: CheckCache, changes: readonly ClaimChange[]) {
  const { ids: baseIds, best: baseBest } = base.postings;
  const n = baseIds.length;
  if (base.claims.length !== n || baseBest.length !== n || base.claims.some((c, i) => c.id !== baseIds[i])) fail();
  const ids: string[] = [];
  const claims: ClaimInput[] = [];
  const best: Array<BestQuote | null> = [];
  const remap = new Int32Array(n).fill(-1);
  const shortOf = new Map<string, number>();
  let i = 0;
  const keep = () => {
    remap[i] = ids.length;
    ids.push(baseIds[i]!);
    claims.push(base.claims[i]!);
    best.push(baseBest[i] ?? null);
    i++;
  };
  changes.forEach((c, k) => {
    if (k > 0 && cmp(changes[k - 1]!.id, c.id) >= 0) fail();
    while (i < n && cmp(baseIds[i]!, c.id) < 0) keep();
    const inBase = i < n && baseIds[i] === c.id;
    if (inBase !== (c.was !== null) || (c.now && c.now.claim.id !== c.id)) fail();
    if (inBase) i++;
    if (!c.now) return;
    if (inBase) remap[i - 1] = ids.length;
    shortOf.set(c.id, ids.length);
    ids.push(c.id);
    claims.push(c.now.claim);
    best.push(c.now.best);
  });
  while (i < n) keep();
  const shifted = ids.length !== n || remap.some((r, k) => r !== k);
  return { ids, claims, best, remap: shifted ? remap : null, shortOf };
}

/** Per term, the documents (new short ids) that gained it and those that lost it but stay. */
function postingDeltas(changes: readonly ClaimChange[], shortOf: ReadonlyMap<string, number>): Map<string, { add: number[]; del: number[] }> {
  const deltas = new Map<string, { add: number[]; del: number[] }>();
  const at = (t: string) => deltas.get(t) ?? deltas.set(t, { add: [], del: [] }).get(t)!;
  for (const c of changes) {
    if (!c.now) continue; // a removed claim's documents go with the remapping
    const doc = shortOf.get(c.id)!;
    const was = new Set(c.was?.terms ?? []);
    const now = new Set(c.now.terms);
    for (const t of now) if (!was.has(t)) at(t).add.push(doc);
    for (const t of was) if (!now.has(t)) at(t).del.push(doc);
  }
  return deltas;
}

/** A sorted list of documents without those of `del` (each must be there) and with those of `add` (none may be). */
function applyDelta(docs: Docs, delta: { add: number[]; del: number[] }): Docs {
  const del = new Set(delta.del);
  const kept = docs.filter((d) => !del.has(d));
  if (kept.length !== docs.length - del.size) fail();
  const out = kept.concat(delta.add).sort((a, b) => a - b);
  if (out.some((d, k) => k > 0 && d === out[k - 1])) fail();
  return out;
}

/** Walks a list sorted by key together with the sorted keys of changes: each key once, in order, with what each side has. */
function mergeSorted<V, D, R>(base: ReadonlyArray<[string, V]>, changed: ReadonlyMap<string, D>, f: (key: string, value: V | undefined, change: D | undefined) => R | null): Array<[string, R]> {
  const keys = [...changed.keys()].sort(cmp);
  const out: Array<[string, R]> = [];
  const put = (key: string, value: V | undefined, change: D | undefined) => {
    const r = f(key, value, change);
    if (r !== null) out.push([key, r]);
  };
  let k = 0;
  for (const [key, value] of base) {
    for (; k < keys.length && cmp(keys[k]!, key) < 0; k++) put(keys[k]!, undefined, changed.get(keys[k]!));
    if (k < keys.length && keys[k] === key) put(key, value, changed.get(keys[k++]!));
    else put(key, value, undefined);
  }
  for (; k < keys.length; k++) put(keys[k]!, undefined, changed.get(keys[k]!));
  return out;
}

/** The postings with the documents renumbered (when claims were added or removed) and the changed claims' terms moved. */
function mergeTerms(base: CheckCache, changes: readonly ClaimChange[], remap: Int32Array | null, shortOf: ReadonlyMap<string, number>): PostingsData['terms'] {
  const renumber = (docs: Docs): Docs => {
    if (!remap) return docs;
    const out: number[] = [];
    for (const d of docs) if (remap[d]! >= 0) out.push(remap[d]!);
    return out;
  };
  return mergeSorted(base.postings.terms, postingDeltas(changes, shortOf), (_, docs, delta) => {
    const list = delta ? applyDelta(docs ? renumber(docs) : [], delta) : renumber(docs!);
    return list.length > 0 ? list : null;
  });
}

/** The term frequencies with the changed claims' sentences counted as they are now. */
function mergeDf(base: CheckCache, changes: readonly ClaimChange[]): CheckCache['df'] {
  const deltas = new Map<string, number>();
  for (const c of changes) {
    for (const t of c.was?.df ?? []) deltas.set(t, (deltas.get(t) ?? 0) - 1);
    for (const t of c.now?.df ?? []) deltas.set(t, (deltas.get(t) ?? 0) + 1);
  }
  return mergeSorted(base.df, deltas, (_, n, d) => {
    const count = (n ?? 0) + (d ?? 0);
    if (count < 0) fail();
    return count > 0 ? count : null;
  });
}

/** The base with the changes (sorted by id) applied, or null when they do not fit it. */
export function mergeCheckCache(base: CheckCache, changes: readonly ClaimChange[]): CheckCache | null {
  if (changes.length === 0) return base;
  try {
    const { ids, claims, best, remap, shortOf } = mergeDocs(base, changes);
    return { postings: { ids, terms: mergeTerms(base, changes, remap, shortOf), best }, claims, df: mergeDf(base, changes) };
  } catch (error) {
    if (error instanceof Misfit || error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * The changes since the base after a build: those already journaled, with the build's own applied. For
 * each claim the build changed, `old` gives its terms before this build (asked only for a claim the
 * journal does not hold yet: its terms before this build are then the base's).
 */
export function composeChanges(journaled: readonly ClaimChange[], built: ReadonlyArray<{ id: string; old: () => ClaimTerms | null; now: ClaimNow | null }>): ClaimChange[] {
  const byId = new Map(journaled.map((c) => [c.id, c] as const));
  for (const b of built) {
    const was = byId.has(b.id) ? byId.get(b.id)!.was : b.old();
    if (was === null && b.now === null) byId.delete(b.id);
    else byId.set(b.id, { id: b.id, was, now: b.now });
  }
  return [...byId.values()].sort((a, b) => cmp(a.id, b.id));
}
