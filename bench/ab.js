#!/usr/bin/env node
// Compares commands by interleaved runs: round after round, each command runs once, in turn, so that
// a machine that slows down or speeds up (these shared VMs swing by up to 40% within minutes) affects
// them all alike. Prints each command's median, fastest and slowest wall time, and its median as a
// ratio to the first command's. This is how every before/after figure in the README was measured.
//   node bench/ab.js [--rounds 9] [--ok 0] [--keep-env] [--json] -- 'command A' 'command B' ...
// Each command runs with `sh -c`, without NODE_EXTRA_CA_CERTS (bench/lib/measure.js) unless --keep-env.
// --ok lists the exit codes that count as success (check exits 1 when it finds something: --ok 0,1).
// To compare two versions of claimkb, check the old one out in a worktree, compile it there
// (`npx tsc -p tsconfig.json`), and give each version its own --out folder, for example:
//   node bench/ab.js --rounds 15 -- \
//     'node ../old/bin/claimkb.js search widget --root bench/data/n10000 --out /tmp/old-out' \
//     'node bin/claimkb.js search widget --root bench/data/n10000 --out /tmp/new-out'
import { parseArgs } from 'node:util';
import { keepEnv, median, removedEnv, timed } from './lib/measure.js';

/** Rounds by default: enough for a median that a single slow run does not move. */
const DEFAULT_ROUNDS = 9;

const { values, positionals } = parseArgs({
  options: {
    rounds: { type: 'string', default: String(DEFAULT_ROUNDS) },
    ok: { type: 'string', default: '0' },
    'keep-env': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const rounds = Number(values.rounds);
const ok = values.ok.split(',').map(Number);
if (!Number.isInteger(rounds) || rounds < 1 || ok.some((c) => !Number.isInteger(c)) || positionals.length === 0) {
  process.stderr.write("usage: node bench/ab.js [--rounds N] [--ok 0,1] [--keep-env] [--json] -- 'command' ...\n");
  process.exit(2);
}
if (values['keep-env']) keepEnv();

const times = positionals.map(() => []);
try {
  for (let r = 0; r < rounds; r++) {
    positionals.forEach((command, i) => times[i].push(timed('sh', ['-c', command], { ok }).ms));
    process.stderr.write(`ab: round ${r + 1} of ${rounds}\n`);
  }
} catch (error) {
  process.stderr.write(`${error.message.trimEnd()}\n(--ok lists the exit codes that count as success)\n`);
  process.exit(1);
}

const rows = positionals.map((command, i) => ({ command, medianMs: median(times[i]), minMs: Math.min(...times[i]), maxMs: Math.max(...times[i]) }));
const first = rows[0].medianMs;
if (values.json) {
  process.stdout.write(`${JSON.stringify({ rounds, removedEnv: removedEnv(), results: rows.map((r) => ({ ...r, ratio: r.medianMs / first })) }, null, 2)}\n`);
} else {
  const ms = (x) => x.toFixed(1).padStart(9);
  process.stdout.write(`   median   fastest   slowest   ratio  command (interleaved, ${rounds} rounds)\n`);
  for (const r of rows) process.stdout.write(`${ms(r.medianMs)} ${ms(r.minMs)} ${ms(r.maxMs)}  ${(r.medianMs / first).toFixed(3)}  ${r.command}\n`);
  const removed = removedEnv();
  if (removed.length) process.stdout.write(`Commands ran without ${removed.join(', ')} (--keep-env keeps it).\n`);
}
