/**
 * bin/claimkb.js runs the CLI bundle (scripts/bundle-cli.js) only when it is newer than dist/'s
 * compiled CLI, so that code compiled with tsc alone after the last bundle is what runs.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/kb.js';

/** A package with the real launcher and two stand-in CLIs that print which one ran. */
function stand(): { dir: string; bundle: string; compiled: string } {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'cli-bundle'), { recursive: true });
  mkdirSync(path.join(dir, 'dist', 'cli'));
  copyFileSync(path.resolve(__dirname, '..', 'bin', 'claimkb.js'), path.join(dir, 'bin', 'claimkb.js'));
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
