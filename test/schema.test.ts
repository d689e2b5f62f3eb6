import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { countBySeverity } from '../src/diagnostics.js';
import { OUTPUT_FILES, renderOutputs } from '../src/emit/outputs.js';
import { FLAGS, RELIABILITY, SOURCE_KINDS, STANCES, VERDICTS } from '../src/vocab.js';
import { fixture, tempDir } from './helpers/kb.js';

type Json = Record<string, unknown>;
type OutputName = (typeof OUTPUT_FILES)[number];

// ajv is CommonJS; depending on the interop, the class is the default export or its `.default`.
type Ajv2020Class = typeof Ajv2020Import.default;
const Ajv2020: Ajv2020Class = (Ajv2020Import as unknown as { default?: Ajv2020Class }).default ?? (Ajv2020Import as unknown as Ajv2020Class);

const REPO = path.resolve(__dirname, '..');
const SCHEMA_DIR = path.join(REPO, 'schema');
const schemaFile = (name: OutputName) => name.replace(/\.json$/, '.schema.json');
const loadSchema = (name: OutputName) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, schemaFile(name)), 'utf8')) as Json;

/**
 * One validator per output file, compiled in strict mode. strictRequired is off because the schemas
 * use `required` in if/then and with additionalProperties-typed maps (perVerdict, byTier, ...).
 */
function compileAll(): Record<OutputName, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  return Object.fromEntries(OUTPUT_FILES.map((n) => [n, ajv.compile(loadSchema(n))])) as Record<OutputName, ValidateFunction>;
}
const validators = compileAll();

/** The schema errors of `data` as readable strings; empty when it is valid. */
function errorsOf(name: OutputName, data: unknown): string[] {
  const validate = validators[name];
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The four outputs of a build as parsed JSON: read from disk when written, else rendered in memory. */
function outputsOf(result: BuildResult): Record<OutputName, Json> {
  const texts = result.wrote
    ? Object.fromEntries(OUTPUT_FILES.map((n) => [n, readFileSync(path.join(result.wrote!, n), 'utf8')]))
    : renderOutputs(result);
  return Object.fromEntries(OUTPUT_FILES.map((n) => [n, JSON.parse(texts[n]!) as Json])) as Record<OutputName, Json>;
}

/** Every `enum` array anywhere in a schema, with its JSON pointer. */
function enumsIn(node: unknown, at = ''): { at: string; values: unknown[] }[] {
  if (node === null || typeof node !== 'object') return [];
  const own = !Array.isArray(node) && Array.isArray((node as Json).enum) ? [{ at, values: (node as Json).enum as unknown[] }] : [];
  return [...own, ...Object.entries(node).flatMap(([k, v]) => enumsIn(v, `${at}/${k}`))];
}

const sorted = (values: readonly unknown[]) => [...values].map(String).sort();
const defs = (name: OutputName) => loadSchema(name).$defs as Record<string, Json>;
const byId = (items: { id: string }[]) => items.map((i) => i.id);

let fixtureResult: Promise<BuildResult> | undefined;
/** The fixture knowledge base built once, into a temporary folder. */
const fixtureBuild = () => (fixtureResult ??= build({ root: fixture('valid'), out: path.join(tempDir(), 'out') }));

describe('the JSON schemas in schema/', () => {
  it('are draft 2020-12, compile in strict mode and carry a relative $id, a title and a description', () => {
    for (const name of OUTPUT_FILES) {
      const s = loadSchema(name);
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toBe(schemaFile(name));
      expect(typeof s.title).toBe('string');
      expect(typeof s.description).toBe('string');
      expect(s.additionalProperties).toBe(false);
      expect((s.properties as Json).schemaVersion).toMatchObject({ const: 1 });
      expect(typeof validators[name]).toBe('function');
    }
  });

  it('take their enums from src/vocab.ts and the engine, so they cannot drift', async () => {
    const { report } = await fixtureBuild();
    const claims = defs('claims.json');
    const reportDefs = defs('report.json');
    const sources = defs('sources.json');
    const known: Record<string, string[]> = {
      verdict: Object.keys(VERDICTS), flag: Object.keys(FLAGS), stance: Object.keys(STANCES),
      kind: Object.keys(SOURCE_KINDS), reliability: Object.keys(RELIABILITY),
      tier: Object.keys(report.summary.quotes.byTier), level: Object.keys(report.perLevel), severity: Object.keys(countBySeverity([])),
    };
    const expectEnum = (d: Record<string, Json>, key: string) => expect(sorted(d[key]!.enum as string[]), key).toEqual(sorted(known[key]!));
    for (const key of ['verdict', 'flag', 'stance', 'tier', 'level']) expectEnum(claims, key);
    for (const key of ['verdict', 'flag', 'reliability', 'tier', 'level', 'severity']) expectEnum(reportDefs, key);
    for (const key of ['kind', 'reliability']) expectEnum(sources, key);
    const top = loadSchema('report.json').properties as Record<string, Json>;
    const summary = reportDefs.summary!.properties as Record<string, Json>;
    const byTier = (summary.quotes!.properties as Record<string, Json>).byTier!;
    expect(sorted(top.perVerdict!.required as string[])).toEqual(sorted(known.verdict!));
    expect(sorted(top.perLevel!.required as string[])).toEqual(sorted(known.level!));
    expect(sorted(byTier.required as string[])).toEqual(sorted(known.tier!));
    expect(sorted(summary.diagnostics!.required as string[])).toEqual(sorted(known.severity!));
    expect(Object.keys(reportDefs.sourceCount!.properties as Json)).toEqual(expect.arrayContaining(known.stance!));
    // No enum anywhere may hold values other than one of the known sets.
    const knownSets = Object.values(known).map((v) => JSON.stringify(sorted(v)));
    for (const name of OUTPUT_FILES) {
      for (const e of enumsIn(loadSchema(name))) expect(knownSets, `${name}#${e.at}`).toContain(JSON.stringify(sorted(e.values)));
    }
  });
});

describe('outputs of the fixture knowledge base', () => {
  it('are written and valid against their schemas', async () => {
    const result = await fixtureBuild();
    expect(result.ok).toBe(true);
    expect(result.wrote).not.toBeNull();
    const outputs = outputsOf(result);
    for (const name of OUTPUT_FILES) expect(errorsOf(name, outputs[name])).toEqual([]);
    expect((outputs['claims.json'].claims as unknown[]).length).toBe(4);
    expect((outputs['sources.json'].sources as unknown[]).length).toBe(2);
  });

  it('agree with each other on what the schemas cannot express: hashes, counts and sort orders', async () => {
    const o = outputsOf(await fixtureBuild());
    expectConsistent(o);
  });
});

type Mutation = [description: string, file: OutputName, mutate: (data: Json) => void, pointer: string];
const claim0 = (d: Json) => (d.claims as Json[])[0]!;
const source0 = (d: Json) => (d.sources as Json[])[0]!;
const MUTATIONS: Mutation[] = [
  ['a claim with verdict "maybe"', 'claims.json', (d) => { claim0(d).verdict = 'maybe'; }, '/claims/0/verdict'],
  ['an unknown flag', 'claims.json', (d) => { claim0(d).flags = ['made-up']; claim0(d).dubious = true; }, '/claims/0/flags/0'],
  ['a flagged claim not marked dubious', 'claims.json', (d) => { claim0(d).flags = ['misquote']; claim0(d).dubious = false; }, '/claims/0/dubious'],
  ['an absolute claim path', 'claims.json', (d) => { claim0(d).file = '/home/x/claims/a.md'; }, '/claims/0/file'],
  ['an unknown property on a claim', 'claims.json', (d) => { claim0(d).score = 1; }, '/claims/0'],
  ['a match at column 0', 'claims.json', (d) => { ((claim0(d).evidence as Json[])[0]!.match as Json).start = { line: 1, column: 0 }; }, '/claims/0/evidence/0/match'],
  ['schemaVersion 2', 'claims.json', (d) => { d.schemaVersion = 2; }, '/schemaVersion'],
  ['a low source without reliabilityNote', 'sources.json', (d) => { source0(d).reliability = 'low'; delete source0(d).reliabilityNote; }, '/sources/0'],
  ['an unknown source kind', 'sources.json', (d) => { source0(d).kind = 'podcast'; }, '/sources/0/kind'],
  ['a perVerdict with a missing verdict', 'report.json', (d) => { delete (d.perVerdict as Json).refuted; }, '/perVerdict'],
  ['a diagnostic with severity "fatal"', 'report.json', (d) => { d.diagnostics = [{ file: 'claims/a.md', line: 1, column: 1, severity: 'fatal', rule: 'x', message: 'm' }]; }, '/diagnostics/0/severity'],
  ['an index of another format', 'index.json', (d) => { d.format = 'lunr'; }, '/format'],
  ['an index without its MiniSearch body', 'index.json', (d) => { delete d.index; }, ''],
];

describe('broken documents', () => {
  it.each(MUTATIONS)('reject %s', async (_what, file, mutate, pointer) => {
    const data = structuredClone(outputsOf(await fixtureBuild())[file]);
    expect(errorsOf(file, data)).toEqual([]);
    mutate(data);
    const errors = errorsOf(file, data);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.startsWith(`${file}${pointer} `))).toBe(true);
  });
});

const repoHasClaims = existsSync(path.join(REPO, 'claims')) && readdirSync(path.join(REPO, 'claims')).some((f) => f.endsWith('.md'));

describe("outputs of the repository's own knowledge base", () => {
  it.skipIf(!repoHasClaims)('are valid against their schemas (rendered in memory if the build has errors)', async () => {
    const result = await build({ root: REPO, out: path.join(tempDir(), 'out') });
    const outputs = outputsOf(result);
    for (const name of OUTPUT_FILES) expect(errorsOf(name, outputs[name])).toEqual([]);
    expectConsistent(outputs);
    expect((outputs['claims.json'].claims as unknown[]).length).toBeGreaterThan(0);
  });
});

/** Checks the cross-file facts a schema cannot state. */
function expectConsistent(o: Record<OutputName, Json>): void {
  const hashes = new Set(OUTPUT_FILES.map((n) => o[n].contentHash));
  expect(hashes.size).toBe(1);
  const claims = o['claims.json'].claims as { id: string; flags: string[]; support: { supportedBy: string[]; refutedBy: string[] } }[];
  const sources = o['sources.json'].sources as { id: string; usedBy: string[] }[];
  const index = o['index.json'];
  expect(index.documentCount).toBe(claims.length);
  expect((index.index as Json).documentCount).toBe(claims.length);
  expect(byId(claims)).toEqual(sorted(byId(claims)));
  expect(byId(sources)).toEqual(sorted(byId(sources)));
  for (const c of claims) {
    expect(c.flags).toEqual(sorted(c.flags));
    for (const list of [c.support.supportedBy, c.support.refutedBy]) expect(list).toEqual(sorted(list));
  }
  for (const s of sources) expect(s.usedBy).toEqual(sorted(s.usedBy));
  const summary = (o['report.json'].summary as Json);
  expect(summary.claims).toBe(claims.length);
  expect(summary.sources).toBe(sources.length);
}

describe('index.map.json', () => {
  it('is valid against its schema, and fits the index.json written with it', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'index-map.schema.json'), 'utf8')) as Json;
    expect([schema.$id, schema.additionalProperties]).toEqual(['index-map.schema.json', false]);
    const validate = ajv.compile(schema);
    const result = await fixtureBuild();
    const map = JSON.parse(readFileSync(path.join(result.wrote!, 'index.map.json'), 'utf8')) as Json & { words: string[]; postings: number[]; indexBytes: number };
    expect(validate(map) ? [] : validate.errors).toEqual([]);
    const index = readFileSync(path.join(result.wrote!, 'index.json'));
    expect(map.indexBytes).toBe(index.length);
    expect(map.postings).toHaveLength(2 * map.words.length);
    const first = JSON.parse(index.subarray(map.postings[0], map.postings[1]).toString('utf8')) as Json;
    const whole = JSON.parse(index.toString('utf8')) as { contentHash: string; index: { index: [string, Json][] } };
    expect([map.words[0], first]).toEqual(whole.index.index[0]);
    expect(map.contentHash).toBe(whole.contentHash);
  });
});
