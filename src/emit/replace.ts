/**
 * Replacing a small file atomically: written beside it under a temporary name, then renamed over it,
 * so a reader sees the old file or the new one, never a part. (The outputs use emit/atomic.ts, which
 * also syncs and commits them together.)
 */
import { close, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `file` opened for reading, or null when it does not exist (or cannot be opened). */
function openOrNull(file: string): number | null {
  try {
    return openSync(file, 'r');
  } catch {
    return null;
  }
}

/**
 * Replaces `file` with `text` atomically, creating its folder; throws (leaving no temporary file) when
 * it cannot. The old file is held open across the rename and closed on the thread pool afterwards, so
 * that freeing it is not done by the rename on the caller's thread (0.8 against 0.1 ms for 700 kB).
 */
export function replaceFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const old = process.platform === 'win32' ? null : openOrNull(file); // on Windows a file held open may not be renamed over
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  } finally {
    if (old !== null) close(old, () => undefined);
  }
}
