/**
 * The claims map, `<out>/.cache/claims-map.json`: where each claim's object is in claims.json, so that
 * `claimkb show` reads one claim instead of parsing the whole file (45 MB at 10,000 claims). The build
 * writes it after each commit (best effort, like the index trust record) with the fingerprint of the
 * claims.json it describes; it is used only while claims.json is still that file (same size, times and
 * inode) and no commit is being moved into place. Anything else: show reads claims.json whole, which
 * checks it. Light: no imports beyond node and small modules of its own.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { committedPaths } from './committed.js';
import { replaceFile } from './replace.js';
import { readFully } from '../read-fully.js';
import { sameStat, type StatFingerprint } from '../fingerprint.js';
import { lowerBound } from '../sorted.js';
import { SCHEMA_VERSION, TOOL_VERSION } from '../version.js';

/** The map's file name under the output folder. */
export const CLAIMS_MAP_FILE = '.cache/claims-map.json';
/** Bumped whenever the map's layout changes. */
const CLAIMS_MAP_VERSION = 1;
const CLAIMS_FILE = 'claims.json';

/** The map as written. */
interface ClaimsMapData {
  version: number;
  toolVersion: string;
  schemaVersion: number;
  file: StatFingerprint;
  /** The claims' ids, sorted (as in claims.json). */
  ids: string[];
  /** Each claim's object in claims.json: start, end, … (byte offsets, in the order of `ids`). */
  ranges: number[];
}

/** Records where the claims are in the claims.json just written (`file`); best effort: without it, show reads claims.json whole. */
export function writeClaimsMap(out: string, file: StatFingerprint, ids: readonly string[], ranges: readonly number[]): void {
  if (ranges.length !== 2 * ids.length) throw new Error('claimkb: internal: a claims map of unequal lengths');
  if (ids.some((id, i) => i > 0 && !(ids[i - 1]! < id))) return; // looked up by binary search: never a map of unsorted ids
  const { size, mtimeMs, ctimeMs, ino } = file;
  const data: ClaimsMapData = { version: CLAIMS_MAP_VERSION, toolVersion: TOOL_VERSION, schemaVersion: SCHEMA_VERSION, file: { size, mtimeMs, ctimeMs, ino }, ids: [...ids], ranges: [...ranges] };
  try {
    replaceFile(path.join(out, CLAIMS_MAP_FILE), `${JSON.stringify(data)}\n`);
  } catch {
    // not recorded: show reads claims.json whole
  }
}

/** The map, when it is one this version wrote and its lists hold together; else null. */
function readMap(out: string): ClaimsMapData | null {
  try {
    const m = JSON.parse(readFileSync(path.join(out, CLAIMS_MAP_FILE), 'utf8')) as ClaimsMapData;
    const ok = m.version === CLAIMS_MAP_VERSION && m.toolVersion === TOOL_VERSION && m.schemaVersion === SCHEMA_VERSION &&
      Array.isArray(m.ids) && Array.isArray(m.ranges) && m.ranges.length === 2 * m.ids.length && typeof m.file === 'object' && m.file !== null;
    return ok ? m : null;
  } catch {
    return null;
  }
}

/** The bytes [start, end) of the open file `fd`, as text; null when the range does not fit the file. */
function readRange(fd: number, size: number, start: unknown, end: unknown): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number) || (end as number) > size) return null;
  const buf = Buffer.allocUnsafe((end as number) - (start as number));
  return readFully(fd, buf, start as number) === buf.length ? buf.toString('utf8') : null;
}

/**
 * Claim `id` from `<out>/claims.json` through the map: `{ claim }`, `{ claim: null }` when the map says
 * there is no such claim, or null when the map cannot be used (then read claims.json whole).
 */
export function claimFromMap(out: string, id: string): { claim: Record<string, unknown> | null } | null {
  if (committedPaths(out, CLAIMS_FILE).length > 1) return null;
  const map = readMap(out);
  if (!map) return null;
  let fd: number | null = null;
  try {
    fd = openSync(path.join(out, CLAIMS_FILE), 'r');
    const s = fstatSync(fd);
    if (!sameStat(map.file, s)) return null;
    const at = lowerBound(map.ids, id);
    if (map.ids[at] !== id) return { claim: null };
    const text = readRange(fd, s.size, map.ranges[2 * at], map.ranges[2 * at + 1]);
    const claim = text === null ? null : (JSON.parse(text) as Record<string, unknown> | null);
    return claim !== null && typeof claim === 'object' && claim.id === id ? { claim } : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
