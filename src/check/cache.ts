/**
 * A cache of what check reads, beside the build's outputs: the postings of the claim and quote
 * fields of index.json and the claims' sentences, verdicts, flags, appearances and supporting
 * evidence. index.json and claims.json also hold every claim body, so on a large knowledge base
 * parsing them costs most of a check (about 0.9 s for 10,000 claims); the cache is a fraction of that.
 * It lives in `<out>/.cache/` (like the build's staleness stamp) as a base, `check.json` (the data of
 * one build, keyed by its content hash and the index options), and a journal, `check.journal.json`
 * (the claims changed since the base, merge.ts, keyed by the content hash of the build it brings the
 * base to), so that a build that changed few claims rewrites only the journal (engine/check-journal.ts).
 * Both are written atomically and only on a best-effort basis, and never change a result: a base and
 * journal that do not fit each other or the outputs are ignored, and the same data is read either way.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { journalFile, readHeaded } from '../cache/journal.js';
import { committedPaths } from '../emit/committed.js';
import { writeBuffered } from '../emit/buffered.js';
import { replaceFile } from '../emit/replace.js';
import { ByteWriter } from '../index/bytes.js';
import { INDEX_FILE } from '../emit/names.js';
import { OPTIONS_HASH } from '../index/options.js';
import type { ClaimInput } from './kb.js';
import { mergeCheckCache, type ClaimChange } from './merge.js';
import type { PostingsData } from './postings.js';

const COMMA = 0x2c;

/** Where the cache's base lives, relative to the output folder. */
export const CHECK_CACHE_FILE = '.cache/check.json';
/** Where its journal lives, relative to the output folder. */
export const CHECK_JOURNAL_FILE = '.cache/check.journal.json';
/** Bumped whenever the cache's shape or the way it is derived changes. */
export const CHECK_CACHE_VERSION = 3;

/** The cached data. */
export interface CheckCache {
  postings: PostingsData;
  claims: ClaimInput[];
  /** Term frequencies over the claim sentences (kb.ts claimFrequencies), sorted by term. */
  df: Array<[string, number]>;
}

/** The journal: the claims changed since the base, and the build it brings the base to. */
export interface CheckJournal {
  /** The content hash of the base it applies to. */
  base: string;
  /** The content hash of the build whose data base and journal make. */
  contentHash: string;
  /** What identifies that build's resolved claims to the build cache (null when unknown: check wrote the cache). */
  claimsKey: string | null;
  /** How many claims the base holds. */
  baseClaims: number;
  /** Sorted by id. */
  changes: ClaimChange[];
}

/** What both files start with. */
const HEADER = { version: CHECK_CACHE_VERSION, optionsHash: OPTIONS_HASH };

const strings = (a: unknown) => Array.isArray(a) && a.every((t) => typeof t === 'string');
const termsOk = (t: Partial<ClaimChange['was']> | null) => t === null || (typeof t === 'object' && strings(t.terms) && strings(t.df));
const changeOk = (c: Partial<ClaimChange> | null) =>
  typeof c?.id === 'string' && termsOk(c.was ?? null) && termsOk(c.now ?? null) && (!c.now || (typeof c.now.claim === 'object' && c.now.claim !== null && 'best' in c.now));

/** The journal of the cache in `out`, or null when it is missing, damaged or of another version. */
export function readCheckJournal(out: string): CheckJournal | null {
  const j = readHeaded(journalFile(path.join(out, '.cache'), 'check'), HEADER) as Partial<CheckJournal> | null;
  const ok =
    j !== null && typeof j.base === 'string' && typeof j.contentHash === 'string' && (j.claimsKey === null || typeof j.claimsKey === 'string') &&
    Number.isInteger(j.baseClaims) && Array.isArray(j.changes) && j.changes.every(changeOk);
  return ok ? (j as CheckJournal) : null;
}

/** The first bytes of a file as text (at most `max`); null when it cannot be read. */
function readHead(file: string, max: number): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(max);
    return head.subarray(0, readSync(fd, head, 0, max, 0)).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The content hash in the header of `<out>/index.json`, read from its first bytes only; null when unreadable. */
export function indexContentHash(out: string): string | null {
  for (const file of committedPaths(out, INDEX_FILE)) {
    const head = readHead(file, 2048); // null: moved into place meanwhile (try the next path), or missing
    if (head !== null) return /"contentHash":"([0-9a-f]+)"/.exec(head)?.[1] ?? null;
  }
  return null;
}

/** The content hash of the cache's base, read from its header only, when the base is of this version; else null. */
export function baseContentHash(out: string): string | null {
  const head = readHead(path.join(out, CHECK_CACHE_FILE), 512);
  const end = head?.indexOf(',"postings":') ?? -1;
  try {
    const h = end > 0 ? (JSON.parse(`${head!.slice(0, end)}}`) as Record<string, unknown>) : null;
    return h && h.version === HEADER.version && h.optionsHash === HEADER.optionsHash && typeof h.contentHash === 'string' ? h.contentHash : null;
  } catch {
    return null;
  }
}

/** The cache for the build with `contentHash` (base and journal merged), or null when it is missing, stale or unreadable. */
export function readCheckCache(out: string, contentHash: string): CheckCache | null {
  const journal = readCheckJournal(out);
  if (!journal || journal.contentHash !== contentHash) return null;
  const data = readHeaded(path.join(out, CHECK_CACHE_FILE), HEADER) as (Partial<CheckCache> & { contentHash?: unknown }) | null;
  if (!data || journal.base !== data.contentHash) return null;
  const whole = Array.isArray(data.claims) && Array.isArray(data.postings?.terms) && Array.isArray(data.postings.ids) && Array.isArray(data.postings.best) && Array.isArray(data.df);
  return whole ? mergeCheckCache({ postings: data.postings!, claims: data.claims!, df: data.df! }, journal.changes) : null;
}

/** Only what check reads of a claim (what the cache keeps). */
export function slimClaim(c: ClaimInput): ClaimInput {
  return {
    id: c.id,
    claim: c.claim,
    verdict: c.verdict,
    flags: [...c.flags],
    appearances: c.appearances.map((a) => ({ quote: a.quote })),
    evidence: c.evidence.filter((e) => e.stance === 'supports').map((e) => ({ quote: e.quote, stance: e.stance })),
  };
}

/** The cache as one file (the base of an empty journal) holds it. */
export function checkCacheJson(contentHash: string, cache: CheckCache): string {
  return JSON.stringify({ ...HEADER, contentHash, postings: cache.postings, claims: cache.claims.map(slimClaim), df: cache.df });
}

/** Writes the cache whole, base then an empty journal, atomically; failures (a read-only folder) are ignored, since the cache is only an optimization. */
export function writeCheckCache(out: string, contentHash: string, cache: CheckCache): void {
  try {
    replaceFile(path.join(out, CHECK_CACHE_FILE), checkCacheJson(contentHash, cache));
    writeCheckJournal(out, { base: contentHash, contentHash, claimsKey: null, baseClaims: cache.claims.length, changes: [] });
  } catch {
    // best effort
  }
}

/** Replaces the journal atomically (throws when it cannot). */
export function writeCheckJournal(out: string, journal: CheckJournal): void {
  replaceFile(path.join(out, CHECK_JOURNAL_FILE), JSON.stringify({ ...HEADER, ...journal }));
}

/** The cache's parts, each claim and each best quote already as JSON bytes (the build keeps them so). */
export interface CheckCacheParts {
  ids: string[];
  terms: PostingsData['terms'];
  /** JSON of each document's best quote (or null), by short id. */
  best: () => Iterable<Uint8Array>;
  /** JSON of each claim's slimClaim, in id order. */
  claims: () => Iterable<Uint8Array>;
  df: Array<[string, number]>;
  /** The build's claims key (see CheckJournal). */
  claimsKey: string | null;
}

function writeList(w: ByteWriter, items: Iterable<Uint8Array>): void {
  let first = true;
  for (const item of items) {
    if (!first) w.byte(COMMA);
    first = false;
    w.bytes(item);
  }
}

/** Writes the cache whole from parts, the base streamed (the same bytes writeCheckCache writes for the same data), then an empty journal. */
export function writeCheckCacheParts(out: string, contentHash: string, p: CheckCacheParts): void {
  const file = path.join(out, CHECK_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      writeBuffered(fd, (write) => {
        const w = new ByteWriter(write, false);
        w.text(`${JSON.stringify({ ...HEADER, contentHash }).slice(0, -1)},"postings":{"ids":${JSON.stringify(p.ids)},"terms":[`);
        p.terms.forEach(([term, docs], i) => {
          w.text(`${i ? ',' : ''}[${JSON.stringify(term)},[`);
          docs.forEach((d, k) => (k ? (w.byte(COMMA), w.int(d)) : w.int(d)));
          w.text(']]');
        });
        w.text('],"best":[');
        writeList(w, p.best());
        w.text(']},"claims":[');
        writeList(w, p.claims());
        w.text(`],"df":${JSON.stringify(p.df)}}`);
        w.flush();
      });
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    writeCheckJournal(out, { base: contentHash, contentHash, claimsKey: p.claimsKey, baseClaims: p.ids.length, changes: [] });
  } catch {
    rmSync(tmp, { force: true }); // best effort: the cache is only an optimization
  }
}
