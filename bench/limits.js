#!/usr/bin/env node
// Shows why claim bodies have markdown limits (src/validate/markdown-limits.ts) and what they buy.
// For each pathological pattern: remark alone on n and 2n repetitions (the ratio is ~2 for linear
// time, ~4 or more for quadratic), then claimkb's body analysis on the worst input the limits let
// through (the largest n that passes them, padded to the size limit where it helps). Medians of --runs.
//   node bench/limits.js [--runs 3] [--n 2000]
import { parseArgs } from 'node:util';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { analyzeBody } from '../dist/validate/body.js';
import { BODY_LIMITS, checkMarkdownLimits } from '../dist/validate/markdown-limits.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, n: { type: 'string', default: '2000' } } });
const RUNS = Number(values.runs);
const N = Number(values.n);
const parser = unified().use(remarkParse);

/** Pattern generators: text for n repetitions. */
const PATTERNS = {
  'nested quotes (> > > … x)': (n) => `${'> '.repeat(n)}x`,
  'nested list items (- - - … x)': (n) => `${'- '.repeat(n)}x`,
  'nested emphasis (*a *a … a* a*)': (n) => `${'*a '.repeat(n)}x${' a*'.repeat(n)}`,
  'emphasis runs (***…a***…)': (n) => `${'*'.repeat(n)}a${'*'.repeat(n)}`,
  'nested images (![![…](u)](u))': (n) => `${'!['.repeat(n)}x${'](u)'.repeat(n)}`,
  'underlined headings (a / =)': (n) => 'a\n=\n\n'.repeat(n),
  'separate block quotes (> a)': (n) => '> a\n\n'.repeat(n),
  'list items (- a)': (n) => '- a\n'.repeat(n),
};

function median(f) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** The largest repetition count whose text passes BODY_LIMITS. */
function largestAllowed(make) {
  let [lo, hi] = [0, 1];
  while (!checkMarkdownLimits(make(hi), BODY_LIMITS) && make(hi).length <= BODY_LIMITS.maxChars) [lo, hi] = [hi, hi * 2];
  while (lo < hi - 1) {
    const mid = (lo + hi) >> 1;
    if (checkMarkdownLimits(make(mid), BODY_LIMITS)) hi = mid;
    else lo = mid;
  }
  return lo;
}

const ms = (x) => `${x.toFixed(0)} ms`.padStart(9);
console.log(`remark alone on n and 2n repetitions (n = ${N}), then claimkb's body analysis at the limits; medians of ${RUNS}`);
console.log(`${'pattern'.padEnd(34)} ${'n'.padStart(9)} ${'2n'.padStart(9)} ratio | allowed  ${'analysis'.padStart(9)}`);
for (const [name, make] of Object.entries(PATTERNS)) {
  const a = median(() => parser.parse(make(N)));
  const b = median(() => parser.parse(make(2 * N)));
  const n = largestAllowed(make);
  const worst = median(() => analyzeBody(make(n), { line: 1, column: 1 }, 'x.md'));
  console.log(`${name.padEnd(34)} ${ms(a)} ${ms(b)} ${(b / Math.max(a, 0.5)).toFixed(1).padStart(5)} | ${String(n).padStart(7)}  ${ms(worst)}`);
}
