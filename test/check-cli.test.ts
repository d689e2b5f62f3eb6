import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
let root: string;

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args], { cwd: root, encoding: 'utf8', input, env: { ...process.env, CI: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  root = copyFixture('check-basic');
  const built = spawnSync(process.execPath, [BIN, 'build', '--root', root], { encoding: 'utf8' });
  expect(built.status).toBe(0);
});

describe('claimkb check, spawned', () => {
  it('prints file:line:col status  sentence → claim, and exits 1 on refuted or conflict', () => {
    const r = cli(['article.md']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toContain(
      'article.md:8:3 refuted     The bridge carries about 90,000 vehicles a day. → blog-bridge-90000-vehicles, refuted, fabricated-statistic, “the bridge carries 40,000 vehicles a day” (The Harbor Bridge opening report)',
    );
    expect(lines).toContain('    number: the article says $3.4 billion; the knowledge base says $2.1 billion');
    expect(lines.at(-1)).toBe(
      'article.md: 10 sentences, 8 check-worthy: 2 supported, 2 refuted, 1 misleading, 1 unverified, 1 conflict, 1 unknown; 3 at or above --fail-on refuted',
    );
  });

  it('prints {findings, summary} as JSON', () => {
    const r = cli(['article.md', '--json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out) as { findings: Record<string, unknown>[]; summary: Record<string, unknown> };
    for (const f of data.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['text', 'start', 'end', 'status', 'score', 'claim', 'conflicts']));
      expect(Object.keys(f.start as object)).toEqual(['line', 'column', 'offset']);
    }
    expect(data).toMatchSnapshot();
  });

  it('reads standard input, and exits 0 when nothing reaches --fail-on', () => {
    const r = cli(['-', '--json'], 'The Harbor Bridge opened to traffic on 3 March 2025.\n');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { findings: { status: string; claim: string }[]; summary: { file: string } };
    expect(data.findings.map((f) => [f.status, f.claim])).toEqual([['supported', 'bridge-opened-2025-03-03']]);
    expect(data.summary.file).toBe('<stdin>');
    expect(cli(['article.md', '--fail-on', 'never']).code).toBe(0);
    expect(cli(['-', '--fail-on', 'unknown'], 'The mayor said the bridge has a bike lane painted green.').code).toBe(1);
  });

  it('exits 2 on usage errors', () => {
    expect(cli([]).code).toBe(2);
    expect(cli(['missing.md']).err).toMatch(/cannot read missing\.md: ENOENT/);
    expect(cli(['missing.md']).code).toBe(2);
    expect(cli(['article.md', '--fail-on', 'sometimes']).code).toBe(2);
    expect(cli(['article.md', '--min-score', '2']).code).toBe(2);
    expect(cli(['article.md', '--nope']).code).toBe(2);
  });

  it('on stale outputs, checks against a build in memory with the build cache, finding what a new build would', () => {
    const stale = copyFixture('check-basic');
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: stale, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(run(['build', '--root', stale]).status).toBe(0);
    const claim = path.join(stale, 'claims', readdirSync(path.join(stale, 'claims')).sort()[0]!);
    writeFileSync(claim, readFileSync(claim, 'utf8').replace(/^verdict: .*$/m, 'verdict: unverified'));
    const r = run(['check', 'article.md', '--root', stale, '--json']);
    expect(r.stderr).toMatch(/changed since the last build.*checked against a knowledge base built in memory/);
    expect(run(['build', '--root', stale]).status).toBe(0);
    const fresh = run(['check', 'article.md', '--root', stale, '--json']);
    expect(fresh.stderr).toBe('');
    expect(r.stdout).toBe(fresh.stdout);
  });

  it('builds in memory and says so when there is no build', () => {
    const r = cli(['article.md', '--out', path.join(root, 'elsewhere')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no build found .*checked against a knowledge base built in memory/);
  });
});

describe('check as a library (src/index.ts)', () => {
  it('openCheckKb and check give the findings the CLI prints with --json', async () => {
    const api = await import('../src/index.js');
    const { formatJson } = await import('../src/check/format.js');
    const opened = await api.openCheckKb(root, path.join(root, 'build'));
    expect(opened.rebuilt).toBeNull();
    const article = readFileSync(path.join(root, 'article.md'), 'utf8');
    const result = api.check(article, opened.kb, { file: 'article.md' });
    expect(result.summary.failing).toBe(3);
    expect(formatJson(result)).toBe(cli(['article.md', '--json']).out);
  });
});
