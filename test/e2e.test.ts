import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, tempDir } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, env: { ...process.env, CI: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('claimkb CLI, spawned', () => {
  it('builds a clean knowledge base: exit 0, report printed, outputs written', () => {
    const root = copyFixture('valid');
    const r = cli(['build', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.out).toMatchSnapshot();
    expect(existsSync(path.join(root, 'build', 'index.json'))).toBe(true);
  });

  it('prints every diagnostic as path:line:col severity message rule-id and exits 1', () => {
    const root = copyFixture('rules/quote-not-found', { 'claims/dup.md': '---\nid: dup\nid: dup\n---\n' });
    const r = cli(['build', '--root', root, '--out', path.join(tempDir(), 'o')]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n').filter((l) => / (error|warning) /.test(l));
    expect(lines).toEqual([
      expect.stringMatching(/^claims\/bad\.md:7:12 error quote not found in source 'sources\/src-a\.md' .* quote-not-found$/),
      expect.stringMatching(/^claims\/dup\.md:3:1 error .* yaml-syntax$/),
    ]);
  });

  it('fails on warnings only under --strict', () => {
    const root = copyFixture('rules/unused-source');
    expect(cli(['build', '--root', root]).code).toBe(0);
    expect(cli(['build', '--root', root, '--strict']).code).toBe(1);
  });

  it('exits 2 on usage errors', () => {
    expect(cli(['build', '--nope']).code).toBe(2);
    expect(cli(['frobnicate']).code).toBe(2);
    expect(cli(['build', '--root', tempDir()]).err).toMatch(/no claims\/ or sources\/ folder/);
    expect(cli(['search', 'x', '--limit', 'many']).code).toBe(2);
    const verdict = cli(['search', 'x', '--verdict', 'true']);
    expect([verdict.code, verdict.err]).toEqual([2, "claimkb: --verdict 'true' is not one of: misleading, refuted, supported, unverified\n"]);
    expect(cli(['search', 'x', '--flag', 'wrong-date,made-up']).err).toMatch(/^claimkb: --flag 'made-up' is not one of: fabricated-statistic, /);
  });

  it('prints the build report as JSON', () => {
    const root = copyFixture('valid');
    const r = cli(['build', '--root', root, '--json']);
    const data = JSON.parse(r.out) as { ok: boolean; summary: { claims: number }; schemaVersion: number };
    expect([data.ok, data.summary.claims, data.schemaVersion]).toEqual([true, 4, 1]);
  });

  it('searches the prebuilt index, and rebuilds in memory (saying so) when it is stale', () => {
    const root = copyFixture('valid');
    expect(cli(['build', '--root', root]).code).toBe(0);
    const fresh = cli(['search', '2024', '--root', root, '--json']);
    expect(fresh.err).toBe('');
    expect((JSON.parse(fresh.out) as { hits: { id: string }[] }).hits[0]!.id).toBe('blog-widget-model-2024');
    const text = cli(['search', '2024', '--root', root, '--flag', 'wrong-date']);
    expect(text.out).toMatchSnapshot();
    writeFileSync(path.join(root, 'claims/widget-model-published-2026.md'), readFileSync(path.join(root, 'claims/widget-model-published-2026.md'), 'utf8') + '\nMore.\n');
    const stale = cli(['search', '2024', '--root', root]);
    expect(stale.code).toBe(0);
    expect(stale.err).toMatch(/changed since the last build.*built in memory/);
  });

  it('with --assume-fresh, search, show, report and check use the last build without checking for edits since', () => {
    const root = copyFixture('valid');
    expect(cli(['build', '--root', root]).code).toBe(0);
    const file = path.join(root, 'claims/widget-model-published-2026.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('was published on', 'Zebrafinch was published on'));
    const checked = cli(['search', 'zebrafinch', '--root', root, '--json']);
    expect(checked.err).toMatch(/changed since the last build.*built in memory/);
    expect((JSON.parse(checked.out) as { hits: { id: string }[] }).hits.map((h) => h.id)).toEqual(['widget-model-published-2026']);
    const trusted = cli(['search', 'zebrafinch', '--root', root, '--assume-fresh']);
    expect([trusted.code, trusted.err, trusted.out]).toEqual([0, '', 'no matching claims\n']);
    const show = (flags: string[]) => cli(['show', 'widget-model-published-2026', '--root', root, ...flags]);
    expect(show([]).out).toMatch(/^claim: +The Lab Report describing the widget model Zebrafinch was published/m);
    expect([show(['--assume-fresh']).err, show(['--assume-fresh']).out]).toEqual(['', expect.stringMatching(/^claim: +The Lab Report describing the widget model was published/m)]);
    expect(cli(['report', '--root', root]).err).toMatch(/changed since the last build.*build in memory/);
    expect(cli(['report', '--root', root, '--assume-fresh']).err).toBe('');
    const article = path.join(tempDir(), 'article.md');
    writeFileSync(article, 'The Lab Report describing the widget model was published on 2026-02-23.\n');
    expect(cli(['check', article, '--root', root]).err).toMatch(/changed since the last build.*built in memory/);
    expect(cli(['check', article, '--root', root, '--assume-fresh']).err).toBe('');
    // they still need outputs they can trust: without any, search builds in memory, and says why
    rmSync(path.join(root, 'build'), { recursive: true });
    const none = cli(['search', 'zebrafinch', '--root', root, '--assume-fresh']);
    expect(none.err).toMatch(/index\.json is missing.*built in memory/);
    expect(none.out).toMatch(/^1\. widget-model-published-2026 /);
  });

  it('says when the staleness stamp was made by another version, and a build with nothing changed renews it', () => {
    const root = copyFixture('valid');
    cli(['build', '--root', root]);
    const stampFile = path.join(root, 'build', '.cache', 'stamp.txt');
    writeFileSync(stampFile, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'); // a stamp as version 1 wrote them
    expect(cli(['search', 'widget', '--root', root]).err).toMatch(/made by another version of claimkb.*built in memory/);
    expect(cli(['build', '--root', root]).code).toBe(0);
    expect(readFileSync(stampFile, 'utf8')).toMatch(/^2:/);
    expect(cli(['search', 'widget', '--root', root]).err).toBe('');
  });

  it('rebuilds in memory when the index is corrupted', () => {
    const root = copyFixture('valid');
    cli(['build', '--root', root]);
    writeFileSync(path.join(root, 'build', 'index.json'), '{"format":"claimkb-index"');
    const r = cli(['search', 'widget', '--root', root]);
    expect(r.err).toMatch(/not valid JSON/);
    expect(r.out).toMatch(/widget-model/);
  });

  it('shows one claim and prints the report', () => {
    const root = copyFixture('valid');
    cli(['build', '--root', root]);
    const show = cli(['show', 'blog-87-percent-blue', '--root', root]);
    expect(show.code).toBe(0);
    expect(show.out).toMatchSnapshot();
    expect(cli(['show', 'nope', '--root', root]).code).toBe(2);
    const report = cli(['report', '--root', root, '--json']);
    expect((JSON.parse(report.out) as { summary: { dubious: number } }).summary.dubious).toBe(2);
  });

  it('report reads only report.json and show only claims.json; a damaged one is replaced by a build in memory, saying why', () => {
    const root = copyFixture('valid');
    cli(['build', '--root', root]);
    const [show, report] = [cli(['show', 'blog-87-percent-blue', '--root', root]), cli(['report', '--root', root])];
    const out = path.join(root, 'build');
    writeFileSync(path.join(out, 'claims.json'), '{"claims": "damaged"'); // show's file only
    expect(cli(['report', '--root', root])).toEqual(report); // not read: same output, nothing on stderr
    const shown = cli(['show', 'blog-87-percent-blue', '--root', root]);
    expect(shown.err).toMatch(/^claimkb: the outputs in .* are corrupted \(.*\); using a build in memory/);
    expect(shown.out).toBe(show.out);
    cli(['build', '--root', root]); // rewrites what was damaged
    writeFileSync(path.join(out, 'report.json'), '{"kind": "report"}');
    expect(cli(['show', 'blog-87-percent-blue', '--root', root])).toEqual(show);
    const reported = cli(['report', '--root', root]);
    expect(reported.err).toMatch(/report\.json is not a claimkb report file of schema version 1; using a build in memory/);
    expect([reported.code, reported.out]).toEqual([report.code, report.out]);
  });

  it('never runs JavaScript frontmatter', () => {
    const marker = path.join(tempDir(), 'pwned');
    const payload = `---js\n{ id: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 'evil') }\n---\nBody.\n`;
    const root = copyFixture('valid', { 'claims/evil.md': payload, 'claims/evil2.md': payload.replace('---js', '---javascript') });
    const r = cli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/claims\/evil\.md:1:1 error .* frontmatter-engine/);
    expect(existsSync(marker)).toBe(false);
  });
});
