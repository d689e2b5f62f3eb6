/**
 * Structural checks of a parsed index.json, before MiniSearch loads it: a file that parses as JSON can
 * still be damaged (a field table or stored fields edited, counts that disagree), and MiniSearch would
 * then answer with zero hits, or hits without their fields, in silence. Linear in the number of claims.
 */
import { createHash } from 'node:crypto';
import { INDEX_FORMAT_VERSION, TOOL_VERSION } from '../version.js';
import { FIELD_BOOSTS, OPTIONS_HASH } from './options.js';

/** The `format` stamp of index.json. */
export const INDEX_FORMAT = 'claimkb-index';
/** The key of MiniSearch's data, the last member of index.json: the header's indexSha256 covers what follows it. */
export const INDEX_KEY = '"index":';

/** sha256 of a text's UTF-8 bytes, lowercase hex. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** True when the serialized index in `text` (after INDEX_KEY, up to the closing brace) has the header's checksum. */
function checksumMatches(text: string, expected: unknown): boolean {
  const start = text.indexOf(`,${INDEX_KEY}`);
  const end = text.lastIndexOf('}');
  return typeof expected === 'string' && start >= 0 && end > start && sha256(text.slice(start + 1 + INDEX_KEY.length, end)) === expected;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Why a stored hit would be unusable, or null: every field a hit prints must be there, with its type. */
function storedProblem(stored: unknown): string | null {
  if (!isObject(stored)) return 'a claim has no stored fields';
  for (const key of ['claim', 'verdict', 'level', 'topics'] as const) if (typeof stored[key] !== 'string') return `a claim's stored '${key}' is not text`;
  if (!isStringArray(stored.flags) || !isStringArray(stored.sources)) return "a claim's stored flags or sources are not lists";
  return null;
}

/**
 * Why the header or the serialized MiniSearch data of an index cannot be trusted, or null. The tool
 * version is checked too: an index written by another claimkb version is rebuilt rather than trusted.
 */
export function indexDataProblem(data: Json): string | null {
  if (data.toolVersion !== TOOL_VERSION) return `the index was written by claimkb ${String(data.toolVersion)}, this is ${TOOL_VERSION}`;
  const ms = data.index;
  if (!isObject(ms)) return 'the index is corrupted (no index data)';
  const fields = isObject(ms.fieldIds) ? Object.keys(ms.fieldIds).sort() : [];
  if (fields.join() !== Object.keys(FIELD_BOOSTS).sort().join()) return 'the index is corrupted (its field table differs from the searched fields)';
  if (typeof data.documentCount !== 'number' || ms.documentCount !== data.documentCount) return 'the index is corrupted (its document counts disagree)';
  const stored = isObject(ms.storedFields) ? Object.values(ms.storedFields) : [];
  if (stored.length !== data.documentCount) return 'the index is corrupted (stored fields are missing)';
  for (const s of stored) {
    const problem = storedProblem(s);
    if (problem) return `the index is corrupted (${problem})`;
  }
  return null;
}

/** Parses index.json's text and checks its header and structure; any mismatch or damage gives a reason, never a throw. */
export function parseIndexJson(text: string): { ok: true; data: Json } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the index is not valid JSON (${(error as Error).message}); it may be truncated` };
  }
  if (!isObject(data) || data.format !== INDEX_FORMAT) return { ok: false, reason: 'the file is not a claimkb index' };
  if (data.formatVersion !== INDEX_FORMAT_VERSION) return { ok: false, reason: `the index has format version ${String(data.formatVersion)}, expected ${INDEX_FORMAT_VERSION}` };
  if (data.optionsHash !== OPTIONS_HASH) return { ok: false, reason: 'the index was built with other index options' };
  if (!checksumMatches(text, data.indexSha256)) return { ok: false, reason: 'the index is corrupted (its checksum does not match its content)' };
  const problem = indexDataProblem(data);
  return problem ? { ok: false, reason: problem } : { ok: true, data };
}
