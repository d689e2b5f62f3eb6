import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { MIN_FILES_FOR_WORKERS, parseAll, usesWorkers } from '../src/engine/pool.js';
import { engine, outputsIn } from './helpers/build.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const HOOK = path.resolve(__dirname, 'helpers', 'log-imports.mjs');
/** Runs the CLI; with `log`, every module it imports (its workers' included) is listed in that file. */
function cli(args: string[], log?: string) {
  const node = log ? ['--import', HOOK] : [];
  return spawnSync(process.execPath, [...node, BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1', ...(log ? { CLAIMKB_IMPORT_LOG: log } : {}) } });
}

describe('parsing on worker threads', () => {
  it('gives the outputs of a build on one thread (fixture, workers forced)', async () => {
    const root = copyFixture('valid', { 'claims/other.md': '---\nid: other\nclaim: "Other."\nverdict: unverified\n---\nText [@lab-report], 2024.\n\nUncited 2025.\n' });
    const one = tempDir();
    const two = tempDir();
    const a = await engine(root, one, { cache: false });
    const b = await engine(root, two, { cache: false, jobs: 2, forceWorkers: true });
    expect(b.report).toEqual(a.report);
    expect(a.report.diagnostics.map((d) => d.rule)).toEqual(['uncited-paragraph']);
    expect(outputsIn(two)).toEqual(outputsIn(one));
  });

  it('gives the outputs of a build on one thread (generated knowledge base, the CLI with --jobs: workers whatever the size)', () => {
    const root = tempDir();
    generate(200, root);
    const one = path.join(tempDir(), 'one');
    const two = path.join(tempDir(), 'two');
    const three = path.join(tempDir(), 'three');
    const logs = { two: path.join(tempDir(), 'two.log'), three: path.join(tempDir(), 'three.log') };
    expect(cli(['build', '--root', root, '--out', one, '--jobs', '1']).status).toBe(0);
    const r = cli(['build', '--root', root, '--out', two, '--jobs', '2'], logs.two);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(outputsIn(two)).toEqual(outputsIn(one));
    expect(cli(['build', '--root', root, '--out', three], logs.three).status).toBe(0); // default: too few files for workers
    expect(outputsIn(three)).toEqual(outputsIn(one));
    expect(readFileSync(logs.two, 'utf8')).toMatch(/parse-worker\.js/);
    expect(readFileSync(logs.three, 'utf8')).not.toMatch(/parse-worker\.js/);
  });

  it('starts no worker for a few files', () => {
    expect(usesWorkers(5, { jobs: 8 })).toBe(false);
    expect(usesWorkers(MIN_FILES_FOR_WORKERS, { jobs: 1 })).toBe(false);
    expect(usesWorkers(MIN_FILES_FOR_WORKERS, { jobs: 2 })).toBe(true);
  });

  it('fails (an internal error, not a hang) when a worker cannot do its work', async () => {
    // A file that cannot be read is a diagnostic (file-unreadable); sources a worker cannot use make it throw.
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), '---\nid: a\n---\n');
    const tasks = [{ kind: 'claim' as const, file: 'claims/a.md', abs: path.join(dir, 'a.md'), size: 14 }];
    const sources = { type: 'sources' as const, sources: null as never, render: false, keep: false };
    await expect(parseAll(tasks, { jobs: 2, forceWorkers: true, sources, onResult: () => {} })).rejects.toThrow(/null/);
  });

  it('rejects a bad --jobs as a usage error', () => {
    const r = cli(['build', '--root', copyFixture('valid'), '--jobs', 'zero']);
    expect([r.status, r.stderr]).toEqual([2, "claimkb: --jobs expects a positive whole number, got 'zero'\n"]);
  });
});

