import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Absolute path of a fixture folder. */
export const fixture = (...parts: string[]) => path.resolve(__dirname, '..', 'fixtures', ...parts);

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'claimkb-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Copies a fixture to a temporary folder (optionally adding files) and returns the copy's path. */
export function copyFixture(name: string, extra: Record<string, string | Uint8Array> = {}): string {
  const dir = tempDir();
  cpSync(fixture(name), dir, { recursive: true });
  for (const [file, content] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
