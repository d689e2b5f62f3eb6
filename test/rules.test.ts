import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../src/build.js';
import { parseFound } from '../src/load/load.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { MAX_FILE_BYTES } from '../src/load/read.js';
import { RULES } from '../src/rules.js';
import { copyFixture, fixture, tempDir } from './helpers/kb.js';

async function diagnosticsOf(root: string, options: Partial<BuildOptions> = {}) {
  const result = await build({ root, out: null, ...options });
  return result.report.diagnostics;
}

const staticCases = readdirSync(fixture('rules')).sort();

/** Rules whose fixture is made at test time (binary content, links, sizes, case-only names); some need build options. */
const dynamicCases: Record<string, (dir: string) => void | Partial<BuildOptions>> = {
  'file-empty': (dir) => writeFileSync(path.join(dir, 'claims/empty.md'), ''),
  'file-encoding': (dir) => writeFileSync(path.join(dir, 'claims/latin1.md'), Buffer.from('---\nid: latin1\nclaim: caf\xe9\n---\n', 'latin1')),
  'file-too-large': (dir) => {
    const file = path.join(dir, 'sources/huge.md');
    writeFileSync(file, '');
    truncateSync(file, MAX_FILE_BYTES + 1);
  },
  'symlink-outside-root': (dir) => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.md'), '---\nid: secret\n---\n');
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'claims/secret.md'));
  },
  'frontmatter-too-large': (dir) => writeFileSync(path.join(dir, 'claims/big.md'), `---\nid: big\nclaim: ${'x'.repeat(70_000)}\n---\n`),
  'symlink-broken': (dir) => symlinkSync(path.join(dir, 'claims/nowhere.md'), path.join(dir, 'claims/dangling.md')),
  'symlink-loop': (dir) => symlinkSync(path.join(dir, 'claims'), path.join(dir, 'claims/again')),
  // A file removed between discovery and reading (as root, permissions cannot make a file unreadable).
  'file-unreadable': (dir) => {
    writeFileSync(path.join(dir, 'claims/gone.md'), '---\nid: gone\n---\n');
    return { parseAll: async (files) => (rmSync(path.join(dir, 'claims/gone.md')), Promise.all(files.map(parseFound))) };
  },
  'case-conflict': (dir) => {
    mkdirSync(path.join(dir, 'claims'), { recursive: true });
    writeFileSync(path.join(dir, 'claims/OK.md'), '---\nid: ok\n---\n');
  },
};

describe('every diagnostic rule has a fixture', () => {
  it('covers the whole rule catalog', () => {
    expect([...staticCases, ...Object.keys(dynamicCases)].sort()).toEqual(Object.keys(RULES).sort());
  });

  it.each(staticCases)('%s is reported with its position', async (rule) => {
    const diags = await diagnosticsOf(fixture('rules', rule));
    const hits = diags.filter((d) => d.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    for (const d of hits) expect(d.severity).toBe(RULES[rule as keyof typeof RULES].severity);
    expect(diags.map(formatDiagnostic).join('\n')).toMatchSnapshot();
  });

  it.each(Object.keys(dynamicCases))('%s is reported, and the rest still builds', async (rule) => {
    const dir = copyFixture('rules/unused-source');
    const options = dynamicCases[rule]!(dir) ?? {};
    const result = await build({ root: dir, out: null, ...options });
    const hits = result.report.diagnostics.filter((d) => d.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    for (const d of hits) expect(d.severity).toBe(RULES[rule as keyof typeof RULES].severity);
    expect(result.claims.map((c) => c.id)).toContain('ok');
  });
});

describe('positions', () => {
  it('points a duplicate YAML key at its line and column', async () => {
    const diags = await diagnosticsOf(fixture('rules', 'yaml-syntax'));
    const d = diags.find((x) => x.rule === 'yaml-syntax')!;
    expect([d.file, d.line, d.column]).toEqual(['claims/bad.md', 5, 1]);
  });

  it('points a missing quote at the quote in the claim file, with the closest passage', async () => {
    const diags = await diagnosticsOf(fixture('rules', 'quote-not-found'));
    const d = diags.find((x) => x.rule === 'quote-not-found')!;
    expect([d.file, d.line, d.column]).toEqual(['claims/bad.md', 7, 12]);
    expect(d.hint).toContain('closest passage at sources/src-a.md:7:1: "The sky was blue on 23 February 2026');
  });

  it('names both places of a duplicate id', async () => {
    const diags = await diagnosticsOf(fixture('rules', 'duplicate-id'));
    const d = diags.find((x) => x.rule === 'duplicate-id')!;
    expect(d.file).toBe('claims/ok.md');
    expect(d.message).toContain('claims/ok-copy.md:2:5');
  });

  it('points a wrong enum value at the value', async () => {
    const diags = await diagnosticsOf(fixture('rules', 'schema'));
    const stance = diags.find((x) => x.rule === 'schema' && x.message.includes('stance'))!;
    expect([stance.line, stance.column]).toEqual([8, 13]);
    const unknown = diags.find((x) => x.message.includes("unknown field 'colour'"))!;
    expect([unknown.line, unknown.column]).toEqual([9, 1]);
  });
});
