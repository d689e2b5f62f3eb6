/**
 * Property-based fuzzing of the build (issue 6, "Fuzzing"): valid claim and source files are mutated
 * (byte flips, deletions, insertions of YAML and markdown metacharacters, truncation, duplicated and
 * swapped lines, encoding damage, delimiter damage) and the whole content pipeline runs on them: parse
 * each file, cross-check, verify quotes, resolve, index, render the JSON outputs. Properties: nothing
 * throws; every diagnostic names a file of the knowledge base and a position inside it; the untouched
 * files still load, and their claims are still resolved and reported, their quotes on untouched sources
 * matched as before. CI runs a fixed seed and a bounded count; `npm run fuzz` runs a long random one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/build.js';
import { renderOutputs } from '../../src/emit/outputs.js';
import { buildIndex } from '../../src/index/documents.js';
import { parseFile, type FileKind } from '../../src/load/parse-file.js';
import type { KnowledgeBase, ParsedClaim, ParsedSource } from '../../src/model.js';
import { fuzzParams } from '../helpers/fuzz.js';
import { fixture } from '../helpers/kb.js';

const FILES: Array<{ file: string; kind: FileKind; bytes: Buffer }> = ['claims', 'sources'].flatMap((dir) =>
  readdirSync(fixture('valid', dir)).sort().map((name) => ({ file: `${dir}/${name}`, kind: (dir === 'claims' ? 'claim' : 'source') as FileKind, bytes: readFileSync(fixture('valid', dir, name)) })),
);
const SNIPPETS = [
  ':', ': ', '- ', '---', '\n---\n', '--- js\n', '---toml\n', '&a ', '*a', '&a [*a, *a]', '!!js/function ', '!!binary ', '{', '}', '[', ']', '"', "'", '\t', '\r', '\r\n', '\n',
  '#', '|', '>', '? ', ',', '%YAML 1.1\n', '__proto__: {x: 1}\n', 'constructor: 1\n', 'prototype:\n', 'id: other\n', '012345', '2026-02-30', 'null', '~', '[@', '[@nope]', '[@lab-report]',
  '**', '__', '> > > > ', '- - - - ', '```\n', '`', '\\', '<!--', '&amp;', '…', '...', '\u0000', '\ufeff', '\u2028', '\ud800', '🙂', 'é',
];
const BAD_BYTES = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x00], [0xfe, 0xff], [0xef, 0xbb, 0xbf]];

type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'delete' | 'truncate' | 'dupLine' | 'swapLines' | 'utf16'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'bytes'; at: number; bytes: number[] }
  | { op: 'delimiter'; which: 0 | 1; text: string };

// Unbiased positions: fast-check's numbers lean towards 0 and the ends, which would hit the first bytes (the opening ---) far too often.
const at = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at, byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'truncate' as const, 'dupLine' as const, 'swapLines' as const), at, len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bytes' as const), at, bytes: fc.constantFrom(...BAD_BYTES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delimiter' as const), which: fc.constantFrom(0 as const, 1 as const), text: fc.constantFrom('', '--', '----', '---js', '--- toml', '---\t', '...', '--- ---') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('utf16' as const), at, len: fc.integer({ min: 1, max: 2 }) }) },
);

/** Applies one mutation to a file's bytes. */
function mutate(bytes: Buffer, m: Mutation): Buffer {
  const i = 'at' in m ? Math.floor(m.at * (bytes.length + 1)) : 0;
  const lines = () => bytes.toString('latin1').split('\n');
  const fromLines = (ls: string[]) => Buffer.from(ls.join('\n'), 'latin1');
  switch (m.op) {
    case 'flip':
      return i < bytes.length ? Buffer.concat([bytes.subarray(0, i), Buffer.from([m.byte]), bytes.subarray(i + 1)]) : bytes;
    case 'delete':
      return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + m.len)]);
    case 'truncate':
      return bytes.subarray(0, i);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(m.text, 'utf8'), bytes.subarray(i)]);
    case 'bytes':
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(m.bytes), bytes.subarray(i)]);
    case 'utf16':
      return m.len % 2 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]) : Buffer.from(bytes.toString('utf8'), 'utf16le');
    case 'dupLine':
    case 'swapLines': {
      const ls = lines();
      const a = Math.floor(m.at * ls.length);
      const b = (a + (m.len % 5) + 1) % ls.length;
      if (m.op === 'dupLine') ls.splice(a, 0, ls[a]!);
      else [ls[a], ls[b]] = [ls[b]!, ls[a]!];
      return fromLines(ls);
    }
    case 'delimiter': {
      const ls = lines();
      const index = ls.map((l, k) => (l === '---' ? k : -1)).filter((k) => k >= 0)[m.which];
      if (index !== undefined) ls[index] = m.text;
      return fromLines(ls);
    }
  }
}

/** The content pipeline of build, in memory: parse, analyze, index, render (everything but discovery and writing). */
function pipeline(files: Array<{ file: string; kind: FileKind; bytes: Uint8Array }>) {
  const parsed = files.map((f) => parseFile(f.kind, f.file, f.bytes));
  const kb: KnowledgeBase = {
    root: '/fuzz',
    sources: parsed.filter((p): p is ParsedSource => p.kind === 'source'),
    claims: parsed.filter((p): p is ParsedClaim => p.kind === 'claim'),
    diagnostics: [],
  };
  const { claims, sources, report } = analyze(kb);
  const index = buildIndex(claims, sources);
  const outputs = renderOutputs({ claims, sources, report, index, contentHash: 'fuzz' });
  for (const text of Object.values(outputs)) JSON.parse(text);
  return { claims, sources, report, index };
}

const baseline = pipeline(FILES);
const quotesOf = (r: typeof baseline, id: string) => {
  const c = r.claims.find((x) => x.id === id)!;
  return [...c.appearances, ...c.evidence].map((q) => [q.source, q.quote, q.match]);
};

/** Line lengths of a file as diagnostics count them (decoded, BOM dropped, CRLF and CR as one break). */
const lineLengths = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).split(/\r\n|\r|\n/).map((l) => l.length);

const stats = { runs: 0, errors: 0, rules: new Map<string, number>() };

describe('fuzzing the build with mutated claim and source files', () => {
  it('never throws; every diagnostic is positioned inside its file; untouched files still build', () => {
    const started = Date.now();
    const params = fuzzParams<[number[], Mutation[][]]>(400);
    const targets = fc.uniqueArray(fc.integer({ min: 0, max: FILES.length - 1 }), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(targets, fc.array(fc.array(mutation, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 2 }), (chosen, muts) => {
        const files = FILES.map((f, k) => {
          const j = chosen.indexOf(k);
          return j < 0 ? f : { ...f, bytes: muts[j]!.reduce(mutate, f.bytes) };
        });
        const result = pipeline(files);
        stats.runs++;
        const byFile = new Map(files.map((f) => [f.file, f]));
        for (const d of result.report.diagnostics) {
          const f = byFile.get(d.file);
          expect(f, `${d.file}: ${d.rule}`).toBeDefined();
          const lengths = lineLengths(f!.bytes);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.line, `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`).toBeLessThanOrEqual(lengths.length);
          expect(d.column, `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`).toBeLessThanOrEqual(lengths[d.line - 1]! + 1);
          if (d.severity === 'error') stats.errors++;
          stats.rules.set(d.rule, (stats.rules.get(d.rule) ?? 0) + 1);
        }
        const touched = new Set(chosen.map((k) => FILES[k]!.file));
        for (const f of FILES.filter((x) => !touched.has(x.file))) {
          const base = baseline.claims.find((c) => c.file === f.file) ?? baseline.sources.find((s) => s.file === f.file)!;
          const now = (f.kind === 'claim' ? result.claims : result.sources).find((x) => x.file === f.file);
          expect(now, `${f.file} no longer loads`).toBeDefined();
          expect(result.index.has(base.id) || f.kind === 'source', `${base.id} is not indexed`).toBe(true);
          if (f.kind !== 'claim') continue;
          const sourcesTouched = quotesOf(baseline, base.id).some(([s]) => [...touched].includes(`sources/${String(s)}.md`));
          if (!sourcesTouched) expect(quotesOf(result, base.id)).toEqual(quotesOf(baseline, base.id));
        }
      }),
      params,
    );
    const rules = [...stats.rules].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
    console.info(`fuzz: ${stats.runs} inputs, seed ${params.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s, ${stats.errors} error diagnostics; rules: ${rules}`);
  }, 3_600_000);
});
