/**
 * Opens the prebuilt outputs for search, show and report. An index that is missing, stale (the
 * content files changed since the build), from another version or corrupted is replaced by one built
 * in memory, and the reason is returned so the CLI can say so on stderr. Only the fallback loads remark.
 */
import { readCommitted } from '../emit/committed.js';
import type MiniSearch from 'minisearch';
import { INDEX_FILE, parseIndexFile } from '../index/index-file.js';
import type { SearchDoc } from '../index/options.js';
import { MappedIndex } from './mapped.js';
import { searchParts } from './partial.js';
import { searchIndex, type SearchOutcome, type SearchQuery } from './search.js';
import { staleness, type FreshnessOptions } from './staleness.js';
import { stepDone } from '../timings.js';

/** An index ready to query, and why it had to be rebuilt in memory (null when the prebuilt one was used). */
export interface OpenedIndex {
  index: MiniSearch<SearchDoc>;
  rebuilt: string | null;
}

/**
 * Reads output files (as of the last commit) when the outputs are fresh, checking freshness once for
 * all of them; otherwise returns the reason.
 */
export function readFresh(root: string, out: string, names: readonly string[], options: FreshnessOptions = {}): { texts: string[] } | { reason: string } {
  const reason = staleness(root, out, options);
  return reason ? { reason } : readOutputs(out, names);
}

/** Reads output files as of the last commit, or says which one is missing. */
function readOutputs(out: string, names: readonly string[]): { texts: string[] } | { reason: string } {
  const texts: string[] = [];
  for (const name of names) {
    try {
      texts.push(readCommitted(out, name));
    } catch {
      return { reason: `${name} is missing from ${out}` };
    }
  }
  return { texts };
}

/** index.json read whole and verified, or why it cannot be used. */
function wholeIndex(out: string): { ok: true; index: MiniSearch<SearchDoc> } | { ok: false; reason: string } {
  const read = readOutputs(out, [INDEX_FILE]);
  return 'texts' in read ? parseIndexFile(read.texts[0]!) : { ok: false, reason: read.reason };
}

/**
 * The prebuilt index in `out` when `reason` (why the outputs are not fresh) is null and index.json
 * reads whole and verifies; otherwise an index built in memory (with the build cache of `out`, read
 * only), with why.
 */
async function indexFor(root: string, out: string, reason: string | null): Promise<OpenedIndex> {
  const loaded = reason === null ? wholeIndex(out) : { ok: false as const, reason };
  if (loaded.ok) return { index: loaded.index, rebuilt: null };
  const { indexInMemory, loadFinishedIndex } = await import('../build.js');
  return { index: loadFinishedIndex(await indexInMemory(root, out)), rebuilt: loaded.reason };
}

/** Opens the prebuilt index of `root` in `out`, or builds one in memory and says why. */
export function openIndex(root: string, out: string): Promise<OpenedIndex> {
  return indexFor(root, out, staleness(root, out));
}

/**
 * Runs one query on the prebuilt outputs of `root` in `out`: through the index map when it fits (only
 * the postings the query reaches are read), else on index.json read whole, else on an index built in
 * memory with the build cache of `out` (and then says why). The hits are the same either way;
 * freshness is checked once (not at all with `assumeFresh`).
 */
export async function searchOutputs(root: string, out: string, q: SearchQuery, options: FreshnessOptions = {}): Promise<{ outcome: SearchOutcome; rebuilt: string | null }> {
  let reason = staleness(root, out, options);
  stepDone('staleness check: stat the content files');
  if (reason === null) {
    const mapped = MappedIndex.open(out);
    try {
      if (mapped) {
        const outcome = mapped.search(q);
        stepDone('opening the index map and searching');
        return { outcome, rebuilt: null };
      }
    } catch {
      // index.json does not hold what its map says: read it whole below, which reports the problem
    } finally {
      mapped?.close();
    }
    const whole = wholeIndex(out);
    if (whole.ok) return { outcome: searchIndex(whole.index, q), rebuilt: null };
    reason = whole.reason;
  }
  return { outcome: await searchInMemory(root, out, q), rebuilt: reason };
}

/**
 * Runs a query on an index built in memory with the build cache of `out` (read only), so that a search
 * after editing a few claims resolves only those: through the parts the query needs, as search through
 * the map does (partial.ts), without loading the whole index into MiniSearch.
 */
async function searchInMemory(root: string, out: string, q: SearchQuery): Promise<SearchOutcome> {
  const [{ indexInMemory }, { finishedParts }] = await Promise.all([import('../build.js'), import('./finished-parts.js')]);
  return searchParts(finishedParts(await indexInMemory(root, out)), q);
}
