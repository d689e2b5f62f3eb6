import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimSchema, SourceSchema } from '../src/schema.js';
import { plainClaimMeta, plainSourceMeta } from '../src/validate/plain-meta.js';
import { FLAGS, RELIABILITY, SOURCE_KINDS, STANCES, VERDICTS } from '../src/vocab.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const HOOK = path.resolve(__dirname, 'helpers', 'log-imports.mjs');

const junk = fc.constantFrom<unknown>(null, 1, 0, true, [], {}, ['a']);
/** Mostly valid values (so that many whole claims are valid), sometimes invalid ones of the same kind, sometimes junk. */
const mostly = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: invalid }, { weight: 1, arbitrary: junk });
const idish = mostly(fc.constantFrom('a', 'b', 'lab-report', 'x1-y2'), fc.constantFrom('A', 'a--b', '-a', 'a-', '', ' a', 'a b', 'été'));
const textish = mostly(fc.oneof(fc.constantFrom('x', 'A claim.', '  padded  ', '\u00a0x\u00a0', 'é'), fc.string({ minLength: 1, maxLength: 4 })), fc.constantFrom('', '   ', '\ufeff', '\n'));
const enumish = (table: object) => mostly(fc.constantFrom(...Object.keys(table)), fc.constantFrom('bogus', 'toString', ''));
const listOf = (item: fc.Arbitrary<unknown>) => mostly(fc.array(item, { maxLength: 3 }), junk);
/** A record of the given fields, each present or not, sometimes with a key the schema does not know. */
const objectOf = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.constantFrom<Record<string, unknown>>(...Array<Record<string, unknown>>(30).fill({}), { extra: 1 })).map(([o, extra]) => ({ ...o, ...extra }));
const appearance = mostly(objectOf({ source: idish, quote: textish }), fc.record({ source: idish }));
const evidence = mostly(objectOf({ source: idish, quote: textish, stance: enumish(STANCES), note: textish }), fc.record({ source: idish, quote: textish }));
/** A claim frontmatter: required keys mostly there, the others often missing. */
const claimData = mostly(
  fc
    .tuple(
      fc.record({ id: idish, claim: textish, verdict: enumish(VERDICTS) }),
      objectOf({ flags: listOf(enumish(FLAGS)), appearances: listOf(appearance), evidence: listOf(evidence), topics: listOf(idish), related: listOf(idish) }),
    )
    .map(([required, optional]) => ({ ...optional, ...required })),
  objectOf({ id: idish, claim: textish }),
);

const dateish = mostly(fc.constantFrom('unknown', '2026', '2026-02', '2026-02-23', '2024-02-29'), fc.constantFrom('2026-02-30', '2025-02-29', '26', '2026-13', ' 2026', 'Feb 2026'));
const urlish = mostly(fc.constantFrom('unknown', 'https://example.org/a', 'http://x.y'), fc.constantFrom('ftp://x', 'https://a b', 'example.org', ' https://x.y'));
const authorsish = mostly(fc.oneof(fc.constant('unknown'), fc.array(textish, { maxLength: 3 })), fc.constantFrom('Unknown', ' unknown', 'A. Writer'));
/** A source frontmatter: required keys mostly there, the others often missing. */
const sourceData = mostly(
  fc
    .tuple(
      fc.record({ id: idish, title: textish, kind: enumish(SOURCE_KINDS), reliability: enumish(RELIABILITY) }),
      objectOf({ reliabilityNote: textish, publisher: textish, authors: authorsish, url: urlish, published: dateish, accessed: dateish, capture: textish, notes: textish }),
    )
    .map(([required, optional]) => ({ ...optional, ...required })),
  objectOf({ id: idish, title: textish }),
);

/** Checks that `fast` accepts exactly what `schema` accepts, with the same value; returns how many it accepted. */
function agreement(data: fc.Arbitrary<unknown>, fast: (d: unknown) => unknown, schema: typeof ClaimSchema | typeof SourceSchema): number {
  let accepted = 0;
  fc.assert(
    fc.property(data, (d) => {
      const value = fast(d);
      const zod = schema.safeParse(d);
      expect(value !== null).toBe(zod.success);
      if (value === null) return;
      accepted++;
      expect(value).toStrictEqual(zod.data);
      expect(JSON.stringify(value)).toBe(JSON.stringify(zod.data));
    }),
    fuzzParams(3000),
  );
  return accepted;
}

describe('frontmatter validated without zod (validate/plain-meta.ts)', () => {
  it('accepts exactly what ClaimSchema accepts, with the same value and key order (property)', () => {
    expect(agreement(claimData, plainClaimMeta, ClaimSchema)).toBeGreaterThan(150); // the property is not vacuous
  });

  it('accepts exactly what SourceSchema accepts, with the same value and key order (property)', () => {
    expect(agreement(sourceData, plainSourceMeta, SourceSchema)).toBeGreaterThan(150);
  });

  it('needs a reliabilityNote for a source rated low, as SourceSchema does', () => {
    const low = { id: 's', title: 'T', kind: 'blog', reliability: 'low' };
    expect(plainSourceMeta(low)).toBeNull();
    expect(SourceSchema.safeParse(low).success).toBe(false);
    expect(plainSourceMeta({ ...low, reliabilityNote: ' Made up. ' })).toEqual({ ...low, reliabilityNote: 'Made up.' });
  });

  it('trims text, fills missing lists, keeps the schema order and leaves out a missing note', () => {
    const data = { verdict: 'refuted', related: ['b'], claim: '  A claim.  ', id: 'a', evidence: [{ stance: 'supports', quote: ' q ', source: 's' }] };
    expect(JSON.stringify(plainClaimMeta(data))).toBe(
      '{"id":"a","claim":"A claim.","verdict":"refuted","flags":[],"appearances":[],"evidence":[{"source":"s","quote":"q","stance":"supports"}],"topics":[],"related":["b"]}',
    );
  });

  it('leaves to zod whatever is not a valid claim, and objects that are not plain', () => {
    const ok = { id: 'a', claim: 'x', verdict: 'refuted' };
    expect(plainClaimMeta(ok)).not.toBeNull();
    for (const bad of [{ ...ok, flags: ['fabricated-statistic', 'fabricated-statistic'] }, { ...ok, extra: 1 }, { ...ok, claim: ' ' }, { ...ok, id: 'A' }, { ...ok, evidence: [{ source: 's', quote: 'q', stance: 'supports', note: '' }] }]) {
      expect(plainClaimMeta(bad)).toBeNull();
    }
    expect(plainClaimMeta(Object.assign(new (class Claim {})(), ok))).toBeNull();
    expect(plainClaimMeta(Object.assign(Object.create(null) as object, ok))).not.toBeNull();
  });

  it('a rebuild after a valid edit does not load zod; an invalid edit still gets its positioned diagnostic', () => {
    const root = copyFixture('valid');
    const run = () => {
      const log = path.join(tempDir(), 'imports.log');
      const r = spawnSync(process.execPath, ['--import', HOOK, BIN, 'build', '--root', root], { encoding: 'utf8', env: { ...process.env, CI: '1', CLAIMKB_IMPORT_LOG: log } });
      return { ...r, zod: /dist\/schema\.js|node_modules\/zod\//.test(readFileSync(log, 'utf8')) };
    };
    expect(run().status).toBe(0);
    const file = path.join(root, 'claims', 'widget-model-published-2026.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^(claim: .*)\.$/m, '$1, as edited.'));
    const edited = run();
    expect([edited.status, edited.zod]).toEqual([0, false]);
    writeFileSync(file, text.replace(/^verdict: \w+/m, 'verdict: maybe'));
    const invalid = run();
    expect(invalid.status).toBe(1);
    expect(invalid.zod).toBe(true);
    expect(invalid.stdout).toMatch(/claims\/widget-model-published-2026\.md:\d+:\d+ +error +'verdict': .* schema/);
  });
});
