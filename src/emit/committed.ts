/**
 * The read side of atomic.ts: the outputs as of the last commit. Between a writer's commit point and the
 * end of its renames (or, if it was killed there, until the next writer rolls it forward), some new files
 * still sit in the committed staging folder; a reader takes those from there, so it always sees either
 * the complete previous outputs or the complete new ones, never a mix. Light: no imports beyond node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The marker whose presence means a staging folder is complete and must be rolled forward. */
export const COMMIT_MARKER = 'COMMIT';
/** Prefix of the staging folders inside the output folder. */
export const STAGING_PREFIX = '.staging-';

/** The committed staging folder of `outDir` and the names it commits, or null when there is none. */
function committedStaging(outDir: string): { dir: string; names: string[] } | null {
  let entries: string[];
  try {
    entries = readdirSync(outDir).filter((n) => n.startsWith(STAGING_PREFIX)).sort();
  } catch {
    return null;
  }
  for (const name of entries.reverse()) {
    try {
      const names = JSON.parse(readFileSync(path.join(outDir, name, COMMIT_MARKER), 'utf8')) as unknown;
      if (Array.isArray(names)) return { dir: path.join(outDir, name), names: names.map(String) };
    } catch {
      // not committed (or being removed): its files are not outputs
    }
  }
  return null;
}

/**
 * Where output file `name` (e.g. `index.json`, `.cache/stamp.txt`) of the last commit lives now: in the
 * committed staging folder while it has not been moved, else in `outDir`. A reader that gets ENOENT from
 * the staging path (the file was just moved) reads the `outDir` path instead, as readCommitted does.
 */
export function committedPaths(outDir: string, name: string): string[] {
  const staged = committedStaging(outDir);
  const final = path.join(outDir, name);
  return staged?.names.includes(name) ? [path.join(staged.dir, name), final] : [final];
}

/** Reads output file `name` as of the last commit; throws like readFileSync when it does not exist. */
export function readCommitted(outDir: string, name: string): string {
  const [first, ...rest] = committedPaths(outDir, name);
  try {
    return readFileSync(first!, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || rest.length === 0) throw error;
    return readFileSync(rest[0]!, 'utf8'); // moved into place meanwhile
  }
}
