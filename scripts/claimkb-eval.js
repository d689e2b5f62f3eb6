#!/usr/bin/env node
// Evaluates `claimkb check`: runs it on every article of test/eval/articles against the knowledge base
// and compares each sentence's status with the expected one in <article>.expected.json. Prints
// precision and recall per status; exits 1 when a target is missed, 2 when the labels are unusable.
// It also checks coverage: run on a source's text (default: the business blog whose seed is 004), check must
// flag every dubious claim that the knowledge base records as appearing in that source.
//   node scripts/claimkb-eval.js [--root DIR] [--articles DIR] [--min-score X] [--coverage SOURCE-ID] [--seed FILE]
//                            [--verbose] [--json]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { maskFrontmatter } from '../dist/check/blocks.js';
import { check } from '../dist/check/check.js';
import { build } from '../dist/build.js';
import { prepareKb } from '../dist/check/kb.js';
import { segmentArticle } from '../dist/check/segment.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STATUSES = ['supported', 'refuted', 'misleading', 'unverified', 'conflict', 'unknown', 'none'];
const PROBLEMS = new Set(['refuted', 'misleading', 'unverified', 'conflict']);
/** The targets of issue 4. */
const TARGETS = { supportedRecall: 0.9, problemRecall: 0.9, problemsAsSupported: 0 };

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: path.resolve(HERE, '..') },
    articles: { type: 'string', default: path.resolve(HERE, '..', 'test', 'eval', 'articles') },
    'min-score': { type: 'string' },
    coverage: { type: 'string', default: 'blockchain-news-psm-explained' },
    seed: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

/** Pairs every sentence of an article with exactly one expectation (its text starts with the label's text). */
function label(file, sentences, expected) {
  const errors = [];
  const used = new Set();
  const gold = sentences.map((s) => {
    const hits = expected.filter((e) => s.text.startsWith(e.text));
    if (hits.length !== 1) errors.push(`${file}:${s.start.line}:${s.start.column} ${hits.length} labels match: ${s.text}`);
    hits.forEach((h) => used.add(h));
    return hits[0] ?? null;
  });
  for (const e of expected) if (!used.has(e)) errors.push(`${file}: no sentence starts with "${e.text}"`);
  return { gold, errors };
}

function evaluateArticle(dir, name, kb, minScore) {
  const article = readFileSync(path.join(dir, name), 'utf8');
  const format = name.endsWith('.txt') ? 'text' : 'markdown';
  const expected = JSON.parse(readFileSync(path.join(dir, name.replace(/\.(md|txt)$/, '.expected.json')), 'utf8')).sentences;
  const sentences = segmentArticle(article, format);
  const { gold, errors } = label(name, sentences, expected);
  const findings = new Map(check(article, kb, { format, ...(minScore === undefined ? {} : { minScore }) }).findings.map((f) => [f.start.offset, f]));
  const rows = sentences.map((s, i) => {
    const f = findings.get(s.start.offset);
    return { file: name, at: `${s.start.line}:${s.start.column}`, text: s.text, gold: gold[i]?.status, claims: gold[i]?.claims ?? [], got: f?.status ?? 'none', claim: f?.claim ?? null, score: f?.score ?? null };
  });
  return { rows, errors };
}

/** Which dubious claims recorded as appearing in `source` check flags (as the finding's claim or in `also`) on its text. */
function coverage(root, source, seedFile, kb, claims, minScore) {
  const text = seedFile ? readFileSync(seedFile, 'utf8') : maskFrontmatter(readFileSync(path.join(root, 'sources', `${source}.md`), 'utf8'));
  const result = check(text, kb, { format: 'text', ...(minScore === undefined ? {} : { minScore }) });
  const flagged = new Set(result.findings.flatMap((f) => [f.claim, ...f.also.map((a) => a.claim)]).filter(Boolean));
  const wanted = claims.filter((c) => c.dubious && c.appearances.some((a) => a.source === source)).map((c) => c.id).sort();
  return { source, file: seedFile ?? `sources/${source}.md`, recorded: wanted.length, flagged: wanted.filter((id) => flagged.has(id)).length, missed: wanted.filter((id) => !flagged.has(id)) };
}

const ratio = (a, b) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

function metrics(rows) {
  const perStatus = Object.fromEntries(STATUSES.map((st) => {
    const gold = rows.filter((r) => r.gold === st).length;
    const predicted = rows.filter((r) => r.got === st).length;
    const correct = rows.filter((r) => r.gold === st && r.got === st).length;
    return [st, { gold, predicted, correct, precision: ratio(correct, predicted), recall: ratio(correct, gold) }];
  }));
  const goldP = rows.filter((r) => PROBLEMS.has(r.gold));
  const predP = rows.filter((r) => PROBLEMS.has(r.got));
  const bothP = goldP.filter((r) => PROBLEMS.has(r.got)).length;
  const withClaim = rows.filter((r) => r.claims.length > 0 && r.got === r.gold && r.claim !== null);
  return {
    sentences: rows.length,
    perStatus,
    problems: { gold: goldP.length, predicted: predP.length, correct: bothP, precision: ratio(bothP, predP.length), recall: ratio(bothP, goldP.length) },
    problemsAsSupported: goldP.filter((r) => r.got === 'supported').length,
    claimAccuracy: { correct: withClaim.filter((r) => r.claims.includes(r.claim)).length, of: withClaim.length },
  };
}

function report(m, rows) {
  const fmt = (x) => (x === null ? '    -' : x.toFixed(3));
  const lines = ['status        gold  found  correct  precision  recall'];
  for (const st of STATUSES) {
    const s = m.perStatus[st];
    lines.push(`${st.padEnd(12)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(6)} ${String(s.correct).padStart(8)}  ${fmt(s.precision).padStart(9)}  ${fmt(s.recall).padStart(6)}`);
  }
  const p = m.problems;
  lines.push('', `problem sentences (refuted, misleading, unverified, conflict): precision ${fmt(p.precision)}, recall ${fmt(p.recall)} (${p.correct} of ${p.gold})`);
  lines.push(`problem sentences reported as supported: ${m.problemsAsSupported}`);
  lines.push(`matched claim is an expected one: ${m.claimAccuracy.correct} of ${m.claimAccuracy.of}`);
  if (values.verbose) {
    lines.push('', 'mismatches:');
    for (const r of rows.filter((x) => x.got !== x.gold || (x.claim && x.claims.length && !x.claims.includes(x.claim)))) {
      lines.push(`  ${r.file}:${r.at} expected ${r.gold}, got ${r.got}${r.claim ? ` (${r.claim}, ${r.score})` : r.score !== null ? ` (best ${r.score})` : ''}: ${r.text.slice(0, 90)}`);
    }
  }
  return lines.join('\n');
}

const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score']);
const built = await build({ root: values.root, out: null });
if (!built.ok) process.stderr.write('claimkb-eval: the knowledge base has errors; evaluating it anyway\n');
const { claims } = built;
const kb = prepareKb(built.index, claims);
const names = readdirSync(values.articles).filter((n) => /\.(md|txt)$/.test(n)).sort();
const results = names.map((n) => evaluateArticle(values.articles, n, kb, minScore));
const errors = results.flatMap((r) => r.errors);
if (errors.length > 0) {
  process.stderr.write(`claimkb-eval: the labels do not fit the articles:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
  process.exit(2);
}
const rows = results.flatMap((r) => r.rows);
const m = metrics(rows);
const cov = coverage(values.root, values.coverage, values.seed, kb, claims, minScore);
const met =
  m.perStatus.supported.recall >= TARGETS.supportedRecall &&
  m.problems.recall >= TARGETS.problemRecall &&
  m.problemsAsSupported <= TARGETS.problemsAsSupported &&
  cov.missed.length === 0;
if (values.json) process.stdout.write(`${JSON.stringify({ articles: names, claims: kb.size, ...m, coverage: cov, targetsMet: met }, null, 2)}\n`);
else {
  process.stdout.write(`claimkb check evaluation: ${names.length} articles, ${m.sentences} sentences, knowledge base of ${kb.size} claims\n\n${report(m, rows)}\n`);
  process.stdout.write(`dubious claims recorded in ${cov.source}, flagged by check on ${cov.file}: ${cov.flagged} of ${cov.recorded}${cov.missed.length ? ` (missed: ${cov.missed.join(', ')})` : ''}\n\n`);
  process.stdout.write(`targets (supported recall ≥ ${TARGETS.supportedRecall}, problem recall ≥ ${TARGETS.problemRecall}, no problem reported as supported, every recorded dubious claim flagged): ${met ? 'met' : 'NOT met'}\n`);
}
process.exitCode = met ? 0 : 1;
