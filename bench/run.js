#!/usr/bin/env node
/**
 * `npm run bench`: builds, rebuilds, searches and checks synthetic knowledge bases of N claims (generated
 * by bench/generate.js when missing) and prints a table with the stack's floor (bench/floor.js) and grep.
 * Every claimkb figure is a whole process (`node` start to exit); repeated figures are medians.
 *
 *   npm run bench -- [--sizes 1000,10000] [--runs 5] [--build-runs 1] [--floor-runs 1] [--keep-env] [--json]
 *
 * Timed processes run without the variables in STARTUP_ENV (bench/lib/measure.js) unless --keep-env.
 * Before each timed section the benchmark flushes the file system's dirty pages (`sync`): the builds
 * write hundreds of MB, and the kernel writing them back 30 s later slowed the searches timed after
 * them by up to 45 ms.
 *
 * Default sizes: 1,000 and 10,000 (100,000 is opt-in: its floor alone takes minutes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION, VOCABULARY_SIZE, dataDigest, generate } from './generate.js';
import { vocabulary } from './lib/text.js';
import { claimkb, keepEnv, machine, median, removedEnv, timed } from './lib/measure.js';
import { computeStamp } from '../dist/index/stamp.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FLOOR = path.join(HERE, 'floor.js');
/**
 * The floor's heap limit (MB): at 100,000 claims MiniSearch's index and its JSON need more than Node's
 * default heap, so the floor gets most of the machine's memory (claimkb itself runs with the default).
 */
const FLOOR_HEAP_MB = Math.floor((os.totalmem() / 2 ** 20) * 0.75);
/** The generator's default seed (bench/generate.js). */
const SEED = 20260223;
/** Search queries: vocabulary words of decreasing frequency (Zipf ranks). */
const QUERY_RANKS = [150, 1200, 4000];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '5' },
    'floor-runs': { type: 'string', default: '1' },
    'build-runs': { type: 'string', default: '1' },
    'keep-env': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));
const floorRuns = Math.max(1, Number(values['floor-runs']));
const buildRuns = Math.max(1, Number(values['build-runs']));
if (values['keep-env']) keepEnv();
const log = (text) => process.stderr.write(`bench: ${text}\n`);

/** The data set of `n` claims, generated when missing, from another generator version, or edited since (its digest differs). */
function dataSet(n) {
  const dir = path.join(HERE, 'data', `n${n}`);
  const info = existsSync(path.join(dir, 'GENERATED.json')) ? JSON.parse(readFileSync(path.join(dir, 'GENERATED.json'), 'utf8')) : null;
  const why = info?.generatorVersion !== GENERATOR_VERSION || info?.n !== n ? 'missing or from another generator' : info.sha256 !== dataDigest(dir) ? 'edited since it was generated' : null;
  if (why) {
    log(`generating ${n} claims in ${dir} (${why})`);
    generate(n, dir);
  }
  return dir;
}

/** Flushes dirty pages to disk, so that writing back what an earlier step wrote does not land in the next timing (best effort). */
function settle() {
  spawnSync('sync', { stdio: 'ignore' });
}

/** Wall time (ms) and peak RSS of the floor, median of `floorRuns`. */
function floor(dir) {
  const out = path.join(dir, 'floor-out');
  const results = [];
  for (let i = 0; i < floorRuns; i++) {
    settle();
    const r = timed(process.execPath, [`--max-old-space-size=${FLOOR_HEAP_MB}`, FLOOR, dir, out]);
    results.push({ ms: r.ms, rss: JSON.parse(r.stdout).rssMB * 2 ** 20 });
  }
  rmSync(out, { recursive: true, force: true });
  return { ms: median(results.map((r) => r.ms)), rss: median(results.map((r) => r.rss)) };
}

/** The fastest and the slowest of a list of times: how far the runs behind a median spread on a noisy machine. */
function spread(xs) {
  return [Math.min(...xs), Math.max(...xs)];
}

/** Changes one claim's sentence (a different word each time), so that the rebuild has real work. */
function editClaim(dir, round) {
  const file = path.join(dir, 'claims', 'claim-000500.md');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/^claim: "(?:Edited \d+ )?/m, `claim: "Edited ${round} `));
  return () => writeFileSync(file, text);
}

function builds(dir) {
  const out = path.join(dir, 'build');
  const fulls = [];
  for (let i = 0; i < buildRuns; i++) {
    rmSync(out, { recursive: true, force: true });
    log(`full build of ${dir}`);
    settle();
    fulls.push(claimkb(['build', '--root', dir]));
  }
  const full = { ms: median(fulls.map((f) => f.ms)), rss: median(fulls.map((f) => f.rss)) };
  const nothing = [];
  settle();
  for (let i = 0; i < runs; i++) nothing.push(claimkb(['build', '--root', dir]).ms);
  const edited = [];
  let restore = null;
  settle();
  for (let i = 0; i < runs; i++) {
    const undo = editClaim(dir, i);
    restore ??= undo; // the first edit's undo puts back the generated text (later ones, the previous edit's)
    edited.push(claimkb(['build', '--root', dir]).ms);
  }
  restore?.();
  claimkb(['build', '--root', dir]); // back to the generated claims (not timed)
  return { full, unchanged: median(nothing), edited: median(edited), editedRange: spread(edited), indexBytes: statSync(path.join(out, 'index.json')).size };
}

function searches(dir) {
  const words = vocabulary(VOCABULARY_SIZE, SEED).words;
  const queries = QUERY_RANKS.map((r) => words[r]);
  const search = [];
  const trusting = [];
  const grep = [];
  const perQuery = [];
  settle();
  for (const q of queries) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      times.push(claimkb(['search', q, '--root', dir]).ms);
      trusting.push(claimkb(['search', q, '--root', dir, '--assume-fresh']).ms);
      grep.push(timed('grep', ['-ril', q, path.join(dir, 'claims')], { ok: [0, 1] }).ms);
    }
    search.push(...times);
    perQuery.push(median(times));
  }
  const stamp = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    computeStamp(dir);
    stamp.push(performance.now() - t0);
  }
  return { queries, search: median(search), searchRange: spread(search), perQuery, trusting: median(trusting), trustingRange: spread(trusting), grep: median(grep), stamp: median(stamp) };
}

/** A bare Node process (`node -e 0`), start to exit: the part of every CLI figure claimkb cannot change. */
function nodeStart() {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(timed(process.execPath, ['-e', '0']).ms);
  return median(times);
}

function checks(dir) {
  const article = path.join(dir, 'article.md');
  const words = readFileSync(article, 'utf8').split(/\s+/).filter(Boolean).length;
  const times = [];
  settle();
  for (let i = 0; i < runs; i++) times.push(claimkb(['check', article, '--root', dir, '--json'], { ok: [0, 1] }).ms);
  return { words, ms: median(times) };
}

function measure(n) {
  const dir = dataSet(n);
  log(`floor of ${dir}`);
  const fl = floor(dir);
  const b = builds(dir);
  log(`search and check on ${dir}`);
  return { n, floor: fl, ...b, ...searches(dir), check: checks(dir) };
}

const fmt = {
  s: (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1),
  ms: (ms) => ms.toFixed(0),
  mb: (b) => (b / 2 ** 20).toFixed(b < 10 * 2 ** 20 ? 1 : 0),
  x: (r) => r.toFixed(2),
};

function table(results) {
  const rows = [
    ['claims', (r) => r.n.toLocaleString('en-US')],
    ['floor: read, YAML, remark, MiniSearch addAll, write (s)', (r) => fmt.s(r.floor.ms)],
    ['full build (s)', (r) => fmt.s(r.full.ms)],
    ['  full build / floor', (r) => fmt.x(r.full.ms / r.floor.ms)],
    ['  peak RSS, build / floor (MB)', (r) => `${fmt.mb(r.full.rss)} / ${fmt.mb(r.floor.rss)}`],
    ['rebuild, nothing changed (s)', (r) => fmt.s(r.unchanged)],
    ['rebuild, one claim edited (s)', (r) => fmt.s(r.edited)],
    ['  fastest / slowest (s)', (r) => r.editedRange.map(fmt.s).join(' / ')],
    ['index.json (MB)', (r) => fmt.mb(r.indexBytes)],
    ['search, cold process (ms)', (r) => fmt.ms(r.search)],
    ['  fastest / slowest (ms)', (r) => r.searchRange.map(fmt.ms).join(' / ')],
    ['  each query (most to least frequent word) (ms)', (r) => r.perQuery.map(fmt.ms).join(' / ')],
    ['  of which: node -e 0 (ms)', () => fmt.ms(bareNode)],
    ['  of which: staleness stat of every content file, in process (ms)', (r) => fmt.ms(r.stamp)],
    ['search --assume-fresh (no staleness check), cold process (ms)', (r) => fmt.ms(r.trusting)],
    ['  fastest / slowest (ms)', (r) => r.trustingRange.map(fmt.ms).join(' / ')],
    ['grep -ril over claims/ (ms)', (r) => fmt.ms(r.grep)],
    ['  search / grep -ril', (r) => fmt.x(r.search / r.grep)],
    ['check, 5,000-word article (ms)', (r) => fmt.ms(r.check.ms)],
  ];
  const cells = rows.map(([label, f]) => [label, ...results.map(f)]);
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells.map((c) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ')).join('\n');
}

const before = machine();
const bareNode = nodeStart();
const results = sizes.map(measure);
const after = machine();
const removed = removedEnv();
if (values.json) process.stdout.write(`${JSON.stringify({ machine: before, loadAfter: after.load, runs, buildRuns, floorRuns, removedEnv: removed, nodeStartMs: bareNode, results }, null, 2)}\n`);
else {
  process.stdout.write(`${table(results)}\n\n`);
  process.stdout.write(`Machine: ${before.cpu}, ${before.cores} cores, ${before.memory}, Node ${before.node}; load average ${before.load.join(' ')} before, ${after.load.join(' ')} after.\n`);
  if (removed.length) process.stdout.write(`Timed processes ran without ${removed.join(', ')} (set here; it slows every Node start; --keep-env keeps it).\n`);
  process.stdout.write(`The floor runs with --max-old-space-size=${FLOOR_HEAP_MB} (Node's default heap is too small for it at 100,000 claims); claimkb with Node's defaults.\n`);
  process.stdout.write(`Medians of ${runs} runs (search: ${runs} runs of each of ${results[0]?.queries.join(', ')}); full build: median of ${buildRuns}; floor: median of ${floorRuns}.\n`);
}
