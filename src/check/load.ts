/**
 * Opens a knowledge base for check: the prebuilt index.json and claims.json when they are fresh (read
 * through the check cache, cache.ts, when it fits), otherwise one build in memory (whose index is the
 * same as `claimkb build` would write), with the reason so the CLI can say so on stderr.
 */
import { readCommitted } from '../emit/committed.js';
import { INDEX_FILE } from '../emit/names.js';
import { staleness, type FreshnessOptions } from '../search/staleness.js';
import { cmp } from '../diagnostics.js';
import { claimFrequencies, prepareKb, type CheckKb, type ClaimInput } from './kb.js';
import { indexContentHash, readCheckCache, writeCheckCache } from './cache.js';
import { parseIndexData, Postings } from './postings.js';
import { stepDone } from '../timings.js';

/** A prepared knowledge base and why it was built in memory (null when the prebuilt outputs were used). */
export interface OpenedKb {
  kb: CheckKb;
  rebuilt: string | null;
}

function read(out: string, name: string): string | null {
  try {
    return readCommitted(out, name);
  } catch {
    return null;
  }
}

/** Reads index.json and claims.json in full, and refreshes the cache from them. */
function readOutputs(out: string, contentHash: string): CheckKb | string {
  const indexText = read(out, INDEX_FILE);
  const claimsText = read(out, 'claims.json');
  if (indexText === null || claimsText === null) return `${indexText === null ? INDEX_FILE : 'claims.json'} is missing from ${out}`;
  const loaded = parseIndexData(indexText);
  if (!loaded.ok) return loaded.reason;
  let data: { claims?: ClaimInput[]; contentHash?: string };
  try {
    data = JSON.parse(claimsText) as typeof data;
  } catch (error) {
    return `claims.json is not valid JSON (${(error as Error).message})`;
  }
  if (!Array.isArray(data.claims)) return 'claims.json holds no claims';
  if (data.contentHash !== loaded.contentHash || loaded.contentHash !== contentHash) return 'claims.json and index.json come from different builds';
  const postings = Postings.fromIndex(loaded.data);
  const df = claimFrequencies(data.claims);
  writeCheckCache(out, contentHash, { postings: postings.data, claims: data.claims, df: [...df].sort((a, b) => cmp(a[0], b[0])) });
  return prepareKb(postings, data.claims, df);
}

/** Opens the fresh prebuilt outputs (through the cache when it fits), or returns why they cannot be used. */
function readPrebuilt(root: string, out: string, options: FreshnessOptions): CheckKb | string {
  const stale = staleness(root, out, options);
  stepDone('staleness check: stat the content files');
  if (stale) return stale;
  const contentHash = indexContentHash(out);
  if (contentHash === null) return `${INDEX_FILE} is missing from ${out} or has no content hash`;
  const cached = readCheckCache(out, contentHash);
  stepDone("reading check's cache");
  if (cached) return prepareKb(new Postings(cached.postings), cached.claims, new Map(cached.df));
  return readOutputs(out, contentHash);
}

/**
 * Opens the knowledge base under `root` with its outputs in `out`; when they cannot be used, builds
 * what check reads in memory, with the build cache of `out` (read only: only what changed since the
 * last build is resolved again).
 */
export async function openCheckKb(root: string, out: string, options: FreshnessOptions = {}): Promise<OpenedKb> {
  const prebuilt = readPrebuilt(root, out, options);
  if (typeof prebuilt !== 'string') return { kb: prebuilt, rebuilt: null };
  const { checkDataInMemory } = await import('../build.js');
  const data = await checkDataInMemory(root, out);
  return { kb: prepareKb(new Postings(data.postings), data.claims, new Map(data.df)), rebuilt: prebuilt };
}
