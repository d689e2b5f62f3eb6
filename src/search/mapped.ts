/**
 * Search through the index map (index-map-format.ts): for a query, only the postings of the terms it
 * reaches are read from index.json and loaded into a MiniSearch with the same options, document count
 * and field lengths (partial.ts); it ranks exactly as the whole index would (a test proves it).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { committedPaths } from '../emit/committed.js';
import { readFully } from '../read-fully.js';
import { INDEX_KEY } from '../index/check-index.js';
import { INDEX_FORMAT, INDEX_FILE } from '../index/index-file.js';
import { OPTIONS_HASH } from '../index/options.js';
import { INDEX_FORMAT_VERSION, TOOL_VERSION } from '../version.js';
import { isTrusted, readIndexTrust, type FileFingerprint } from './index-trust.js';
import { INDEX_MAP_FILE, INDEX_MAP_FORMAT, INDEX_MAP_VERSION, type IndexMapData, type Range } from './index-map-format.js';
import { searchParts, type IndexParts } from './partial.js';
import type { SearchOutcome, SearchQuery } from './search.js';

/** The first bytes of index.json hold its header. */
const HEAD_BYTES = 4096;

/** A prebuilt index opened through its map. */
export class MappedIndex {
  private constructor(private readonly fd: number, private readonly map: IndexMapData) {}

  /**
   * Opens `<out>/index.json` through `<out>/index.map.json`. Returns null when either is not the file
   * the build wrote (index-trust.ts), a commit is being moved into place, or the map does not describe
   * this index.json: the caller then reads index.json whole, which verifies it and explains any problem.
   */
  static open(out: string): MappedIndex | null {
    if (committedPaths(out, INDEX_FILE).length > 1) return null;
    const trust = readIndexTrust(out);
    if (!trust.has(INDEX_FILE)) return null;
    let fd: number | null = null;
    try {
      fd = openSync(path.join(out, INDEX_FILE), 'r');
      const map = isTrusted(trust, INDEX_FILE, fd) ? readMap(out, trust) : null;
      if (map && describes(map, readHeader(fd), fstatSync(fd).size)) return new MappedIndex(fd, map);
    } catch {
      // unusable: fall through
    }
    if (fd !== null) closeSync(fd);
    return null;
  }

  /** Closes index.json. */
  close(): void {
    closeSync(this.fd);
  }

  private read([start, end]: Range): string {
    const buf = Buffer.allocUnsafe(end - start);
    if (readFully(this.fd, buf, start) < buf.length) throw new Error('claimkb: index.json is shorter than its map says');
    return buf.toString('utf8');
  }

  private readJson<T>(range: Range): T {
    return JSON.parse(this.read(range)) as T;
  }

  /** Runs a query as searchIndex does on the whole index, with the same results (partial.ts). */
  search(q: SearchQuery): SearchOutcome {
    const { map } = this;
    const parts: IndexParts = {
      words: map.words,
      documentCount: map.documentCount,
      fieldIds: map.fieldIds,
      averageFieldLength: map.averageFieldLength,
      postings: (rank) => this.readJson(map.postings.slice(2 * rank, 2 * rank + 2) as Range),
      documentIds: () => this.readJson(map.documentIds),
      fieldLength: () => this.readJson(map.fieldLength),
      storedFields: () => this.readJson(map.storedFields),
      stored: (short) => this.readJson(map.stored.slice(2 * short, 2 * short + 2) as Range),
    };
    return searchParts(parts, q);
  }
}

/** The header fields of index.json (its first bytes), or null when they are not a claimkb index's of this version. */
function readHeader(fd: number): { contentHash: string; indexSha256: string } | null {
  const buf = Buffer.alloc(HEAD_BYTES);
  const text = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0)).toString('utf8');
  const end = text.indexOf(`,${INDEX_KEY}`);
  if (end < 0) return null;
  const head = JSON.parse(`${text.slice(0, end)}}`) as Record<string, unknown>;
  const ok = head.format === INDEX_FORMAT && head.formatVersion === INDEX_FORMAT_VERSION && head.optionsHash === OPTIONS_HASH && head.toolVersion === TOOL_VERSION;
  return ok && typeof head.contentHash === 'string' && typeof head.indexSha256 === 'string' ? { contentHash: head.contentHash, indexSha256: head.indexSha256 } : null;
}

/** The index map, when it is the file the build wrote. */
function readMap(out: string, trust: ReadonlyMap<string, FileFingerprint>): IndexMapData | null {
  const fd = openSync(path.join(out, INDEX_MAP_FILE), 'r');
  try {
    return isTrusted(trust, INDEX_MAP_FILE, fd) ? (JSON.parse(readFileSync(fd, 'utf8')) as IndexMapData) : null;
  } finally {
    closeSync(fd);
  }
}

/** True when `map` describes the index.json with header `head` and `size` bytes. */
function describes(map: IndexMapData, head: { contentHash: string; indexSha256: string } | null, size: number): boolean {
  const fits = map.format === INDEX_MAP_FORMAT && map.formatVersion === INDEX_MAP_VERSION && map.optionsHash === OPTIONS_HASH && map.toolVersion === TOOL_VERSION;
  const same = head !== null && map.contentHash === head.contentHash && map.indexSha256 === head.indexSha256 && map.indexBytes === size;
  return fits && same && Array.isArray(map.words) && map.postings?.length === 2 * map.words.length;
}
