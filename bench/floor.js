#!/usr/bin/env node
/**
 * The stack's floor: what any build of a knowledge base on this stack must at least do, as a plain
 * single-threaded script. It reads every content file, parses its YAML frontmatter with `yaml`, parses
 * every claim body with remark, indexes the claims with MiniSearch `addAll` (claimkb's index options),
 * and writes the JSON (the serialized index, and the parsed claims and sources). No validation, no
 * positions, no quote verification, no cache, no workers.
 *
 *   node bench/floor.js <KB> [outDir]     prints {"ms": …, "rssMB": …} as JSON
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { MINISEARCH_OPTIONS } from '../dist/index/options.js';

/** Splits `---\nyaml\n---\nbody`; returns null when there is no frontmatter. */
function split(text) {
  if (!text.startsWith('---')) return null;
  const end = text.indexOf('\n---', 3);
  if (end < 0) return null;
  const bodyStart = text.indexOf('\n', end + 4);
  return { yaml: text.slice(4, end), body: bodyStart < 0 ? '' : text.slice(bodyStart + 1) };
}

function files(root, dir) {
  return readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(root, dir, f));
}

/** Runs the floor over the knowledge base `root`, writing to `out`. */
export function floor(root, out) {
  const parser = unified().use(remarkParse);
  const sources = [];
  for (const file of files(root, 'sources')) {
    const parts = split(readFileSync(file, 'utf8'));
    if (parts) sources.push({ ...parseYaml(parts.yaml), body: parts.body });
  }
  const claims = [];
  const docs = [];
  for (const file of files(root, 'claims')) {
    const parts = split(readFileSync(file, 'utf8'));
    if (!parts) continue;
    const meta = parseYaml(parts.yaml);
    parser.parse(parts.body);
    claims.push({ ...meta, body: parts.body });
    const quoted = [...(meta.appearances ?? []), ...(meta.evidence ?? [])];
    docs.push({
      id: meta.id, claim: meta.claim, body: parts.body, quotes: quoted.map((q) => q.quote).join('\n'),
      topics: (meta.topics ?? []).join(' '), verdict: meta.verdict, flags: meta.flags ?? [], level: 'none',
      sources: [...new Set(quoted.map((q) => q.source))].sort(), best: null,
    });
  }
  const index = new MiniSearch(MINISEARCH_OPTIONS);
  index.addAll(docs);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'index.json'), JSON.stringify(index));
  writeFileSync(path.join(out, 'claims.json'), JSON.stringify({ claims }, null, 2));
  writeFileSync(path.join(out, 'sources.json'), JSON.stringify({ sources }, null, 2));
  return { claims: claims.length, sources: sources.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write('usage: node bench/floor.js <KB> [outDir]\n');
    process.exit(2);
  }
  const out = process.argv[3] ?? path.join(tmpdir(), `claimkb-floor-${process.pid}`);
  const t0 = performance.now();
  const counts = floor(path.resolve(root), out);
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ...counts, ms: Math.round(ms), rssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}
