/**
 * The output folder's lock: a file `.lock` holding the writer's pid and a random token. It is created
 * whole and atomically (written aside, then hard-linked into place, which fails if a lock exists), so a
 * reader never sees a half-written lock. A lock whose process is dead is broken by renaming it aside
 * first, so that of two writers breaking the same stale lock only one succeeds.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClaimkbError } from '../diagnostics.js';

/** How long a writer waits for another writer's lock before giving up, in ms. */
export const LOCK_WAIT_MS = 60_000;
/** How often a waiting writer looks at the lock again, in ms. */
const LOCK_POLL_MS = 25;
/** The lock's file name in the output folder. */
export const LOCK_FILE = '.lock';
/** Prefix of a lock being created or broken (a file beside `.lock`). */
const ASIDE_PREFIX = '.lock-';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pidOf = (content: string): number => Number(content.split(' ')[0]);
const dead = (content: string): boolean => {
  const pid = pidOf(content);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
};

/** Creates `.lock` holding `token`; false when a lock is already there. */
async function tryCreate(file: string, token: string): Promise<boolean> {
  const aside = `${path.dirname(file)}/${ASIDE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(aside, token);
  try {
    await link(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(aside, { force: true });
  }
}

/** Breaks a lock seen holding `held` (a dead writer's), unless it changed meanwhile. */
async function breakLock(file: string, held: string): Promise<void> {
  const aside = `${path.dirname(file)}/${ASIDE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
  if (!(await rename(file, aside).then(() => true, () => false))) return; // another writer broke it first
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== held) await link(aside, file).catch(() => undefined); // a live lock was taken aside: put it back
  await rm(aside, { force: true });
}

/** Takes the output folder's lock, waiting for a live holder and breaking a dead holder's lock; resolves to its release. */
export async function lock(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK_FILE);
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    if (await tryCreate(file, token)) return () => release(file, token);
    const held = await readFile(file, 'utf8').catch(() => null);
    if (held !== null && dead(held)) await breakLock(file, held);
    else if (Date.now() > deadline) throw new ClaimkbError(`${outDir} is locked by another build (pid ${held === null ? '?' : pidOf(held)}); try again`);
    else await sleep(LOCK_POLL_MS);
  }
}

/** Removes the lock if it is still ours. */
async function release(file: string, token: string): Promise<void> {
  const held = await readFile(file, 'utf8').catch(() => null);
  if (held === token) await rm(file, { force: true });
}

/** Removes lock files set aside by writers that died while creating or breaking a lock. */
export async function removeStaleLockFiles(outDir: string, entries: readonly string[]): Promise<void> {
  for (const name of entries.filter((n) => n.startsWith(ASIDE_PREFIX))) {
    if (dead(name.slice(ASIDE_PREFIX.length).replace('-', ' '))) await rm(path.join(outDir, name), { force: true });
  }
}
