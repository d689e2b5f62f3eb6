/**
 * The serialized index (index.json): a header with format version, tool version and options hash,
 * then MiniSearch's JSON. Loading checks the header and never returns a wrong index in silence.
 */
import MiniSearch from 'minisearch';
import { SCHEMA_VERSION, INDEX_FORMAT_VERSION, TOOL_VERSION } from '../version.js';
import { MINISEARCH_OPTIONS, OPTIONS_HASH, type SearchDoc } from './options.js';

/** The name of the index file in the output folder. */
export const INDEX_FILE = 'index.json';
/** The `format` stamp of index.json. */
export const INDEX_FORMAT = 'claimkb-index';

/** Serializes an index with its header; `contentHash` identifies the knowledge base it was built from. */
export function serializeIndex(index: MiniSearch<SearchDoc>, contentHash: string): string {
  const header = {
    schemaVersion: SCHEMA_VERSION,
    format: INDEX_FORMAT,
    formatVersion: INDEX_FORMAT_VERSION,
    toolVersion: TOOL_VERSION,
    optionsHash: OPTIONS_HASH,
    contentHash,
    documentCount: index.documentCount,
  };
  return `${JSON.stringify({ ...header, index })}\n`;
}

/** Why an index file cannot be used, or the loaded index. */
export type LoadedIndex = { ok: true; index: MiniSearch<SearchDoc>; contentHash: string } | { ok: false; reason: string };

/** Parses and checks index.json's text; any mismatch or corruption gives a reason, never a throw. */
export function parseIndexFile(text: string): LoadedIndex {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `the index is not valid JSON (${(error as Error).message}); it may be truncated` };
  }
  if (data === null || typeof data !== 'object' || data.format !== INDEX_FORMAT) return { ok: false, reason: 'the file is not a claimkb index' };
  if (data.formatVersion !== INDEX_FORMAT_VERSION) return { ok: false, reason: `the index has format version ${String(data.formatVersion)}, expected ${INDEX_FORMAT_VERSION}` };
  if (data.optionsHash !== OPTIONS_HASH) return { ok: false, reason: 'the index was built with other index options' };
  try {
    const index = MiniSearch.loadJS<SearchDoc>(data.index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
    return { ok: true, index, contentHash: String(data.contentHash) };
  } catch (error) {
    return { ok: false, reason: `the index is corrupted (${(error as Error).message})` };
  }
}
