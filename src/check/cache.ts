/**
 * A cache of what check reads, beside the build's outputs: the postings of the claim and quote
 * fields of index.json and the claims' sentences, verdicts, flags, appearances and supporting
 * evidence. index.json and claims.json also hold every claim body, so on a large knowledge base
 * parsing them costs most of a check (about 0.9 s for 10,000 claims); the cache is a fraction of that.
 * It is keyed by the build's content hash and the index options, lives in `<out>/.cache/` (like the
 * build's staleness stamp), is written atomically and only on a best-effort basis, and never changes
 * a result: the same data is read either way.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { committedPaths } from '../emit/committed.js';
import { writeBuffered } from '../emit/buffered.js';
import { replaceFile } from '../emit/replace.js';
import { ByteWriter } from '../index/bytes.js';
import { INDEX_FILE } from '../emit/names.js';
import { OPTIONS_HASH } from '../index/options.js';
import type { ClaimInput } from './kb.js';
import type { PostingsData } from './postings.js';

const COMMA = 0x2c;

/** Where the cache lives, relative to the output folder. */
export const CHECK_CACHE_FILE = '.cache/check.json';
/** Bumped whenever the cache's shape or the way it is derived changes. */
export const CHECK_CACHE_VERSION = 2;

/** The cached data. */
export interface CheckCache {
  postings: PostingsData;
  claims: ClaimInput[];
  /** Term frequencies over the claim sentences (kb.ts claimFrequencies), sorted by term. */
  df: Array<[string, number]>;
}

interface CacheFile extends CheckCache {
  version: number;
  optionsHash: string;
  contentHash: string;
}

/** The content hash in the header of `<out>/index.json`, read from its first bytes only; null when unreadable. */
export function indexContentHash(out: string): string | null {
  for (const file of committedPaths(out, INDEX_FILE)) {
    let fd: number | null = null;
    try {
      fd = openSync(file, 'r');
      const head = Buffer.alloc(2048);
      const n = readSync(fd, head, 0, head.length, 0);
      return /"contentHash":"([0-9a-f]+)"/.exec(head.subarray(0, n).toString('utf8'))?.[1] ?? null;
    } catch {
      // moved into place meanwhile (try the next path), or missing
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }
  return null;
}

/** The cache for the build with `contentHash`, or null when it is missing, stale or unreadable. */
export function readCheckCache(out: string, contentHash: string): CheckCache | null {
  try {
    const data = JSON.parse(readFileSync(path.join(out, CHECK_CACHE_FILE), 'utf8')) as CacheFile;
    const fits = data.version === CHECK_CACHE_VERSION && data.optionsHash === OPTIONS_HASH && data.contentHash === contentHash;
    const whole = Array.isArray(data.claims) && Array.isArray(data.postings?.terms) && Array.isArray(data.df);
    return fits && whole ? { postings: data.postings, claims: data.claims, df: data.df } : null;
  } catch {
    return null;
  }
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

/** Writes the cache atomically; failures (a read-only folder) are ignored, since the cache is only an optimization. */
export function writeCheckCache(out: string, contentHash: string, cache: CheckCache): void {
  const data: CacheFile = { version: CHECK_CACHE_VERSION, optionsHash: OPTIONS_HASH, contentHash, ...cache, claims: cache.claims.map(slimClaim) };
  writeCacheText(out, JSON.stringify(data));
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
}

function writeList(w: ByteWriter, items: Iterable<Uint8Array>): void {
  let first = true;
  for (const item of items) {
    if (!first) w.byte(COMMA);
    first = false;
    w.bytes(item);
  }
}

/** Writes the cache from parts, streamed: the same bytes writeCheckCache writes for the same data. */
export function writeCheckCacheParts(out: string, contentHash: string, p: CheckCacheParts): void {
  const file = path.join(out, CHECK_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      writeBuffered(fd, (write) => {
        const w = new ByteWriter(write, false);
        w.text(`${JSON.stringify({ version: CHECK_CACHE_VERSION, optionsHash: OPTIONS_HASH, contentHash }).slice(0, -1)},"postings":{"ids":${JSON.stringify(p.ids)},"terms":[`);
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
  } catch {
    rmSync(tmp, { force: true }); // best effort: the cache is only an optimization
  }
}

function writeCacheText(out: string, text: string): void {
  try {
    replaceFile(path.join(out, CHECK_CACHE_FILE), text);
  } catch {
    // best effort
  }
}
