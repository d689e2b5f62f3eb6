/**
 * Finds the content files of a knowledge base: `sources/**\/*.md` and `claims/**\/*.md`, sorted.
 * Symlinks leading outside the root are refused; other files are ignored with a note.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ClaimkbError, cmp, diagnostic, type Diagnostic } from '../diagnostics.js';
import type { FileKind } from './parse-file.js';

/** One content file to load. */
export interface FoundFile {
  kind: FileKind;
  /** Path relative to the root, forward slashes. */
  file: string;
  abs: string;
  size: number;
}

/** The folders of a knowledge base and the kind of file each holds. */
export const CONTENT_DIRS: ReadonlyArray<readonly [string, FileKind]> = [
  ['claims', 'claim'],
  ['sources', 'source'],
];

const rel = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/');

async function walk(root: string, realRoot: string, dir: string, kind: FileKind, out: FoundFile[], diags: Diagnostic[]) {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => cmp(a.name, b.name));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    const file = rel(root, abs);
    if (entry.name.startsWith('.')) continue;
    let info = await lstat(abs);
    if (info.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => null);
      if (target === null || (target !== realRoot && !target.startsWith(realRoot + path.sep))) {
        diags.push(diagnostic(file, 'symlink-outside-root', 'error', 'symbolic link leads outside the knowledge base root; refused'));
        continue;
      }
      info = await stat(abs);
    }
    if (info.isDirectory()) await walk(root, realRoot, abs, kind, out, diags);
    else if (info.isFile() && entry.name.endsWith('.md')) out.push({ kind, file, abs, size: info.size });
    else diags.push(diagnostic(file, 'ignored-file', 'info', `not a .md file; ignored`));
  }
}

/** Reports files whose paths differ only in case: they collide on case-insensitive file systems. */
function caseConflicts(files: readonly FoundFile[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const f of files) {
    const key = f.file.toLowerCase();
    const other = seen.get(key);
    if (other === undefined) seen.set(key, f.file);
    else out.push(diagnostic(f.file, 'case-conflict', 'error', `file name differs only in case from ${other}`));
  }
  return out;
}

/** Lists the content files under `root`; throws ClaimkbError when the root holds neither folder. */
export async function discover(root: string): Promise<{ files: FoundFile[]; diagnostics: Diagnostic[] }> {
  const realRoot = await realpath(root).catch(() => {
    throw new ClaimkbError(`root folder not found: ${root}`);
  });
  const files: FoundFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let present = 0;
  for (const [name, kind] of CONTENT_DIRS) {
    const dir = path.join(root, name);
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) continue;
    present++;
    await walk(root, realRoot, dir, kind, files, diagnostics);
  }
  if (present === 0) throw new ClaimkbError(`no claims/ or sources/ folder in ${root}; is --root right?`);
  files.sort((a, b) => cmp(a.file, b.file));
  return { files, diagnostics: [...diagnostics, ...caseConflicts(files)] };
}
