/**
 * Timing helpers for the benchmark: run a process and measure its wall time (and, for claimkb, its peak
 * RSS), medians, and the description of the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The CLI launcher that also reports its peak RSS. */
export const MEASURED_CLI = path.join(HERE, 'measured-cli.cjs');

/**
 * Variables removed from the environment of the processes the benchmark times (unless keepEnv is
 * called): NODE_EXTRA_CA_CERTS makes Node 20 read a CA bundle at every start (about 40 ms on the
 * machines this was written on, which set it), and claimkb needs no network.
 */
export const STARTUP_ENV = ['NODE_EXTRA_CA_CERTS'];
let baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !STARTUP_ENV.includes(k)));

/** Times processes with this process's environment as it is. */
export function keepEnv() {
  baseEnv = { ...process.env };
}

/** The STARTUP_ENV variables set here and removed from the timed processes' environment. */
export function removedEnv() {
  return STARTUP_ENV.filter((k) => process.env[k] !== undefined && baseEnv[k] === undefined);
}

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs a command; returns its wall time in ms, exit status and output. Throws when it fails unexpectedly. */
export function timed(cmd, args, { env = {}, ok = [0] } = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...baseEnv, ...env } });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (!ok.includes(r.status)) throw new Error(`bench: ${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `claimkb <args>` as a process; returns its wall time in ms, peak RSS in bytes, status and output. */
export function claimkb(args, options = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimkb-bench-'));
  const rssFile = path.join(dir, 'rss');
  try {
    const r = timed(process.execPath, [MEASURED_CLI, ...args], { ...options, env: { ...options.env, CLAIMKB_BENCH_RSS_FILE: rssFile, CI: '' } });
    return { ...r, rss: Number(readFileSync(rssFile, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-line description of this machine: CPU model, cores, memory, Node version, load. */
export function machine() {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() ?? 'unknown CPU';
  const mem = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  return { cpu: model, cores: cpus.length, memory: mem, node: process.version, platform: `${os.platform()} ${os.release()}`, load: os.loadavg().map((l) => l.toFixed(2)) };
}
