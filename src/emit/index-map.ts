/**
 * Renders index.map.json (search/index-map-format.ts) from a finished index and the layout of the
 * index.json rendered from it.
 */
import type { FinishedIndex } from '../index/builder.js';
import { OPTIONS_HASH } from '../index/options.js';
import { averageFieldLengths, FIELD_IDS, type IndexLayout } from '../index/render.js';
import { INDEX_MAP_FORMAT, INDEX_MAP_VERSION, type IndexMapData } from '../search/index-map-format.js';
import { SCHEMA_VERSION, TOOL_VERSION } from '../version.js';

/** The map of an index.json of `bytes` bytes, with checksum `sha`, whose parts are where `layout` says. */
export function indexMapJson(fin: FinishedIndex, contentHash: string, { bytes: indexBytes, sha, layout }: { bytes: number; sha: string; layout: IndexLayout }): string {
  const data: IndexMapData = {
    schemaVersion: SCHEMA_VERSION,
    format: INDEX_MAP_FORMAT,
    formatVersion: INDEX_MAP_VERSION,
    toolVersion: TOOL_VERSION,
    optionsHash: OPTIONS_HASH,
    contentHash,
    indexBytes,
    indexSha256: sha,
    documentCount: fin.docs.length,
    fieldIds: { ...FIELD_IDS },
    averageFieldLength: averageFieldLengths(fin.docs),
    documentIds: layout.documentIds,
    fieldLength: layout.fieldLength,
    storedFields: layout.storedFields,
    words: Array.from(fin.order, (id) => fin.words[id]!),
    postings: layout.postings,
    stored: layout.stored,
  };
  return `${JSON.stringify(data)}\n`;
}
