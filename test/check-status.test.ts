import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { check } from '../src/check/check.js';
import { decide, type Match } from '../src/check/decide.js';
import { prepareKb, type CheckKb } from '../src/check/kb.js';
import { valuesOf } from '../src/check/conflicts.js';
import { formatFinding, formatReport } from '../src/check/format.js';
import { MATCH_THRESHOLD, NAME_PENALTY, namePenalty, passageScore, sentenceTerms } from '../src/check/score.js';
import { fixture } from './helpers/kb.js';

let kb: CheckKb;
const status = (text: string) => {
  const [f] = check(text, kb).findings;
  return f ? [f.status, f.claim] : ['not checked', null];
};

beforeAll(async () => {
  const result = await build({ root: fixture('check-basic'), out: null });
  expect(result.ok).toBe(true);
  kb = prepareKb(result.index, result.claims);
});

describe('status assignment against the check-basic knowledge base', () => {
  it.each([
    ['The bridge over the harbor opened to traffic on 3 March 2025.', 'supported', 'bridge-opened-2025-03-03'],
    ['Engineer Maria Lopez says 40,000 vehicles cross the Harbor Bridge daily.', 'supported', 'bridge-carries-40000-vehicles'],
    ['A local blog claims the Harbor Bridge opened in March 2023.', 'refuted', 'blog-bridge-opened-2023'],
    ['Every day 90,000 vehicles use the Harbor Bridge.', 'refuted', 'blog-bridge-90000-vehicles'],
    ['The Harbor Bridge, engineers say, will last 500 years.', 'unverified', 'blog-bridge-lasts-500-years'],
    ['Thanks to the bridge, commute times were cut in half.', 'misleading', 'blog-commute-halved'],
    ['The Harbor Bridge opened to traffic on 3 March 2024.', 'conflict', 'bridge-opened-2025-03-03'],
    ['The mayor said the bridge has a bike lane painted green.', 'unknown', null],
    ['A council survey said 55% of drivers still prefer the old ferry.', 'unknown', null],
  ])('%s → %s', (text, expected, claim) => {
    expect(status(text)).toEqual([expected, claim]);
  });

  it('does not check opinions', () => {
    expect(status('I love walking across it at sunset.')).toEqual(['not checked', null]);
  });

  it('reports both values of a conflict, with the evidence quote', () => {
    const [f] = check('Building the bridge cost $3.4 billion, according to the transport department.', kb).findings;
    expect(f).toMatchObject({
      status: 'conflict',
      claim: 'bridge-cost-2-1-billion',
      conflicts: [{ kind: 'number', article: '$3.4 billion', kb: '$2.1 billion' }],
      evidence: { source: 'bridge-report', quote: 'Construction cost $2.1 billion, according to the transport department.' },
    });
  });

  it('does not match a dubious claim whose values the sentence contradicts', () => {
    expect(status('The Harbor Bridge opened in March 2025.')).toEqual(['supported', 'bridge-opened-2025-03-03']);
  });

  it('does not match a wrong-date claim when the sentence states no date', () => {
    const text = 'The mayor announced that the Harbor Bridge opened, the local blog reported.';
    expect(status(text)[0]).not.toBe('refuted');
    expect(status('The mayor announced that the Harbor Bridge opened in March 2023.')).toEqual(['refuted', 'blog-bridge-opened-2023']);
  });

  it('honours the threshold: a high --min-score turns matches into unknown', () => {
    const text = 'Engineer Maria Lopez says 40,000 vehicles cross the Harbor Bridge daily.';
    expect(check(text, kb, { minScore: 0.99 }).findings[0]!.status).toBe('unknown');
  });

  it('counts failing findings from the fail-on level', () => {
    const article = readFileSync(fixture('check-basic', 'article.md'), 'utf8');
    const summary = (failOn: 'refuted' | 'misleading' | 'unknown' | 'never') => check(article, kb, { failOn }).summary;
    expect(summary('refuted').failing).toBe(3);
    expect(summary('misleading').failing).toBe(4);
    expect(summary('unknown').failing).toBe(6);
    expect(summary('never').failing).toBe(0);
  });

  it('labels a best quote that is only context, so it is not read as evidence', () => {
    const [f] = check('Every day 90,000 vehicles use the Harbor Bridge.', kb).findings;
    const line = (stance: string) => formatFinding({ ...f!, evidence: { ...f!.evidence!, stance } }, 'a.md').split('\n')[0]!;
    const title = f!.evidence!.sourceTitle;
    expect(line('refutes').endsWith(`” (${title})`)).toBe(true);
    expect(line('context').endsWith(`” (${title}, context)`)).toBe(true);
  });

  it('is deterministic: the same input gives the same report', () => {
    const article = readFileSync(fixture('check-basic', 'article.md'), 'utf8');
    expect(formatReport(check(article, kb, { file: 'a.md' }))).toBe(formatReport(check(article, kb, { file: 'a.md' })));
  });
});

describe('scoring and choice', () => {
  const weight = () => 1;
  const passage = (text: string) => ({ kind: 'claim' as const, text, terms: text.split(' '), negated: new Set<string>() });

  it('is a recall-weighted F-measure of shared terms, with value slots counted as shared', () => {
    const s = sentenceTerms(['bridge', 'open', '2025', 'mayor'], new Set(), weight);
    const f2 = (p: number, r: number) => (5 * p * r) / (4 * p + r);
    expect(passageScore(s, passage('bridge open 2025 harbor'), weight)).toBeCloseTo(f2(0.75, 0.75), 6);
    expect(passageScore(s, passage('bridge open 2025 harbor city toll'), weight)).toBeCloseTo(f2(0.75, 0.5), 6);
    expect(passageScore(s, passage('cost billion department harbor'), weight)).toBe(0);
    expect(passageScore(s, passage('bridge open 2025'), weight)).toBe(0);
    expect(passageScore(s, passage('bridge open 2024 harbor'), weight, new Map([['2024', 1]]))).toBeCloseTo(f2(0.75, 0.75), 6);
  });

  it('lowers the score of a claim that lacks the names the sentence credits', () => {
    expect(namePenalty(['Maria Lopez'], 'The city engineer Maria Lopez said so.')).toBe(1);
    expect(namePenalty(['Maria Lopez'], 'The mayor said so.')).toBe(NAME_PENALTY);
    expect(namePenalty([], 'The mayor said so.')).toBe(1);
  });

  it('prefers a problem on a near tie, and reports the most serious of several dubious matches', () => {
    const claim = (id: string, verdict: 'supported' | 'refuted' | 'misleading') => ({ id, claim: id, verdict, flags: [], passages: [], values: valuesOf(id) });
    const m = (id: string, verdict: 'supported' | 'refuted' | 'misleading', score: number, contradicted = false): Match => ({
      claim: claim(id, verdict), score, passage: null, conflicts: [], contradicted,
    });
    const ids = (d: ReturnType<typeof decide>) => [d.status, d.match?.claim.id ?? null, d.others.map((o) => o.match.claim.id)];
    expect(ids(decide([m('good', 'supported', 0.8), m('odd', 'misleading', 0.6)], MATCH_THRESHOLD))).toEqual(['supported', 'good', []]);
    expect(ids(decide([m('good', 'supported', 0.8), m('odd', 'misleading', 0.78)], MATCH_THRESHOLD))).toEqual(['misleading', 'odd', []]);
    expect(ids(decide([m('odd', 'misleading', 0.8), m('bad', 'refuted', 0.5), m('weak', 'refuted', 0.2)], MATCH_THRESHOLD))).toEqual(['refuted', 'bad', ['odd']]);
    expect(ids(decide([m('bad', 'refuted', 0.9, true), m('good', 'supported', 0.5)], MATCH_THRESHOLD))).toEqual(['supported', 'good', []]);
    expect(decide([m('good', 'supported', 0.2)], MATCH_THRESHOLD)).toMatchObject({ status: 'unknown', match: null, best: 0.2 });
  });
});
