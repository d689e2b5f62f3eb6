/**
 * Atomic replacement of a set of output files. The new files are written and fsynced in a staging
 * folder inside the output folder, a COMMIT marker is written (the commit point), then each file is
 * renamed over its old version. A build killed before the marker leaves the old outputs; one killed
 * after it is rolled forward by the next writer, and readers see the committed files meanwhile
 * (committed.ts). A lock file keeps two writers apart (lock.ts).
 */
import { randomBytes } from 'node:crypto';
import { open, mkdir, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ClaimkbError } from '../diagnostics.js';
import { writeBuffered, type ChunkProducer } from './buffered.js';
import { COMMIT_MARKER, STAGING_PREFIX } from './committed.js';
import { lock, removeStaleLockFiles } from './lock.js';

export { COMMIT_MARKER } from './committed.js';
export { LOCK_WAIT_MS } from './lock.js';

/** An output's content: its text, or a function that writes it in chunks (large outputs are never one string; buffered.ts). */
export type OutputContent = string | ChunkProducer;

/** An output file as written (taken under the lock, once in place): its size, modification and change times, and inode. */
export interface WrittenFile {
  name: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** Writes `data` to the new file `file`; resolves once the bytes are written, with its fsync then under way. */
async function writeStarted(file: string, data: OutputContent): Promise<{ synced: Promise<void> }> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'w');
  try {
    if (typeof data === 'string') await handle.writeFile(data, 'utf8');
    else writeBuffered(handle.fd, data);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const synced = handle.sync().finally(() => handle.close());
  synced.catch(() => undefined); // awaited with the others; not an unhandled rejection meanwhile
  return { synced };
}

async function writeSynced(file: string, data: OutputContent): Promise<void> {
  await (await writeStarted(file, data)).synced;
}

/**
 * The order files are moved in: top-level files first, files in sub-folders (the staleness stamp in
 * `.cache/`) last, so a reader that looks only at the output folder never pairs a new stamp with old outputs.
 */
function moveOrder(names: readonly string[]): string[] {
  const depth = (n: string) => n.split('/').length;
  return [...names].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}

async function moveAll(from: string, to: string, names: readonly string[]): Promise<void> {
  for (const name of moveOrder(names)) {
    const target = path.join(to, name);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(path.join(from, name), target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // ENOENT: moved already, by a writer that was then killed
    });
  }
}

/** Finishes committed staging folders and removes uncommitted ones (after a killed build). Call it holding the lock. */
export async function recover(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => [] as string[]);
  for (const name of entries.filter((n) => n.startsWith(STAGING_PREFIX)).sort()) {
    const dir = path.join(outDir, name);
    const marker = await readFile(path.join(dir, COMMIT_MARKER), 'utf8').catch(() => null);
    if (marker !== null) await moveAll(dir, outDir, JSON.parse(marker) as string[]);
    await rm(dir, { recursive: true, force: true });
  }
  await removeStaleLockFiles(outDir, entries);
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
};

/** The ClaimkbError for a failed write, naming the cause in words and by code. */
function writeError(outDir: string, error: unknown): ClaimkbError {
  if (error instanceof ClaimkbError) return error;
  const e = error as NodeJS.ErrnoException;
  const why = e.code ? `${REASONS[e.code] ?? e.message} (${e.code})` : String(e.message ?? error);
  return new ClaimkbError(`cannot write the outputs to ${outDir}: ${why}; the previous outputs were left as they were`);
}

/**
 * Writes every file into the staging folder, then the COMMIT marker (the commit point), then moves them
 * into place; the files replaced are added to `held` (holdFiles).
 */
async function stageAndCommit(outDir: string, outputs: Readonly<Record<string, OutputContent>>, held: FileHandle[]): Promise<void> {
  const staging = path.join(outDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  const names = Object.keys(outputs).sort();
  // Each file's fsync runs on the thread pool while the next file is rendered and written; all of
  // them end before the commit marker is written.
  const syncs: Array<Promise<void>> = [];
  try {
    await mkdir(staging);
    for (const name of names) syncs.push((await writeStarted(path.join(staging, name), outputs[name]!)).synced);
    await Promise.all(syncs);
    await writeSynced(path.join(staging, `${COMMIT_MARKER}.tmp`), JSON.stringify(names));
    await rename(path.join(staging, `${COMMIT_MARKER}.tmp`), path.join(staging, COMMIT_MARKER));
  } catch (error) {
    await Promise.allSettled(syncs);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined); // not committed: the old outputs stand
    throw error;
  }
  held.push(...(await holdFiles(outDir, names)));
  await moveAll(staging, outDir, names);
  await rm(staging, { recursive: true, force: true });
}

/**
 * Opens the files about to be replaced (those that exist). Renaming over a file nobody has open frees
 * its blocks within the rename: about 10 ms for a claims.json of 45 MB, on the build's path. Held open,
 * an old file is freed when it is closed, which writeAtomically does last, without waiting for it: the
 * thread pool frees them while the build goes on.
 */
async function holdFiles(outDir: string, names: readonly string[]): Promise<FileHandle[]> {
  if (process.platform === 'win32') return []; // there a file held open may not be renamed over
  const handles = await Promise.all(names.map((name) => open(path.join(outDir, name), 'r').catch(() => null)));
  return handles.filter((h): h is FileHandle => h !== null);
}

/** What the files of `names` in `outDir` are now (stat once they are in place). */
async function written(outDir: string, names: readonly string[]): Promise<WrittenFile[]> {
  return Promise.all(names.map(async (name) => {
    const s = await stat(path.join(outDir, name));
    return { name, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
  }));
}

/**
 * Replaces the files `outputs` (name → content; a name may hold one `/`, as in `.cache/stamp.txt`) in
 * `outDir` all together, or not at all; returns what it wrote. Failures are ClaimkbErrors that name the cause.
 */
export async function writeAtomically(outDir: string, outputs: Readonly<Record<string, OutputContent>>): Promise<WrittenFile[]> {
  const held: FileHandle[] = [];
  try {
    await mkdir(outDir, { recursive: true });
    const release = await lock(outDir);
    try {
      await recover(outDir);
      await stageAndCommit(outDir, outputs, held);
      return await written(outDir, Object.keys(outputs).sort());
    } finally {
      await release();
    }
  } catch (error) {
    throw writeError(outDir, error);
  } finally {
    for (const handle of held) handle.close().catch(() => undefined); // not awaited: see holdFiles
  }
}
