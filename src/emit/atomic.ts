/**
 * Atomic replacement of a set of output files. The new files are written and fsynced in a staging
 * folder inside the output folder, a COMMIT marker is written (the commit point), then each file is
 * renamed over its old version. A build killed before the marker leaves the old outputs; one killed
 * after it is rolled forward by the next writer. A lock file keeps two writers apart.
 */
import { open, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClaimkbError } from '../diagnostics.js';

/** The marker whose presence means a staging folder is complete and must be rolled forward. */
export const COMMIT_MARKER = 'COMMIT';
/** How long a writer waits for another writer's lock before giving up, in ms. */
export const LOCK_WAIT_MS = 60_000;
const STAGING_PREFIX = '.staging-';
const LOCK_FILE = '.lock';

async function writeSynced(file: string, data: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the output folder's lock, waiting for a live holder and breaking a dead holder's lock. */
async function lock(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK_FILE);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) await rm(file, { force: true });
      else if (Date.now() > deadline) throw new ClaimkbError(`${outDir} is locked by another build (pid ${holder}); try again`);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Finishes committed staging folders and removes uncommitted ones (after a killed build). */
export async function recover(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => [] as string[]);
  for (const name of entries.filter((n) => n.startsWith(STAGING_PREFIX)).sort()) {
    const dir = path.join(outDir, name);
    const marker = await readFile(path.join(dir, COMMIT_MARKER), 'utf8').catch(() => null);
    if (marker !== null) await moveAll(dir, outDir, JSON.parse(marker) as string[]);
    await rm(dir, { recursive: true, force: true });
  }
}

async function moveAll(from: string, to: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const exists = await stat(path.join(from, name)).then(() => true, () => false);
    if (exists) await rename(path.join(from, name), path.join(to, name));
  }
}

/** Replaces the files `outputs` (name → content) in `outDir` all together, or not at all. */
export async function writeAtomically(outDir: string, outputs: Readonly<Record<string, string>>): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    const release = await lock(outDir);
    try {
      await recover(outDir);
      const staging = path.join(outDir, `${STAGING_PREFIX}${process.pid}-${Date.now()}`);
      await mkdir(staging);
      const names = Object.keys(outputs).sort();
      for (const name of names) await writeSynced(path.join(staging, name), outputs[name]!);
      await writeSynced(path.join(staging, `${COMMIT_MARKER}.tmp`), JSON.stringify(names));
      await rename(path.join(staging, `${COMMIT_MARKER}.tmp`), path.join(staging, COMMIT_MARKER));
      await moveAll(staging, outDir, names);
      await rm(staging, { recursive: true, force: true });
    } finally {
      await release();
    }
  } catch (error) {
    if (error instanceof ClaimkbError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new ClaimkbError(`cannot write the outputs to ${outDir}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' '));
  }
}
