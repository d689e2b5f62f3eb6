import { describe, expect, it } from 'vitest';
import { findConflicts, namesOf } from '../src/check/conflicts.js';
import { extractDates, extractNumbers, isoOf } from '../src/check/values.js';

const CLAIM_DATE = 'Anthropic published the persona selection model post on 23 February 2026.';

describe('value extraction', () => {
  it('reads dates in several forms, partial dates and weekdays', () => {
    const got = extractDates('On Feb. 23, 2026 (2026-02-23, 2/23/2026), not 23rd of February 2024, in March 2025, in 2023, on a Tuesday.');
    expect(got.map(isoOf)).toEqual(['2026-02-23', '2026-02-23', '2026-02-23', '2024-02-23', '2025-03', '2023', 'Tuesday']);
  });

  it('reads percentages, money, multipliers and counts, not the digits of dates and times', () => {
    const got = extractNumbers('At 10:43 PM on 2/23/2026, 95% of 1,200 users paid $15.7 trillion, 3x more, with three authors.');
    expect(got.map((n) => [n.unit, n.value, n.of])).toEqual([
      ['percent', 95, ''],
      ['count', 1200, 'user'],
      ['money', 15.7e12, '$'],
      ['multiplier', 3, ''],
      ['count', 3, 'author'],
    ]);
  });

  it('finds credited names', () => {
    expect(namesOf('According to PwC, the market grows.')).toEqual(['PwC']);
    expect(namesOf("Anthropic's account posted that AIs seem human.")).toEqual(['Anthropic']);
    expect(namesOf('The post was written by Sam Marks and Jack Lindsey.')).toEqual(['Sam Marks', 'Jack Lindsey']);
    expect(namesOf('Another claimed the post was late.')).toEqual([]);
    expect(namesOf('As Olah said, the post was late.')).toEqual(['Olah']);
  });
});

describe('conflict detection', () => {
  it('reports a different date with both values', () => {
    expect(findConflicts('Anthropic released the post in February 2024.', CLAIM_DATE)).toEqual([{ kind: 'date', article: 'February 2024', kb: '2026-02-23' }]);
  });

  it('checks weekdays against full dates (23 February 2026 was a Monday)', () => {
    expect(findConflicts('The post came out on a Tuesday.', CLAIM_DATE)).toEqual([{ kind: 'date', article: 'Tuesday', kb: '2026-02-23' }]);
    expect(findConflicts('The post came out on a Monday.', CLAIM_DATE)).toEqual([]);
  });

  it('accepts agreeing and partial dates, and ignores unrelated ones when one agrees', () => {
    expect(findConflicts('Anthropic published it in February 2026.', CLAIM_DATE)).toEqual([]);
    expect(findConflicts('Building on 2023 work, Anthropic published it in 2026.', CLAIM_DATE)).toEqual([]);
    expect(findConflicts('Anthropic published it last winter.', CLAIM_DATE)).toEqual([]);
  });

  it('reports a different number of the same kind, within a rounding tolerance', () => {
    const claim = 'The survey reported a 62% approval rate among 1,000 respondents.';
    expect(findConflicts('The survey reported 70% approval.', claim)).toEqual([{ kind: 'number', article: '70%', kb: '62%' }]);
    expect(findConflicts('The survey reported 62.0% approval.', claim)).toEqual([]);
    expect(findConflicts('The survey asked 900 respondents.', claim)).toEqual([{ kind: 'number', article: '900 respondents', kb: '1,000 respondents' }]);
    expect(findConflicts('The survey took 3 weeks.', claim)).toEqual([]);
  });

  it('reports a different name when the sentence credits someone the claim does not', () => {
    const claim = "Anthropic's account posted that AI assistants like Claude can seem shockingly human.";
    expect(findConflicts('Chris Olah wrote that AIs seem shockingly human.', claim)).toEqual([{ kind: 'name', article: 'Chris Olah', kb: 'Anthropic' }]);
    expect(findConflicts('Anthropic posted that AIs seem shockingly human.', claim)).toEqual([]);
    expect(findConflicts('AIs seem shockingly human.', claim)).toEqual([]);
  });

  it('matches a short name form to the full one', () => {
    const claim = 'The post was written by Sam Marks, Jack Lindsey and Christopher Olah.';
    expect(findConflicts('Chris Olah co-wrote the post.', claim)).toEqual([]);
    expect(findConflicts('Dario Amodei wrote the post.', claim)).toEqual([{ kind: 'name', article: 'Dario Amodei', kb: 'Sam Marks, Jack Lindsey, Christopher Olah' }]);
  });
});
