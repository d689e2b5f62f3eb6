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
import { lowerBound, mergeSorted } from '../sorted.js';

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

/** The documents of the merged cache, where the base's went (null: where they were) and where the changed claims are. */
type Merged = { ids: string[]; claims: ClaimInput[]; best: Array<BestQuote | null>; remap: Int32Array | null; shortOf: Map<string, number> };

/** Only claims edited (none added or removed): the base's documents keep their short ids, the edited ones take their data now. */
function editDocs(base: CheckCache, changes: readonly ClaimChange[]): Merged {
  const { ids, best } = base.postings;
  const { claims } = base;
  const shortOf = new Map<string, number>();
  for (const c of changes) {
    const i = lowerBound(ids, c.id);
    if (ids[i] !== c.id || claims[i]?.id !== c.id) fail();
    claims[i] = c.now!.claim;
    best[i] = c.now!.best;
    shortOf.set(c.id, i);
  }
  return { ids, claims, best, remap: null, shortOf };
}

/** The claims, ids and best quotes with the changes applied, and where each base document went (-1: removed). */
function mergeDocs(base: CheckCache, changes: readonly ClaimChange[]): Merged {
  const { ids: baseIds, best: baseBest } = base.postings;
  const n = baseIds.length;
  if (base.claims.length !== n || baseBest.length !== n) fail();
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k]!;
    if ((k > 0 && cmp(changes[k - 1]!.id, c.id) >= 0) || (c.now && c.now.claim.id !== c.id)) fail();
  }
  if (changes.every((c) => c.was && c.now)) return editDocs(base, changes);
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
  for (const c of changes) {
    while (i < n && cmp(baseIds[i]!, c.id) < 0) keep();
    const inBase = i < n && baseIds[i] === c.id && base.claims[i]!.id === c.id;
    if (inBase !== (c.was !== null)) fail();
    if (inBase) i++;
    if (!c.now) continue;
    if (inBase) remap[i - 1] = ids.length;
    shortOf.set(c.id, ids.length);
    ids.push(c.id);
    claims.push(c.now.claim);
    best.push(c.now.best);
  }
  while (i < n) keep();
  return { ids, claims, best, remap, shortOf };
}

type Delta = { add: number[]; del: number[] };

/** Calls `only(t, side)` for each term in one of two strictly increasing lists but not the other (side 0: the first); fails on a list out of order. */
function sortedDiff(a: readonly string[], b: readonly string[], only: (t: string, side: 0 | 1) => void): void {
  if (!Array.isArray(a) || !Array.isArray(b)) fail();
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if ((i > 0 && i < a.length && !(a[i - 1]! < a[i]!)) || (j > 0 && j < b.length && !(b[j - 1]! < b[j]!))) fail();
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) only(a[i++]!, 0);
    else if (i >= a.length || b[j]! < a[i]!) only(b[j++]!, 1);
    else [i, j] = [i + 1, j + 1];
  }
}

/** Per term, the documents (new short ids, increasing) that gained it and those that lost it but stay. */
function postingDeltas(changes: readonly ClaimChange[], shortOf: ReadonlyMap<string, number>): Map<string, Delta> {
  const deltas = new Map<string, Delta>();
  const at = (t: string) => deltas.get(t) ?? deltas.set(t, { add: [], del: [] }).get(t)!;
  for (const c of changes) {
    if (!c.now) continue; // a removed claim's documents go with the remapping
    const doc = shortOf.get(c.id)!;
    sortedDiff(c.now.terms, c.was?.terms ?? [], (t, side) => (side === 0 ? at(t).add : at(t).del).push(doc));
  }
  return deltas;
}

/** A sorted list of documents without those of `del` (each must be there) and with those of `add` (none may be), both increasing. */
function applyDelta(docs: Docs, { add, del }: Delta): Docs {
  const out: number[] = [];
  let [a, d] = [0, 0];
  for (const doc of docs) {
    for (; a < add.length && add[a]! < doc; a++) out.push(add[a]!);
    if (a < add.length && add[a] === doc) fail();
    if (d < del.length && del[d] === doc) d++;
    else out.push(doc);
  }
  for (; a < add.length; a++) out.push(add[a]!);
  if (d !== del.length) fail();
  return out;
}

/** The postings renumbered in place (the base's lists are changed), without the terms no document holds any more. */
function renumbered(terms: PostingsData['terms'], remap: Int32Array): PostingsData['terms'] {
  let emptied = false;
  for (const [, docs] of terms) {
    let w = 0;
    for (let r = 0; r < docs.length; r++) {
      const to = remap[docs[r]!] ?? -1;
      if (to >= 0) docs[w++] = to;
    }
    docs.length = w;
    emptied ||= w === 0;
  }
  return emptied ? terms.filter(([, docs]) => docs.length > 0) : terms;
}

/** The postings with the documents renumbered (when claims were added or removed) and the changed claims' terms moved. */
function mergeTerms(base: CheckCache, changes: readonly ClaimChange[], remap: Int32Array | null, shortOf: ReadonlyMap<string, number>): PostingsData['terms'] {
  const terms = remap ? renumbered(base.postings.terms, remap) : base.postings.terms;
  return mergeSorted(terms, postingDeltas(changes, shortOf), (docs: Docs | undefined, delta: Delta) => {
    const out = applyDelta(docs ?? [], delta);
    return out.length > 0 ? out : null;
  });
}

/** The term frequencies with the changed claims' sentences counted as they are now. */
function mergeDf(base: CheckCache, changes: readonly ClaimChange[]): CheckCache['df'] {
  const deltas = new Map<string, number>();
  for (const c of changes) {
    for (const t of c.was?.df ?? []) deltas.set(t, (deltas.get(t) ?? 0) - 1);
    for (const t of c.now?.df ?? []) deltas.set(t, (deltas.get(t) ?? 0) + 1);
  }
  return mergeSorted(base.df, deltas, (n, d) => {
    const count = (n ?? 0) + d;
    if (count < 0) fail();
    return count > 0 ? count : null;
  });
}

/** The base with the changes (sorted by id) applied, or null when they do not fit it. The base is used up: its lists are reused, and changed. */
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
