/**
 * check's cache after a build (check/cache.ts). When the cache's journal was written for the claims the
 * build cache last saved (its claims key: a hash of their resolution keys, which state.json keeps beside
 * them, so that it is not worked out again from this build's claims), the claims this build
 * changed since then are known without reading the cache's base: those resolved in this build and those
 * gone. Their data then (records and index blocks in the build cache) and now are applied to that
 * journal, and only the journal is written, unless the claims changed since the base are too many
 * (cache/journal.ts journalAllows, with CHECK_JOURNAL_FRACTION); otherwise, and whenever anything does
 * not fit, the cache is written whole from every record and the finished index (outputs.ts).
 */
import type { BlobReader, Sink } from '../cache/blobs.js';
import { journalAllows } from '../cache/journal.js';
import { baseContentHash, readCheckJournal, writeCheckJournal } from '../check/cache.js';
import { composeChanges, type ClaimNow, type ClaimTerms } from '../check/merge.js';
import { RETRIEVAL_FIELDS } from '../check/postings.js';
import { cmp } from '../diagnostics.js';
import { FIELD_IDS } from '../index/render.js';
import { FIELDS } from '../index/terms.js';
import type { CacheView } from './cache-view.js';
import { int32View, type CachedClaim, type ClaimEntry } from './claims.js';
import { sha256Hex } from './digest.js';
import { writeCheckCacheOf, type OutputModel } from './outputs.js';
import { recordAt, recordOf, textOf, type RecordBytes } from './record.js';

/**
 * The journal may hold JOURNAL_MIN_ENTRIES changed claims plus this fraction of the base's, fewer than the
 * build cache's journals (JOURNAL_FRACTION): every check merges it (about 0.1 ms per changed claim at
 * 10,000 claims), while writing the base whole again costs a build about 130 ms.
 */
export const CHECK_JOURNAL_FRACTION = 0.02;

const F = FIELDS.length;
const RETRIEVAL = new Set(RETRIEVAL_FIELDS.map((f) => FIELD_IDS[f]!));

/** What the journal is made from, besides the outputs' model. */
export interface CheckCacheInput {
  /** The claims of this build, sorted by id. */
  entries: readonly ClaimEntry[];
  /** Their claims key (claimsKeyOf). */
  claimsKey: string;
  /** The build cache as this build found it (the claims of the last build it saved, and their claims key). */
  view: CacheView;
  /** The index dictionary (the cache's, with this build's words appended). */
  words: readonly string[];
  /** This build's records, and where its index blocks went. */
  freshRecords: BlobReader | null;
  freshTerms: Sink | null;
}

/** What identifies a list of resolved claims in id order: a hash of their resolution keys (a key covers the claim file's content, so its id). */
export function claimsKeyOf(keys: readonly string[]): string {
  return sha256Hex(keys.join('\n'));
}

/** A claim this build changed since the last build the build cache saved: resolved in this build, or gone. */
interface Changed {
  id: string;
  /** The claim in the last build (null: added). */
  old: CachedClaim | null;
  now: ClaimEntry | null;
}

/**
 * The claims changed between the last build's claims and this build's, walking both in id order (a claim
 * kept has the same key object on both sides, so runs of kept claims compare no ids); null when the
 * last build's are not in id order (a kept claim is then met out of step, or an id twice).
 */
function walkChanges(before: readonly CachedClaim[], entries: readonly ClaimEntry[]): Changed[] | null {
  const out: Changed[] = [];
  let [i, j] = [0, 0];
  while (i < before.length || j < entries.length) {
    const [b, e] = [before[i], entries[j]];
    if (b && e && b.key === e.key) [i, j] = [i + 1, j + 1];
    else if (e && (!b || e.id < b.id)) {
      if (!e.fresh) return null;
      out.push({ id: e.id, old: null, now: entries[j++]! });
    } else if (!e || b!.id < e.id) out.push({ id: b!.id, old: before[i++]!, now: null });
    else {
      if (!e.fresh) return null;
      out.push({ id: e.id, old: before[i++]!, now: entries[j++]! });
    }
  }
  return new Set(out.map((c) => c.id)).size === out.length ? out : null;
}

/** The claims this build changed since the last build the build cache saved (whose claims are `view.claims`, usually in id order). */
function changedClaims(view: CacheView, entries: readonly ClaimEntry[]): Changed[] {
  const before = [...view.claims.values()];
  return walkChanges(before, entries) ?? walkChanges(before.sort((a, b) => cmp(a.id, b.id)), entries)!;
}

/** A claim's terms, from its record and its index block. */
function termsOf(record: RecordBytes, block: Uint8Array, words: readonly string[]): ClaimTerms {
  const b = int32View(block);
  const terms = new Set<string>();
  for (let i = F; i < b.length; i += 2) {
    if (!RETRIEVAL.has(b[i + 1]! % F)) continue;
    const word = words[b[i]!];
    if (word === undefined) throw new Error('claimkb: an index block refers to an unknown word');
    terms.add(word);
  }
  return { terms: [...terms].sort(cmp), df: textOf(record.terms).split(' ').filter(Boolean) };
}

/** The journal for this build when it can be written instead of the whole cache, else null. */
function journalOf(out: string, contentHash: string, input: CheckCacheInput, freshTerms: () => BlobReader) {
  const { view, words, entries, claimsKey } = input;
  const journal = readCheckJournal(out);
  // not after a build that saved the build cache without writing this journal (a failed build), or the reverse (a killed one)
  if (!view.records || !view.terms || !journal || journal.claimsKey === null || journal.claimsKey !== view.state?.claimsKey) return null;
  if (baseContentHash(out) !== journal.base) return null;
  const changed = changedClaims(view, entries);
  const journaled = new Set(journal.changes.map((c) => c.id));
  const atLeast = changed.filter((c) => c.now || !journaled.has(c.id)).length;
  if (!journalAllows(atLeast, journal.baseClaims, CHECK_JOURNAL_FRACTION)) return null;
  const [records, blocks] = [view.records, view.terms];
  const nowOf = (e: ClaimEntry): ClaimNow => {
    const record = recordOf(e, records, input.freshRecords);
    const terms = termsOf(record, (e.fresh ? freshTerms() : blocks).read(e.terms), words);
    return { ...terms, claim: JSON.parse(textOf(record.check)), best: JSON.parse(textOf(record.best)) };
  };
  const built = changed.map((c) => ({
    id: c.id,
    old: () => (c.old ? termsOf(recordAt(records, c.old.record), blocks.read(c.old.terms), words) : null),
    now: c.now ? nowOf(c.now) : null,
  }));
  const changes = composeChanges(journal.changes, built);
  return journalAllows(changes.length, journal.baseClaims, CHECK_JOURNAL_FRACTION) ? { ...journal, contentHash, claimsKey, changes } : null;
}

/** Writes check's cache for this build: only its journal when it can, else whole (best effort, like check itself). */
export function saveCheckCache(out: string, m: OutputModel, input: CheckCacheInput): void {
  let reader: BlobReader | null = null;
  const freshTerms = () => {
    reader ??= input.freshTerms?.reader() ?? null;
    if (!reader) throw new Error('claimkb: internal: this build kept no index blocks');
    return reader;
  };
  try {
    const journal = journalOf(out, m.contentHash, input, freshTerms);
    if (journal) return writeCheckJournal(out, journal);
  } catch {
    // anything that does not fit, or a journal that cannot be written: the cache is written whole
  } finally {
    (reader as BlobReader | null)?.close();
  }
  writeCheckCacheOf(out, m, input.claimsKey);
}
