/**
 * The serialized index (index.json): a header with format version, tool version and options hash,
 * then MiniSearch's JSON. Loading checks the header and never returns a wrong index in silence.
 */
import MiniSearch from 'minisearch';
import { cmp } from '../diagnostics.js';
import { SCHEMA_VERSION, INDEX_FORMAT_VERSION, TOOL_VERSION } from '../version.js';
import { INDEX_FORMAT, INDEX_KEY, parseIndexJson, sha256 } from './check-index.js';
import { MINISEARCH_OPTIONS, OPTIONS_HASH, type SearchDoc } from './options.js';

export { INDEX_FILE } from '../emit/names.js';
export { INDEX_FORMAT } from './check-index.js';

/** The header of index.json; `indexSha256` is the sha256 of the serialized index that follows it. */
export function indexHeader(contentHash: string, documentCount: number, indexSha256: string) {
  return {
    schemaVersion: SCHEMA_VERSION,
    format: INDEX_FORMAT,
    formatVersion: INDEX_FORMAT_VERSION,
    toolVersion: TOOL_VERSION,
    optionsHash: OPTIONS_HASH,
    contentHash,
    documentCount,
    indexSha256,
  };
}

/** Serializes an index with its header (terms sorted); `contentHash` identifies the knowledge base it was built from. */
export function serializeIndex(index: MiniSearch<SearchDoc>, contentHash: string): string {
  const data = index.toJSON();
  data.index.sort((a, b) => cmp(a[0], b[0]));
  const body = JSON.stringify(data);
  return `${JSON.stringify(indexHeader(contentHash, index.documentCount, sha256(body))).slice(0, -1)},${INDEX_KEY}${body}}\n`;
}

/** Why an index file cannot be used, or the loaded index. */
export type LoadedIndex = { ok: true; index: MiniSearch<SearchDoc>; contentHash: string } | { ok: false; reason: string };

/** Parses and checks index.json's text (check-index.ts); any mismatch or corruption gives a reason, never a throw. */
export function parseIndexFile(text: string): LoadedIndex {
  const parsed = parseIndexJson(text);
  if (!parsed.ok) return parsed;
  const { data } = parsed;
  try {
    const index = MiniSearch.loadJS<SearchDoc>(data.index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
    return { ok: true, index, contentHash: String(data.contentHash) };
  } catch (error) {
    return { ok: false, reason: `the index is corrupted (${(error as Error).message})` };
  }
}
