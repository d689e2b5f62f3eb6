/**
 * bin/claimkb.js runs the CLI bundle (scripts/bundle-cli.js) only when it is newer than dist/'s
 * compiled CLI, so that code compiled with tsc alone after the last bundle is what runs; it loads it
 * with V8's code cache when the cache was made for it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/kb.js';

/** A package with the real launcher and two stand-in CLIs that print which one ran. */
function stand(): { dir: string; bundle: string; compiled: string } {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'cli-bundle'), { recursive: true });
  mkdirSync(path.join(dir, 'dist', 'cli'));
  for (const name of ['claimkb.js', 'load-bundle.cjs', 'package.json']) copyFileSync(path.resolve(__dirname, '..', 'bin', name), path.join(dir, 'bin', name));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(dir, 'dist', 'cli-bundle', 'package.json'), '{ "type": "commonjs" }\n');
  const compiled = path.join(dir, 'dist', 'cli', 'main.js');
  const bundle = path.join(dir, 'dist', 'cli-bundle', 'main.js');
  writeFileSync(compiled, 'export async function main(argv) { process.stdout.write(`dist ${argv.join(" ")}`); return 3; }\n');
  writeFileSync(bundle, 'exports.main = async (argv) => { process.stdout.write(`bundle ${argv.join(" ")}`); return 3; };\n');
  return { dir, bundle, compiled };
}

const run = (dir: string) => spawnSync(process.execPath, [path.join(dir, 'bin', 'claimkb.js'), 'search', 'x'], { encoding: 'utf8' });
const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

describe('the launcher', () => {
  it('runs the bundle when it is newer than dist/cli/main.js, else dist/, with the same arguments and exit code', () => {
    const { dir, bundle, compiled } = stand();
    at(compiled, 1_700_000_000);
    at(bundle, 1_700_000_001);
    expect([run(dir).stdout, run(dir).status]).toEqual(['bundle search x', 3]);
    at(compiled, 1_700_000_002); // compiled again with tsc alone
    expect([run(dir).stdout, run(dir).status]).toEqual(['dist search x', 3]);
    rmSync(bundle);
    expect(run(dir).stdout).toBe('dist search x');
  });
});

describe('the bundle loader (bin/load-bundle.cjs)', () => {
  const require = createRequire(import.meta.url);
  const loader = require('../bin/load-bundle.cjs') as {
    compileBundle(file: string): { cachedDataRejected?: boolean };
    loadBundle(file: string): { main(argv: string[]): Promise<number> };
    writeCodeCache(file: string): Promise<void>;
  };

  it('loads a bundle with the code cache made for it, and never with a cache older than the bundle (even of the same length)', async () => {
    const file = path.join(tempDir(), 'main.js');
    writeFileSync(file, 'exports.main = async () => 41;\n');
    at(file, 1_700_000_000);
    expect(loader.compileBundle(file).cachedDataRejected).toBeUndefined(); // no cache yet
    await loader.writeCodeCache(file);
    expect(loader.compileBundle(file).cachedDataRejected).toBe(false); // taken
    expect(await loader.loadBundle(file).main([])).toBe(41);
    writeFileSync(file, 'exports.main = async () => 42;\n'); // built again, same length: V8 could take the old cache
    at(file, Date.now() / 1000 + 60); // (file times are coarser than the two writes' interval)
    expect(loader.compileBundle(file).cachedDataRejected).toBeUndefined();
    expect(await loader.loadBundle(file).main([])).toBe(42);
  });
});
