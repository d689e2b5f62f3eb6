/**
 * The output folder's lock: a file `.lock` holding the writer's pid, its start time and a random token. It is created
 * whole and atomically (written aside, then hard-linked into place, which fails if a lock exists), so a
 * reader never sees a half-written lock. A lock whose process is dead is broken by renaming it aside
 * first, so that of two writers breaking the same stale lock only one succeeds.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/**
 * When the process `pid` started (clock ticks since boot, field 22 of `/proc/<pid>/stat`), or null
 * where that cannot be read (no such process, or no /proc: not Linux). With the pid it names one
 * process even after the pid is reused, as it is at once in a container, where every build may run as
 * the same small pid.
 */
export function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // the command name, in parentheses, may hold spaces
    return /^\d+$/.test(fields[19] ?? '') ? fields[19]! : null; // fields[0] is field 3
  } catch {
    return null;
  }
}

/** This process's start time (see startTimeOf), or '-' where unknown. */
const OWN_START = startTimeOf(process.pid) ?? '-';

const pidOf = (content: string): number => Number(content.split(' ')[0]);

/** True when no process with this pid runs, except that this process never judges its own pid dead. */
const deadPid = (pid: number): boolean => Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);

/**
 * True when the lock holding `content` (`<pid> <start time> <token>`) was left by a process that is
 * gone: no process has its pid, or the one that has it started at another time (the pid was reused;
 * this covers this very process too, when a killed build ran with the same pid).
 */
export function lockIsStale(content: string): boolean {
  const parts = content.split(' ');
  const pid = Number(parts[0]);
  const start = parts.length === 3 && /^\d+$/.test(parts[1]!) ? parts[1]! : null; // null: unknown, or a lock as older versions wrote it
  const now = start === null ? null : startTimeOf(pid);
  if (now !== null) return now !== start;
  return deadPid(pid);
}

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

/**
 * Takes the output folder's lock, waiting for a live holder and breaking a dead holder's lock; resolves
 * to its release. A waiting writer only reads the lock: it writes a file aside (tryCreate) only when no
 * lock is there, so a writer killed while it waits leaves nothing behind.
 */
export async function lock(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK_FILE);
  const token = `${process.pid} ${OWN_START} ${randomBytes(8).toString('hex')}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const held = await readFile(file, 'utf8').catch(() => null);
    if (held === null) {
      if (await tryCreate(file, token)) return () => release(file, token);
    } else if (lockIsStale(held)) await breakLock(file, held);
    else if (Date.now() > deadline) throw new ClaimkbError(`${outDir} is locked by another build (pid ${pidOf(held)}); try again`);
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
    if (deadPid(Number(name.slice(ASIDE_PREFIX.length).split('-')[0]))) await rm(path.join(outDir, name), { force: true });
  }
}
