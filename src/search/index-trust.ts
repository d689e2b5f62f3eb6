/**
 * Whether index.json and its map are still the files the build wrote. Search reads only parts of
 * index.json through the map, so it cannot verify the index's checksum (that needs the whole file);
 * instead, after each commit the build records the size, times and inode of both files in
 * `<out>/.cache/index-trust.json`, and search uses the map only while both files still have them (an
 * edit in place changes the modification and change times; a replaced file has another inode).
 * Otherwise search reads index.json whole, which verifies the checksum. Light: no imports beyond node.
 */
import { fstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../emit/replace.js';
import { sameStat } from '../fingerprint.js';

/** The record's file name under the output folder. */
export const INDEX_TRUST_FILE = '.cache/index-trust.json';

/** A file as the build left it. */
export interface FileFingerprint {
  name: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** Records the fingerprints of files just written (best effort: without the record, search reads index.json whole). */
export function writeIndexTrust(out: string, files: readonly FileFingerprint[]): void {
  try {
    replaceFile(path.join(out, INDEX_TRUST_FILE), `${JSON.stringify(files.map(({ name, size, mtimeMs, ctimeMs, ino }) => ({ name, size, mtimeMs, ctimeMs, ino })))}\n`);
  } catch {
    // not recorded: search will read index.json whole
  }
}

/** The recorded fingerprints, by name (empty when there is no usable record). */
export function readIndexTrust(out: string): Map<string, FileFingerprint> {
  try {
    const list = JSON.parse(readFileSync(path.join(out, INDEX_TRUST_FILE), 'utf8')) as unknown;
    return new Map(Array.isArray(list) ? list.map((f: FileFingerprint) => [f.name, f] as const) : []);
  } catch {
    return new Map();
  }
}

/** True when the open file `fd` is the one recorded as `name`. */
export function isTrusted(trust: ReadonlyMap<string, FileFingerprint>, name: string, fd: number): boolean {
  const f = trust.get(name);
  return f !== undefined && sameStat(f, fstatSync(fd));
}
