/**
 * The claims map, `<out>/.cache/claims-map.json`: where each claim's object is in claims.json, and the
 * resolution key it was rendered from. `claimkb show` reads one claim through it instead of parsing the
 * whole file (45 MB at 10,000 claims), and a rebuild copies the unchanged claims' bytes from it instead
 * of reading the build cache's records (engine/claims-output.ts). The build writes it after each commit
 * (best effort, like the index trust record) with the fingerprint of the claims.json it describes; it is
 * used only while claims.json is still that file (same size, times and inode) and no commit is being
 * moved into place. Anything else: show reads claims.json whole, which checks it, and a rebuild renders
 * claims.json from the records. Light: no imports beyond node and small modules of its own.
 */
import { close, closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
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
const CLAIMS_MAP_VERSION = 2;
const CLAIMS_FILE = 'claims.json';

/** The map as written. */
interface ClaimsMapData {
  version: number;
  toolVersion: string;
  schemaVersion: number;
  file: StatFingerprint;
  /** The claims' ids, sorted (as in claims.json). */
  ids: string[];
  /**
   * Each claim's resolution key (engine/digest.ts), in the order of `ids`, all of `keyLength`
   * characters and joined (one string parses faster than 10,000: show reads this map too). A claim's
   * text in claims.json is a function of its key.
   */
  keys: string;
  keyLength: number;
  /** Each claim's object in claims.json: start, end, … (byte offsets, in the order of `ids`). */
  ranges: number[];
}

/** The claims of a claims.json: their ids (sorted), resolution keys and byte ranges (start, end, …), in the same order. */
export interface ClaimsLayout {
  ids: readonly string[];
  keys: readonly string[];
  ranges: readonly number[];
}

/** Records where the claims are in the claims.json just written (`file`); best effort: without it, show reads claims.json whole and a rebuild renders it from the records. */
export function writeClaimsMap(out: string, file: StatFingerprint, layout: ClaimsLayout): void {
  const { ids, keys, ranges } = layout;
  if (ranges.length !== 2 * ids.length || keys.length !== ids.length) throw new Error('claimkb: internal: a claims map of unequal lengths');
  if (ids.some((id, i) => i > 0 && !(ids[i - 1]! < id))) return; // looked up by binary search: never a map of unsorted ids
  const keyLength = keys[0]?.length ?? 0;
  if (keys.some((k) => k.length !== keyLength)) throw new Error('claimkb: internal: resolution keys of unequal lengths');
  const { size, mtimeMs, ctimeMs, ino } = file;
  const data: ClaimsMapData = {
    version: CLAIMS_MAP_VERSION, toolVersion: TOOL_VERSION, schemaVersion: SCHEMA_VERSION, file: { size, mtimeMs, ctimeMs, ino },
    ids: [...ids], keys: keys.join(''), keyLength, ranges: [...ranges],
  };
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
      Array.isArray(m.ids) && m.ids.every((id) => typeof id === 'string') && Array.isArray(m.ranges) && m.ranges.length === 2 * m.ids.length &&
      typeof m.file === 'object' && m.file !== null && typeof m.keys === 'string' && Number.isInteger(m.keyLength) && m.keys.length === m.keyLength * m.ids.length;
    return ok ? m : null;
  } catch {
    return null;
  }
}

/**
 * The map and `<out>/claims.json` open (`fd`, its `size`), when the map describes that file: no commit
 * is being moved into place and the file has the recorded size, times and inode. Else null. The caller
 * closes `fd`.
 */
function openDescribed(out: string): { map: ClaimsMapData; fd: number; size: number } | null {
  if (committedPaths(out, CLAIMS_FILE).length > 1) return null;
  const map = readMap(out);
  if (!map) return null;
  let fd: number | null = null;
  try {
    fd = openSync(path.join(out, CLAIMS_FILE), 'r');
    const s = fstatSync(fd);
    if (!sameStat(map.file, s)) return null;
    const described = { map, fd, size: s.size };
    fd = null;
    return described;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
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
  const described = openDescribed(out);
  if (!described) return null;
  const { map, fd, size } = described;
  try {
    const at = lowerBound(map.ids, id);
    if (map.ids[at] !== id) return { claim: null };
    const text = readRange(fd, size, map.ranges[2 * at], map.ranges[2 * at + 1]);
    const claim = text === null ? null : (JSON.parse(text) as Record<string, unknown> | null);
    return claim !== null && typeof claim === 'object' && claim.id === id ? { claim } : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The claims.json a rebuild copies unchanged claims from: open (`fd`, `size` bytes; -1 once closed), with its claims as the map records them. */
export interface PreviousClaims {
  fd: number;
  size: number;
  /** The claims' ids, sorted, and their byte ranges (start, end, …). */
  ids: readonly string[];
  ranges: readonly number[];
  /** True when claim `j` (of `ids`) was rendered from the resolution key `key`. */
  hasKey(j: number, key: string): boolean;
}

/** Closes the previous claims.json, once (later calls do nothing), on the thread pool: the last close of a replaced claims.json frees its blocks. */
export function closePreviousClaims(previous: PreviousClaims): void {
  if (previous.fd < 0) return;
  close(previous.fd, () => undefined);
  previous.fd = -1;
}

/** True when the ranges are whole numbers that rise within `size` bytes. */
function rangesFit(ranges: readonly unknown[], size: number): boolean {
  let last = 0;
  for (const r of ranges) {
    if (!Number.isInteger(r) || (r as number) < last || (r as number) > size) return false;
    last = r as number;
  }
  return true;
}

/**
 * `<out>/claims.json`, open, with its layout, when the map describes it (see the module comment) and
 * its ranges fit it; else null. The caller closes `fd`: held open, it is the file the map describes
 * even if another build replaces claims.json meanwhile.
 */
export function openPreviousClaims(out: string): PreviousClaims | null {
  const described = openDescribed(out);
  if (!described) return null;
  const { map, fd, size } = described;
  if (!rangesFit(map.ranges, size)) {
    closeSync(fd);
    return null;
  }
  const { keys, keyLength } = map;
  const hasKey = (j: number, key: string) => key.length === keyLength && keys.startsWith(key, j * keyLength);
  return { fd, size, ids: map.ids, ranges: map.ranges, hasKey };
}
