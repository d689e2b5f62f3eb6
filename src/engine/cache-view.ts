/**
 * The build cache as one build sees it: digests by file (each of the kind and content hash it has),
 * resolved claims by resolution key, the index dictionary, the report totals, the last index's
 * snapshot, and the blob files (verified: a blob file whose size or hash differs from what the state
 * recorded makes every cached claim unusable, though the digests, kept in state.json, still are; then
 * the state is written whole next time).
 */
import { BlobSource } from '../cache/blobs.js';
import type { BlobPrefetch } from '../cache/prefetch.js';
import type { JournalBase } from '../cache/journal.js';
import { cacheDir, readBuildState, type BuildState } from '../cache/state.js';
import type { IndexSnapshot } from '../index/snapshot.js';
import type { ParsedClaim } from '../model.js';
import { totalsFromJson, type ReportTotals } from '../report/totals.js';
import type { CachedClaim } from './claims.js';
import { expandClaim, type FileDigest } from './digest.js';
import { readSnapshot } from './index-cache.js';

/** What a build reads from the cache. */
export interface CacheView {
  /** The digest of each file, by file (a file whose kind or content hash differs has none: phases.ts cachedDigest). */
  digests: Map<string, FileDigest>;
  claims: Map<string, CachedClaim>;
  words: string[];
  records: BlobSource | null;
  terms: BlobSource | null;
  /** The report totals over `claims` (null when the claims are not usable). */
  totals: ReportTotals | null;
  state: BuildState | null;
  /** The base of state.json's journal, when the blob files are usable (else state.json is written whole). */
  base: JournalBase | null;
  /** The last build's index, when the blob files and it are usable. */
  snapshot: IndexSnapshot | null;
}

/** An empty cache (a build from scratch). */
export function emptyCache(): CacheView {
  return { digests: new Map(), claims: new Map(), words: [], records: null, terms: null, totals: null, state: null, base: null, snapshot: null };
}

/** How the cache's blob files are read. */
export interface CacheReading {
  /** The blob files being read ahead (the caller disposes of it). */
  prefetch?: BlobPrefetch | undefined;
  /** True when few records will be read (claims.json is copied from the previous one): a records file trusted by its stat is then not read whole. */
  fewRecords?: boolean;
}

/**
 * Opens the cache of `out` for `root`; anything unusable is left out. `reparse` gives a cached claim's
 * positions when needed.
 */
export async function openCache(out: string, root: string, reparse: (file: string, hash: string) => ParsedClaim, { prefetch, fewRecords = false }: CacheReading = {}): Promise<CacheView> {
  const state = readBuildState(out, root);
  if (!state) return emptyCache();
  const view = emptyCache();
  view.state = state;
  for (const d of state.sources) view.digests.set(d.file, d);
  for (const c of state.claims) view.digests.set(c[0], expandClaim(c, reparse));
  const dir = cacheDir(out);
  const records = new BlobSource(dir, state.records);
  const terms = new BlobSource(dir, state.terms);
  const totals = totalsFromJson(state.totals);
  const read = await prefetch?.take([...state.records.map((f) => f.name), ...(state.index ? [state.index.name] : [])]);
  if (read) records.use(read);
  const snapshot = totals ? readSnapshot(dir, state.index, read) : null;
  if (totals && records.verify(fewRecords) && terms.verify(snapshot !== null)) {
    view.records = records;
    view.terms = terms;
    view.state = { ...state, records: [...records.files], terms: [...terms.files] }; // with the stat of the files hashed now
    view.words = state.words;
    view.totals = totals;
    view.base = state.base;
    view.snapshot = snapshot; // with it, few index blocks are read
    for (const c of state.resolved) view.claims.set(c.key, c);
  } else {
    records.close();
    terms.close();
  }
  return view;
}

/** Closes the cache's blob files. */
export function closeCache(view: CacheView): void {
  view.records?.close();
  view.terms?.close();
}
