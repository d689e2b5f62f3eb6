/**
 * Finds the content files of a knowledge base: `sources/**\/*.md` and `claims/**\/*.md`, sorted.
 * Symlinks leading outside the root are refused; other files are ignored with a note.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
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
  /** The file's modification and change times and inode (for the build cache's stat shortcut). */
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** True when the path is a symbolic link (followed inside the root). */
  link: boolean;
}

/** The folders of a knowledge base and the kind of file each holds. */
export const CONTENT_DIRS: ReadonlyArray<readonly [string, FileKind]> = [
  ['claims', 'claim'],
  ['sources', 'source'],
];

const rel = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/');

/** What a walk shares: the real paths of the folders read (or to be read), and the diagnostics. */
interface Walk {
  root: string;
  realRoot: string;
  /** Real paths of the content folders and of every folder walked so far. */
  seen: Set<string>;
  /** Real paths of the content folders: every folder inside one is read through its own path. */
  content: string[];
  out: FoundFile[];
  diags: Diagnostic[];
}

const inside = (realRoot: string, target: string) => target === realRoot || target.startsWith(realRoot + path.sep);

/** realpathSync, or the error it throws. */
function realpathOf(abs: string): string | NodeJS.ErrnoException {
  try {
    return realpathSync(abs);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/**
 * Follows a symbolic link; returns what it leads to, or null (reported) when it must not be followed.
 * The walk uses synchronous calls: a thousand awaited lstat calls cost far more than the work.
 */
function followLink(w: Walk, abs: string, file: string): Stats | null {
  const target = realpathOf(abs);
  if (target instanceof Error) {
    const why = target.code === 'ELOOP' ? 'it loops (a chain of links that never ends)' : `its target does not exist (${target.code ?? 'unknown'})`;
    w.diags.push(diagnostic(file, 'symlink-broken', 'error', `symbolic link cannot be followed: ${why}`));
    return null;
  }
  if (!inside(w.realRoot, target)) {
    w.diags.push(diagnostic(file, 'symlink-outside-root', 'error', 'symbolic link leads outside the knowledge base root; refused'));
    return null;
  }
  const info = statSync(abs);
  // A folder inside a content folder is read through its own path, whichever comes first in the walk.
  if (info.isDirectory() && (w.seen.has(target) || w.content.some((dir) => inside(dir, target)))) {
    const where = rel(w.realRoot, target) || '.';
    w.diags.push(diagnostic(file, 'symlink-loop', 'error', `symbolic link leads to the folder '${where}', which is read anyway; not followed (it would read files twice or loop)`));
    return null;
  }
  return info;
}

/** Why a directory entry that is not a folder is not loaded, or null when it is a content file. */
function ignoredBecause(name: string, info: Stats): string | null {
  if (!info.isFile()) return name.endsWith('.md') ? 'not a regular file (a pipe, socket or device); ignored' : 'not a .md file; ignored';
  if (name.endsWith('.md')) return null;
  return /\.md$/i.test(name) ? 'the extension must be written .md, in lower case; ignored' : 'not a .md file; ignored';
}

/** The entries of a folder, or none (reported) when it cannot be read. */
function entriesOf(w: Walk, dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    w.diags.push(diagnostic(rel(w.root, dir), 'file-unreadable', 'error', `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`));
    return [];
  }
}

function lstatOrNull(abs: string): Stats | null {
  try {
    return lstatSync(abs);
  } catch {
    return null;
  }
}

function statOrNull(abs: string): Stats | null {
  try {
    return statSync(abs);
  } catch {
    return null;
  }
}

function walk(w: Walk, dir: string, kind: FileKind): void {
  const entries = entriesOf(w, dir);
  entries.sort((a, b) => cmp(a.name, b.name));
  const relDir = rel(w.root, dir);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .git, .DS_Store, editors' files
    const abs = dir + path.sep + entry.name; // `dir` is normalized and a name holds no separator: as path.join, without its cost per file
    const file = `${relDir}/${entry.name}`;
    let info: Stats | null = lstatOrNull(abs); // gone since the listing: nothing to read
    if (info === null) continue;
    const link = info.isSymbolicLink();
    if (link && !(info = followLink(w, abs, file))) continue;
    if (info.isDirectory()) {
      w.seen.add(realpathSync(abs));
      walk(w, abs, kind);
      continue;
    }
    const why = ignoredBecause(entry.name, info);
    if (why === null) w.out.push({ kind, file, abs, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, link });
    else w.diags.push(diagnostic(file, 'ignored-file', 'info', why));
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
  const realRoot = realpathOf(root);
  if (realRoot instanceof Error) throw new ClaimkbError(`root folder not found: ${root}`);
  const w: Walk = { root, realRoot, seen: new Set(), content: [], out: [], diags: [] };
  const dirs: Array<[string, FileKind]> = [];
  for (const [name, kind] of CONTENT_DIRS) {
    const dir = path.join(root, name);
    const info = statOrNull(dir);
    if (!info?.isDirectory()) continue;
    const real = realpathSync(dir);
    if (!inside(realRoot, real)) {
      w.diags.push(diagnostic(name, 'symlink-outside-root', 'error', 'symbolic link leads outside the knowledge base root; refused'));
      continue;
    }
    dirs.push([dir, kind]);
    w.seen.add(real);
    w.content.push(real);
  }
  if (dirs.length === 0) throw new ClaimkbError(`no claims/ or sources/ folder in ${root}; is --root right?`);
  for (const [dir, kind] of dirs) walk(w, dir, kind);
  const { out: files, diags: diagnostics } = w;
  files.sort((a, b) => cmp(a.file, b.file));
  return { files, diagnostics: [...diagnostics, ...caseConflicts(files)] };
}
