/**
 * Guards the repository's own knowledge base: a clean build, every quote verified, every source
 * cited, no dangling related id, consistent topics, and the blog's dubious statements flagged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { check } from '../src/check/check.js';
import { formatReport as formatCheck } from '../src/check/format.js';
import { prepareKb } from '../src/check/kb.js';
import { formatReport } from '../src/report/format.js';
import { searchIndex } from '../src/search/search.js';

const ROOT = path.resolve(__dirname, '..');
const BLOG = 'blockchain-news-psm-explained';
let kb: BuildResult;

beforeAll(async () => {
  kb = await build({ root: ROOT, out: null });
});

/** The topics the README documents, in its "Topics" table. */
function documentedTopics(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Topics'), readme.indexOf('\n## ', readme.indexOf('### Topics')));
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!).sort();
}

describe('the knowledge base of this repository', () => {
  it('builds with no errors and no warnings', () => {
    expect(kb.report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(kb.claims.length).toBeGreaterThanOrEqual(80);
  });

  it('verifies every quote', () => {
    const unverified = kb.claims.flatMap((c) => [...c.appearances, ...c.evidence].filter((q) => !q.match).map((q) => `${c.id}: ${q.quote}`));
    expect(unverified).toEqual([]);
    expect(kb.report.summary.quotes.notVerified).toBe(0);
  });

  it('cites every source, and every related id exists', () => {
    expect(kb.sources.filter((s) => s.usedBy.length === 0).map((s) => s.id)).toEqual([]);
    const ids = new Set(kb.claims.map((c) => c.id));
    expect(kb.claims.flatMap((c) => c.related.filter((r) => !ids.has(r)).map((r) => `${c.id} -> ${r}`))).toEqual([]);
  });

  it('uses only the topics the README documents', () => {
    const used = [...new Set(kb.claims.flatMap((c) => c.topics))].sort();
    expect(used.filter((t) => !documentedTopics().includes(t))).toEqual([]);
  });

  it('flags every claim about the business blog, with its appearance there', () => {
    const blog = kb.claims.filter((c) => c.id.startsWith('blog-'));
    expect(blog.length).toBeGreaterThanOrEqual(15);
    for (const c of blog) {
      expect(c.dubious, c.id).toBe(true);
      expect(['refuted', 'unverified', 'misleading'], c.id).toContain(c.verdict);
      expect(c.appearances.some((a) => a.source === BLOG && a.match), c.id).toBe(true);
      expect(c.cites.length, c.id).toBeGreaterThan(0);
    }
    const dubious = new Set(kb.report.dubious.map((d) => d.id));
    expect(blog.filter((c) => !dubious.has(c.id))).toEqual([]);
  });

  it('finds the wrong-date claims when searching "2024", and invented figures by flag', () => {
    const wrongDates = kb.claims.filter((c) => c.flags.includes('wrong-date')).map((c) => c.id).sort();
    expect(wrongDates.length).toBeGreaterThanOrEqual(2);
    const hits = searchIndex(kb.index, { query: '2024', limit: 50 }).hits.map((h) => h.id);
    expect(wrongDates.filter((id) => !hits.includes(id))).toEqual([]);
    const stats = searchIndex(kb.index, { query: 'statistic', flag: ['fabricated-statistic'], limit: 50 }).hits;
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.every((h) => h.flags.includes('fabricated-statistic'))).toBe(true);
  });

  it('prints every line of the README\'s report excerpt, in the same order', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The report of this knowledge base'));
    const excerpt = section.slice(section.indexOf('```text\n') + 8, section.indexOf('\n```', section.indexOf('```text')));
    const kept = excerpt.split('\n').filter((line) => line.trim() !== '\u2026');
    expect(kept.length).toBeGreaterThan(20);
    const report = formatReport(kb.report).split('\n');
    let at = 0;
    for (const line of kept) {
      const found = report.indexOf(line, at);
      expect(found, `README report line not in the real report (or out of order): ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('shows in the README a claim file and a source frontmatter exactly as they are', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const claim = readFileSync(path.join(ROOT, 'claims', 'blog-psm-post-dated-february-2024.md'), 'utf8');
    expect(readme).toContain(`\`\`\`markdown\n${claim}\`\`\``);
    const source = readFileSync(path.join(ROOT, 'sources', 'anthropic-psm-summary.md'), 'utf8');
    expect(readme).toContain(source.slice(0, source.indexOf('\n---\n', 4) + 5));
  });

  it('gives the check run the README shows, line for line', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const file = 'test/fixtures/check-demo/article.md';
    const from = readme.indexOf(`$ claimkb check ${file}\n`) + `$ claimkb check ${file}\n`.length;
    const shown = readme.slice(from, readme.indexOf('$ echo $?', from));
    const article = readFileSync(path.join(ROOT, file), 'utf8');
    expect(formatCheck(check(article, prepareKb(kb.index, kb.claims), { file }))).toBe(shown);
  });

  it('keeps the primary sources high and the business blog low', () => {
    const rel = Object.fromEntries(kb.sources.map((s) => [s.id, s.reliability]));
    expect(rel['anthropic-psm-full-post']).toBe('high');
    expect(rel['anthropic-psm-summary']).toBe('high');
    expect(rel[BLOG]).toBe('low');
  });
});
