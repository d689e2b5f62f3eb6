/**
 * The index map (`index.map.json` in the output folder): where each part of index.json is, so that
 * `claimkb search` reads only what a query needs. MiniSearch ranks a query with the postings of the
 * terms the query reaches (exact, prefix and fuzzy matches), the number of documents and the field
 * lengths; a MiniSearch loaded with only those postings ranks exactly as the full index (a test proves
 * it). The map lists the index's terms (sorted) with the byte range of each one's postings in
 * index.json, and the byte ranges of `documentIds`, `fieldLength`, `storedFields` and of each
 * document's stored fields. It is only trusted for the index.json whose size, content hash and checksum it records, and
 * only while that file is the one the build wrote (index-trust.ts).
 */

/** The map's file name in the output folder. */
export const INDEX_MAP_FILE = 'index.map.json';
/** The map's `format` stamp. */
export const INDEX_MAP_FORMAT = 'claimkb-index-map';
/** Bumped whenever the map's layout changes. */
export const INDEX_MAP_VERSION = 1;

/** A byte range [start, end) in index.json. */
export type Range = [number, number];

/** index.map.json. */
export interface IndexMapData {
  schemaVersion: number;
  format: typeof INDEX_MAP_FORMAT;
  formatVersion: number;
  toolVersion: string;
  optionsHash: string;
  contentHash: string;
  /** The size of index.json in bytes. */
  indexBytes: number;
  /** The `indexSha256` of that index.json's header. */
  indexSha256: string;
  documentCount: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  documentIds: Range;
  fieldLength: Range;
  storedFields: Range;
  /** The index's terms, sorted. */
  words: string[];
  /** For each term, the start and end of its postings: start, end, start, end, … */
  postings: number[];
  /** For each document (by short id), the start and end of its stored fields. */
  stored: number[];
}
