/**
 * The build cache as one build sees it: digests by content key, resolved claims by resolution key, the
 * index dictionary, and the blob files (verified: a blob file whose size or hash differs from what the
 * state recorded makes every cached claim unusable, though the digests, kept in state.json, still are).
 */
import { BlobSource } from '../cache/blobs.js';
import { cacheDir, readBuildState, type BuildState } from '../cache/state.js';
import type { CachedClaim } from './claims.js';
import { contentKey, type FileDigest } from './digest.js';

/** What a build reads from the cache. */
export interface CacheView {
  digests: Map<string, FileDigest>;
  claims: Map<string, CachedClaim>;
  words: string[];
  fragments: BlobSource | null;
  terms: BlobSource | null;
  state: BuildState | null;
}

/** An empty cache (a build from scratch). */
export function emptyCache(): CacheView {
  return { digests: new Map(), claims: new Map(), words: [], fragments: null, terms: null, state: null };
}

/** Opens the cache of `out` for `root`; anything unusable is left out. */
export function openCache(out: string, root: string): CacheView {
  const state = readBuildState(out, root);
  if (!state) return emptyCache();
  const view = emptyCache();
  view.state = state;
  for (const d of state.digests) view.digests.set(contentKey(d), d);
  const dir = cacheDir(out);
  const fragments = new BlobSource(dir, state.fragments);
  const terms = new BlobSource(dir, state.terms);
  if (fragments.verify() && terms.verify()) {
    view.fragments = fragments;
    view.terms = terms;
    view.words = state.words;
    for (const c of state.claims) view.claims.set(c.key, c);
  } else {
    fragments.close();
    terms.close();
  }
  return view;
}

/** Closes the cache's blob files. */
export function closeCache(view: CacheView): void {
  view.fragments?.close();
  view.terms?.close();
}
