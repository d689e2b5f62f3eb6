/**
 * Machinery of the fault tests: spawned builds, the outputs as a reader sees them, two variants of a
 * knowledge base whose outputs differ, and kill trials. Used by test/faults.test.ts (a bounded count in
 * CI) and by `npm run faults` (KILL_TRIALS=… for a long run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../src/build.js';
import { readCommitted } from '../../src/emit/committed.js';
import { OUTPUT_FILES } from '../../src/emit/outputs.js';
import { computeStamp, STAMP_FILE } from '../../src/index/stamp.js';
import { checkCacheIn } from './build.js';
import { copyFixture, tempDir } from './kb.js';

export const BIN = path.resolve(__dirname, '..', '..', 'bin', 'claimkb.js');
/** The file the two variants differ in, and how. */
const VARIANT_FILE = 'claims/widget-model-published-2026.md';
const VARIANTS = { A: (t: string) => t, B: (t: string) => t.replace('was published on 2026-02-23.', 'was published on 23 February 2026.') };
export type Variant = keyof typeof VARIANTS;

/** The outputs of a folder as a reader sees them (committed.ts), each file's text or null. */
export type Outputs = Record<string, string | null>;

/** Reads every output file and the stamp through the committed view. */
export function view(out: string): Outputs {
  const read = (name: string) => {
    try {
      return readCommitted(out, name);
    } catch {
      return null;
    }
  };
  return Object.fromEntries([...OUTPUT_FILES, STAMP_FILE].map((name) => [name, read(name)]));
}

/** Files that must not be left behind by a finished build: staging folders and locks. */
export const leftovers = (out: string): string[] => readdirSync(out).filter((n) => n.startsWith('.staging-') || n.startsWith('.lock'));

/** A knowledge base that can be switched between variants A and B, and the outputs each gives. */
export async function variantKb(): Promise<{ root: string; set: (v: Variant) => string; expected: Record<Variant, Outputs>; checkCache: Record<Variant, string | null> }> {
  const root = copyFixture('valid');
  const original = readFileSync(path.join(root, VARIANT_FILE), 'utf8');
  const set = (v: Variant) => {
    writeFileSync(path.join(root, VARIANT_FILE), VARIANTS[v](original));
    return computeStamp(root);
  };
  const expected = {} as Record<Variant, Outputs>;
  const checkCache = {} as Record<Variant, string | null>;
  for (const v of ['A', 'B'] as const) {
    const copy = copyFixture('valid', { [VARIANT_FILE]: VARIANTS[v](original) });
    const out = tempDir();
    await build({ root: copy, out });
    expected[v] = { ...view(out), [STAMP_FILE]: null }; // the stamp depends on the files' times: compared apart
    checkCache[v] = checkCacheIn(out);
  }
  return { root, set, expected, checkCache };
}

/** Spawns `claimkb build` (optionally with a --import preload and environment); resolves with the exit code or signal. */
export function spawnBuild(root: string, out: string, options: { preload?: string; env?: NodeJS.ProcessEnv } = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const args = [...(options.preload ? ['--import', options.preload] : []), BIN, 'build', '--root', root, '--out', out];
  const child = spawn(process.execPath, args, { env: { ...process.env, CI: '1', ...options.env } });
  let [stdout, stderr] = ['', ''];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** A small seeded generator (mulberry32), so a run's choices can be replayed with its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one whole build; resolves to its duration and how long it ran after its first change in `out` (ms). */
export async function timeBuild(root: string, out: string): Promise<{ total: number; writing: number }> {
  const started = Date.now();
  let first = 0;
  const watcher = watch(out, () => (first ||= Date.now()));
  const { code } = await spawnBuild(root, out).done;
  watcher.close();
  if (code !== 0) throw new Error(`build failed: ${code}`);
  const end = Date.now();
  return { total: end - started, writing: end - (first || end) };
}

/** How one kill trial ended, as seen in the output folder. */
export type TrialOutcome = 'previous' | 'new' | 'invalid';

/**
 * One trial: switch the knowledge base to `variant`, spawn a build and SIGKILL it, either after
 * `delayMs` or (when `delayMs` is null) `afterWriteMs` after the first change in the output folder
 * (the writer's first step, whatever it is). Returns what
 * a reader sees afterwards: the previous outputs, the new ones, or something else (a failure).
 */
export async function killTrial(kb: Awaited<ReturnType<typeof variantKb>>, out: string, variant: Variant, delayMs: number | null, afterWriteMs: number) {
  const before = view(out);
  const stamp = kb.set(variant);
  const { child, done } = spawnBuild(kb.root, out);
  const kill = () => child.kill('SIGKILL');
  let armed = false; // the first change in the output folder (whatever the writer does first) starts the countdown
  const watcher = delayMs === null ? watch(out, () => !armed && (armed = true) && setTimeout(kill, afterWriteMs)) : null;
  const timer = delayMs === null ? null : setTimeout(kill, delayMs);
  const result = await done;
  watcher?.close();
  if (timer) clearTimeout(timer);
  const after = view(out);
  const same = (a: Outputs, b: Outputs) => OUTPUT_FILES.every((n) => a[n] === b[n]);
  const outcome: TrialOutcome = same(after, before) && after[STAMP_FILE] === before[STAMP_FILE] ? 'previous' : same(after, kb.expected[variant]) && after[STAMP_FILE] === stamp ? 'new' : 'invalid';
  const rollForward = existsSync(out) && readdirSync(out).some((n) => n.startsWith('.staging-') && existsSync(path.join(out, n, 'COMMIT')));
  // In place, each file is whole: one of the known versions of it, never partial JSON.
  const known = (name: string, text: string) => [before[name], kb.expected.A[name], kb.expected.B[name]].includes(text);
  const whole = OUTPUT_FILES.every((name) => {
    const file = path.join(out, name);
    return !existsSync(file) || known(name, readFileSync(file, 'utf8'));
  });
  // check's cache as check reads it (base and journal merged, for the outputs in place) is that of their build, or none.
  const cache = checkCacheIn(out);
  const checkCache = cache === null ? 'none' : cache === kb.checkCache.A || cache === kb.checkCache.B ? 'right' : 'wrong';
  return { outcome, whole, checkCache, killed: result.signal === 'SIGKILL', rollForward, exit: result.code };
}
