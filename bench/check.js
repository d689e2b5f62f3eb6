#!/usr/bin/env node
// Times `claimkb check` on a 5,000-word article against a knowledge base folder, and prints the
// median of several runs: opening the prebuilt outputs (index.json + claims.json), checking, and the
// whole command spawned as a user runs it. The knowledge base is built first when its outputs are
// missing or stale (not timed).
//   node bench/check.js --root KB [--article FILE] [--words 5000] [--runs 5] [--json]
// Without --article, the article is <KB>/article.md when it exists (bench/generate.js writes one), else
// a deterministic one is made from the knowledge base itself: claim sentences as written, claim
// sentences with a changed figure or year, sentences no claim covers, and filler.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from '../dist/build.js';
import { check } from '../dist/check/check.js';
import { timed } from './lib/measure.js';
import { openCheckKb } from '../dist/check/load.js';
import { staleness } from '../dist/search/staleness.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '..', 'bin', 'claimkb.js');
const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    article: { type: 'string' },
    words: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
if (!values.root) {
  process.stderr.write('usage: node bench/check.js --root KB [--article FILE] [--words 5000] [--runs 5] [--json]\n');
  process.exit(2);
}
const root = path.resolve(values.root);
const out = path.join(root, 'build');
const runs = Math.max(1, Number(values.runs));

const FILLER = [
  'The morning was grey and the office smelled of coffee.',
  'Readers have written to us with many questions about this.',
  'It is worth pausing here before going on.',
  'What follows is a short tour of the main points.',
];
const UNKNOWN = [
  'A regional survey found that 41% of commuters now cycle to work.',
  'The ministry said a new rail line would open in 2031.',
  'Analysts at Northwind estimate the sector is worth $12 billion.',
];

/** A deterministic article of about `words` words made from the knowledge base's claim sentences. */
function makeArticle(claims, words) {
  const sorted = [...claims].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const step = Math.max(1, Math.floor(sorted.length / 400));
  const paragraphs = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const c = sorted[(i * step) % sorted.length].claim;
    const sentences = [
      c,
      FILLER[i % FILLER.length],
      i % 3 === 0 ? c.replace(/\d+/, (d) => String(Number(d) + 7)) : sorted[(i * step + 1) % sorted.length].claim,
      UNKNOWN[i % UNKNOWN.length],
    ];
    const p = sentences.join(' ');
    paragraphs.push(p);
    count += p.split(/\s+/).length;
  }
  return `# A long article\n\n${paragraphs.join('\n\n')}\n`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (t) => Math.round(t * 10) / 10;

const reason = staleness(root, out);
if (reason) {
  process.stderr.write(`bench: ${reason}; building ${root} first (not timed)\n`);
  const result = await build({ root });
  if (!result.wrote) throw new Error('the knowledge base has errors; fix them before benchmarking');
}
const claims = JSON.parse(readFileSync(path.join(out, 'claims.json'), 'utf8')).claims;
const given = values.article ?? (existsSync(path.join(root, 'article.md')) ? path.join(root, 'article.md') : undefined);
const article = given ? readFileSync(given, 'utf8') : makeArticle(claims, Number(values.words));
const articleFile = given ?? path.join(mkdtempSync(path.join(tmpdir(), 'claimkb-bench-')), 'article.md');
if (!given) writeFileSync(articleFile, article);
const wordCount = article.split(/\s+/).filter(Boolean).length;

const open = [];
const checking = [];
const cli = [];
let summary = null;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const { kb, rebuilt } = await openCheckKb(root, out);
  if (rebuilt) throw new Error(`bench: outputs unusable (${rebuilt})`);
  const t1 = performance.now();
  const result = check(article, kb, { file: 'article.md' });
  const t2 = performance.now();
  open.push(t1 - t0);
  checking.push(t2 - t1);
  summary = result.summary;
  const r = timed(process.execPath, [BIN, 'check', articleFile, '--root', root, '--json'], { ok: [0, 1] });
  cli.push(r.ms);
}

const report = {
  root,
  article: given ?? '(made from the knowledge base)',
  claims: claims.length,
  articleWords: wordCount,
  sentences: summary.sentences,
  checked: summary.checked,
  counts: summary.counts,
  runs,
  medianMs: { open: ms(median(open)), check: ms(median(checking)), openAndCheck: ms(median(open.map((o, i) => o + checking[i]))), cli: ms(median(cli)) },
};
if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  const m = report.medianMs;
  process.stdout.write(
    `claimkb check: ${report.articleWords}-word article ${report.article} (${report.sentences} sentences, ${report.checked} checked)\n` +
      `against ${report.claims} claims in ${root}, median of ${runs} runs\n` +
      `  open outputs   ${m.open} ms\n  check          ${m.check} ms\n  open + check   ${m.openAndCheck} ms\n  whole command  ${m.cli} ms (spawned node process, including start-up)\n`,
  );
}
