/**
 * Replacing a small file atomically: written beside it under a temporary name, then renamed over it,
 * so a reader sees the old file or the new one, never a part. (The outputs use emit/atomic.ts, which
 * also syncs and commits them together.)
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Replaces `file` with `text` atomically, creating its folder; throws (leaving no temporary file) when it cannot. */
export function replaceFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
