import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { copyFixture, fixture, tempDir } from './helpers/kb.js';

const read = (dir: string, name: string) => readFileSync(path.join(dir, name), 'utf8');

describe('build of a valid knowledge base', () => {
  it('is clean and records how each quote matched', async () => {
    const result = await build({ root: fixture('valid'), out: null });
    expect(result.report.diagnostics).toEqual([]);
    const byId = new Map(result.claims.map((c) => [c.id, c]));
    expect(byId.get('widget-model-published-2026')!.evidence[0]!.match).toMatchObject({ tier: 'exact', start: { line: 15, column: 1 } });
    expect(byId.get('blog-widget-model-2024')!.evidence[0]!.match!.tier).toBe('normalized');
    expect(byId.get('blog-87-percent-blue')!.evidence[0]!.match!.tier).toBe('elided');
    expect(byId.get('widget-model-simulates-shapes')!.evidence[0]!.match!.tier).toBe('normalized');
    expect(result.report.summary.quotes).toEqual({ total: 7, verified: 7, notVerified: 0, byTier: { exact: 4, normalized: 2, elided: 1 } });
  });

  it('derives support and reports what lacks it', async () => {
    const { claims, report } = await build({ root: fixture('valid'), out: null });
    const support = Object.fromEntries(claims.map((c) => [c.id, c.support]));
    expect(support['widget-model-published-2026']).toEqual({ level: 'strong', supportedBy: ['lab-report'], refutedBy: [], lacking: null });
    expect(support['blog-widget-model-2024']).toEqual({ level: 'none', supportedBy: [], refutedBy: ['lab-report'], lacking: null });
    expect(support['blog-87-percent-blue']!.lacking).toBeNull();
    expect(report.dubious.map((d) => d.id)).toEqual(['blog-87-percent-blue', 'blog-widget-model-2024']);
    expect(report.dubious[1]!.appearances[0]).toEqual({ source: 'trade-blog', sourceTitle: 'Widget Weekly', line: 11, column: 1 });
    expect(report.perVerdict).toEqual({ misleading: 0, refuted: 1, supported: 2, unverified: 1 });
  });

  it('writes the four outputs with a schemaVersion, and matches the snapshots', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    const result = await build({ root, out });
    expect(result.wrote).toBe(out);
    for (const name of ['claims.json', 'sources.json', 'index.json', 'report.json']) {
      const data = JSON.parse(read(out, name)) as { schemaVersion: number };
      expect(data.schemaVersion).toBe(1);
    }
    expect(read(out, 'claims.json')).toMatchSnapshot();
    expect(read(out, 'report.json')).toMatchSnapshot();
    expect(read(out, 'sources.json')).toMatchSnapshot();
  });

  it('gives byte-identical outputs whatever the order files are created in', async () => {
    const a = copyFixture('valid');
    const b = tempDir();
    const files = ['claims', 'sources'].flatMap((d) => readdirSync(path.join(a, d)).map((f) => `${d}/${f}`)).reverse();
    for (const f of files) {
      mkdirSync(path.dirname(path.join(b, f)), { recursive: true });
      writeFileSync(path.join(b, f), read(a, f));
    }
    await build({ root: a, out: path.join(a, 'build') });
    await build({ root: b, out: path.join(b, 'build') });
    for (const name of ['claims.json', 'sources.json', 'index.json', 'report.json']) {
      expect(read(path.join(b, 'build'), name)).toBe(read(path.join(a, 'build'), name));
    }
  });
});

describe('atomic output', () => {
  it('leaves the previous outputs intact when a build fails', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    await build({ root, out });
    const before = read(out, 'claims.json');
    writeFileSync(path.join(root, 'claims/broken.md'), '---\nid: broken\nclaim: [unclosed\n---\n');
    const failed = await build({ root, out });
    expect(failed.ok).toBe(false);
    expect(failed.wrote).toBeNull();
    expect(read(out, 'claims.json')).toBe(before);
  });

  it('rolls a committed staging folder forward and drops an uncommitted one', async () => {
    const root = copyFixture('valid');
    const out = path.join(root, 'build');
    await build({ root, out });
    const good = read(out, 'claims.json');
    // An interrupted build that never reached its commit point: its partial files must not be used.
    mkdirSync(path.join(out, '.staging-1-1'));
    writeFileSync(path.join(out, '.staging-1-1', 'claims.json'), '{"partial');
    // Another one that reached its commit point but was killed while renaming.
    mkdirSync(path.join(out, '.staging-2-2'));
    writeFileSync(path.join(out, '.staging-2-2', 'report.json'), '{"rolled":true}\n');
    writeFileSync(path.join(out, '.staging-2-2', 'COMMIT'), JSON.stringify(['report.json']));
    const { recover } = await import('../src/emit/atomic.js');
    await recover(out);
    expect(read(out, 'claims.json')).toBe(good);
    expect(read(out, 'report.json')).toBe('{"rolled":true}\n');
    expect(readdirSync(out).filter((n) => n.startsWith('.staging'))).toEqual([]);
  });

  it('reports an output folder it cannot write as an error, not a crash', async () => {
    const root = copyFixture('valid');
    const blocker = path.join(root, 'not-a-folder');
    writeFileSync(blocker, 'x');
    await expect(build({ root, out: path.join(blocker, 'build') })).rejects.toThrow(/^claimkb: cannot write the outputs/);
  });
});

