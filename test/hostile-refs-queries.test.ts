/**
 * Hostile references and queries (issue 6, "Inputs: References" and "Queries to search and check").
 * Queries are bounded by documented caps (MAX_QUERY_TERMS terms of MAX_TERM_LENGTH characters) and
 * articles by ARTICLE_LIMITS and MAX_ARTICLE_BYTES; the checks below assert the caps, not a clock.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { check } from '../src/check/check.js';
import { prepareKb } from '../src/check/kb.js';
import { segmentArticle } from '../src/check/segment.js';
import { MAX_QUERY_TERMS, MAX_TERM_LENGTH } from '../src/index/options.js';
import { queryTerms, searchIndex } from '../src/search/search.js';
import { buildWith, expectPositioned, expectRestBuilds, one, where } from './helpers/hostile.js';
import { copyFixture, fixture } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const claim = (id: string, extra: string, evidence = '  - source: lab-report\n    quote: "Feb 23, 2026"\n    stance: supports') =>
  `---\nid: ${id}\nclaim: Claim ${id}.\nverdict: supported\nevidence:\n${evidence}\n${extra}---\nThe report is dated [@lab-report].\n`;
const quoting = (quote: string) => claim('x', '', `  - source: lab-report\n    quote: ${JSON.stringify(quote)}\n    stance: supports`);

describe('references', () => {
  it('an unknown source and an unknown related claim, each at its value', async () => {
    const files = { 'claims/x.md': claim('x', 'related: [widget-model-published-2026, no-such-claim]\n', '  - source: no-such-source\n    quote: "x"\n    stance: supports') };
    const { root, result } = await buildWith(files);
    expectRestBuilds(result);
    expectPositioned(root, result.report.diagnostics);
    expect(where(result, 'claims/x.md')).toEqual(['6:13 unknown-source', '9:40 unknown-related']);
  });

  it('a cycle among related claims is legal data: no diagnostic, and nothing follows it (a ring of 200 claims)', async () => {
    const ring: Record<string, string> = {};
    const n = 200;
    for (let i = 0; i < n; i++) ring[`claims/c${i}.md`] = claim(`c${i}`, `related: [c${(i + 1) % n}, c${(i + n - 1) % n}]\n`);
    const { result } = await buildWith(ring);
    expect(result.report.diagnostics).toEqual([]);
    expect(result.claims.find((c) => c.id === 'c0')!.related).toEqual(['c1', 'c199']);
    expect(searchIndex(result.index, { query: 'c199' }).hits[0]!.id).toBe('c199');
  });

  it.each([
    ['regex metacharacters match literally', 'Prices rose (.*) by $5^2 [a-z]+ \\d? | yes.', null],
    ['a regex wildcard matches nothing but itself', 'Prices.*yes', 'tried exact, normalized and elided matching'],
    ['only an ellipsis', '...', 'the quote has nothing to match once its ellipses are left out'],
    ['only ellipses, spaced', '… …', 'the quote has nothing to match once its ellipses are left out'],
    ['more than 8 elided parts', Array(9).fill('widget').join(' … '), 'the quote has 9 parts between ellipses; at most 8 are matched'],
    ['longer than its source', 'The Lab Report. '.repeat(40), "the quote needs 639 characters but the source's body has"],
  ])('a quote: %s', async (_name, quote, reason) => {
    const source = '---\nid: lab-report\ntitle: The Lab Report\nkind: primary\nreliability: high\n---\nFeb 23, 2026\nPrices rose (.*) by $5^2 [a-z]+ \\d? | yes.\n';
    const { result } = await buildWith({ 'claims/x.md': quoting(quote), 'sources/lab-report.md': source, 'claims/blog-87-percent-blue.md': '', 'claims/widget-model-simulates-shapes.md': '', 'claims/blog-widget-model-2024.md': '' });
    const x = result.claims.find((c) => c.id === 'x')!;
    if (reason === null) expect(x.evidence[0]!.match).toMatchObject({ tier: 'exact', start: { line: 8, column: 1 } });
    else expect(one(result, 'claims/x.md', 'quote-not-found').message).toContain(reason);
  });

  it('an empty or blank quote is a schema error at the quote', async () => {
    for (const quote of ['', '   ']) {
      const { result } = await buildWith({ 'claims/x.md': quoting(quote) });
      expectRestBuilds(result);
      expect(one(result, 'claims/x.md', 'schema').message).toBe(`'evidence[0].quote': expected non-empty text, got ${JSON.stringify(quote)}`);
    }
  });
});

const HOSTILE_QUERIES: Array<[string, string]> = [
  ['empty', ''],
  ['punctuation only', '?!.,;:()[]{}<>"\'—…'],
  ['one term of 100,000 characters', 'x'.repeat(100_000)],
  ['1,000 words', Array.from({ length: 1000 }, (_, i) => `widget${i}`).join(' ')],
  ['lone surrogates', 'wid\uD800get \uDC00model \uDBFF'],
  ['CJK', '小部件 模型 ウィジェット 위젯'],
  ['accents', 'wídgét módèl Çà ñ'],
];

describe('queries to search and check', () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build({ root: fixture('valid'), out: null });
  });

  it.each(HOSTILE_QUERIES)('search: %s is cut to the caps and answered', (_name, query) => {
    const { terms } = queryTerms(query);
    expect(terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    for (const t of terms) expect(t.length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
    expect(terms.join(' ')).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    const outcome = searchIndex(built.index, { query });
    expect(outcome.hits.length).toBeLessThanOrEqual(10);
    if (terms.length === 0) expect(outcome.notes).toContain('the query has no searchable terms');
  });

  it('search: accents are folded, so an accented query finds the plain word', () => {
    expect(searchIndex(built.index, { query: 'wídgét' }).hits.length).toBeGreaterThan(0);
  });

  it.each(HOSTILE_QUERIES)('check: an article that is %s is answered with bounded sentence terms', (_name, article) => {
    const kb = prepareKb(built.index, built.claims);
    const result = check(article, kb, { format: 'text' });
    expect(result.summary.sentences).toBe(segmentArticle(article, 'text').length);
    expect(check(article, kb, { format: 'markdown' }).summary.sentences).toBeLessThanOrEqual(result.summary.sentences + 1);
  });

  it('check: 20,000 sentences on one line are segmented in linear time (Intl.Segmenter alone is quadratic)', () => {
    const sentence = 'The widget model was published in 2024 by the lab. ';
    const sentences = segmentArticle(sentence.repeat(20_000), 'text');
    expect(sentences).toHaveLength(20_000);
    expect(sentences[19_999]!.start).toMatchObject({ line: 1, column: 19_999 * sentence.length + 1 });
  });

  it('check (spawned): hostile markdown is read as plain text with a note; an article over 4 MiB is refused', () => {
    const root = copyFixture('valid');
    expect(spawnSync(process.execPath, [BIN, 'build', '--root', root]).status).toBe(0);
    const run = (input: string) => spawnSync(process.execPath, [BIN, 'check', '-', '--root', root], { encoding: 'utf8', input, maxBuffer: 1e8 });
    const deep = run(`${'> '.repeat(20_000)}The widget model was published in 2024.`);
    expect([deep.status, deep.stderr]).toEqual([1, "claimkb: <stdin>:1:65: the article nests more than 32 levels deep here (lists, block quotes or indentation) (ARTICLE_LIMITS); it was read as plain text\n"]);
    expect(deep.stdout).toMatch(/^<stdin>:1:40001 conflict +The widget model was published in 2024\. → widget-model-published-2026/m);
    const huge = run('x'.repeat(4 * 1024 * 1024 + 1));
    expect([huge.status, huge.stderr]).toEqual([2, 'claimkb: standard input is larger than 4.0 MiB (4194304 bytes); check reads articles up to that size\n']);
  });
});
