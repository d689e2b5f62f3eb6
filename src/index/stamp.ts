/**
 * A cheap staleness stamp: the path, size and mtime of every content file, hashed. The build writes it
 * beside the outputs (in `.cache/`, not part of the deterministic outputs); search compares it with a
 * fresh listing (stat only, no reading) to decide whether the prebuilt index is stale.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the stamp lives, relative to the output folder. */
export const STAMP_FILE = '.cache/stamp.txt';

function statLine(abs: string, rel: string): string {
  try {
    const s = statSync(abs, { throwIfNoEntry: false });
    return s ? `${rel}\t${s.size}\t${s.mtimeMs}` : `${rel}\tgone`;
  } catch {
    return `${rel}\tgone`;
  }
}

function walk(root: string, dir: string, out: string[]): void {
  const base = path.join(root, dir) + path.sep;
  let entries;
  try {
    entries = readdirSync(base, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(root, rel, out);
    else if (e.name.endsWith('.md')) out.push(statLine(base + e.name, rel));
  }
}

function hashLines(lines: string[]): string {
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Computes the stamp of the knowledge base under `root`. */
export function computeStamp(root: string): string {
  const lines: string[] = [];
  walk(root, 'claims', lines);
  walk(root, 'sources', lines);
  return hashLines(lines);
}

/**
 * The stamp computeStamp would give, from a listing already made (the build's discovery): each file's
 * path relative to the root, size and modification time. Only equal to computeStamp's when the listing
 * holds exactly the `.md` entries computeStamp stats (no symbolic links, no `.md` entry that is not a file).
 */
export function stampOf(files: ReadonlyArray<{ file: string; size: number; mtimeMs: number }>): string {
  return hashLines(files.map((f) => `${f.file}\t${f.size}\t${f.mtimeMs}`));
}
