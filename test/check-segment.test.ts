import { describe, expect, it } from 'vitest';
import { endsWithoutClosing, segmentArticle, sentenceRanges, startsAsContinuation } from '../src/check/segment.js';

const texts = (source: string, format: 'markdown' | 'text' = 'markdown') => segmentArticle(source, format).map((s) => s.text);

describe('sentence segmentation', () => {
  it('does not break after abbreviations, initials and initialisms', () => {
    expect(texts('Dr. Smith met Mr. J. R. Jones in the U.S. on Monday. They talked, e.g. about trade, i.e. tariffs. Prof. Lee left.')).toEqual([
      'Dr. Smith met Mr. J. R. Jones in the U.S. on Monday.',
      'They talked, e.g. about trade, i.e. tariffs.',
      'Prof. Lee left.',
    ]);
  });

  it('does not break inside decimals, money or abbreviated dates', () => {
    expect(texts('Revenue grew 2.5 times to $3.75 million on Feb. 23, 2026. Costs fell 0.5%.')).toEqual([
      'Revenue grew 2.5 times to $3.75 million on Feb. 23, 2026.',
      'Costs fell 0.5%.',
    ]);
  });

  it('keeps quotations and ellipses inside their sentence', () => {
    expect(texts('He said "It works." Then he left. "Is it?" she asked. Wait... then it rained. It stopped… Then it rained again.')).toEqual([
      'He said "It works."',
      'Then he left.',
      '"Is it?" she asked.',
      'Wait... then it rained.',
      'It stopped… Then it rained again.',
    ]);
  });

  it('reads headings, list items and block quotes, and skips code', () => {
    const source = [
      '# The model explained',
      '',
      '- First point. Second point.',
      '- Third point',
      '',
      '> Quoted words *here*. More',
      '> words there.',
      '',
      '```js',
      'const x = 1. // Not a sentence.',
      '```',
      '',
      '    indented code. Also skipped.',
      '',
      'Closing [link text](https://example.com/a.b) ends. The `inline.code` stays.',
    ].join('\n');
    const found = segmentArticle(source).map((s) => [s.kind, s.text]);
    expect(found).toEqual([
      ['heading', 'The model explained'],
      ['list', 'First point.'],
      ['list', 'Second point.'],
      ['list', 'Third point'],
      ['blockquote', 'Quoted words here.'],
      ['blockquote', 'More words there.'],
      ['paragraph', 'Closing link text ends.'],
      ['paragraph', 'The inline.code stays.'],
    ]);
  });

  it('gives exact line:column and offsets, with the end just after the last character', () => {
    const source = 'Intro line here.\n\n> Quoted *one*. Second\n> line two.\n';
    const [a, b, c] = segmentArticle(source);
    expect(a).toMatchObject({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 17, offset: 16 } });
    expect(b).toMatchObject({ text: 'Quoted one.', start: { line: 3, column: 3 }, end: { line: 3, column: 16 } });
    expect(c).toMatchObject({ text: 'Second line two.', start: { line: 3, column: 17 }, end: { line: 4, column: 12 } });
    for (const s of [a!, b!, c!]) expect(source.slice(s.start.offset, s.end.offset).replace(/\*/g, '').replace(/\n> /g, ' ')).toBe(s.text);
  });

  it('splits short unpunctuated lines (titles, datelines) but not hard-wrapped prose', () => {
    expect(texts('Latest Update\n2/23/2026 10:43:00 PM\n\nThe blog dates the research to 2024, but the post itself is dated\n23 February 2026 by Anthropic and by its full version on the web.', 'text')).toEqual([
      'Latest Update',
      '2/23/2026 10:43:00 PM',
      'The blog dates the research to 2024, but the post itself is dated 23 February 2026 by Anthropic and by its full version on the web.',
    ]);
  });

  it('ignores YAML frontmatter and keeps positions', () => {
    const [s] = segmentArticle('---\ntitle: x. y.\n---\nBody text here.\n');
    expect(s).toMatchObject({ text: 'Body text here.', start: { line: 4, column: 1 } });
  });

  it('merges over-eager breaks by rule', () => {
    expect(endsWithoutClosing('Dr.')).toBe(true);
    expect(endsWithoutClosing('in the U.S.')).toBe(true);
    expect(endsWithoutClosing('It ended.')).toBe(false);
    expect(endsWithoutClosing('So did I.')).toBe(false);
    expect(startsAsContinuation(' "he said')).toBe(true);
    expect(startsAsContinuation('He said')).toBe(false);
    expect(sentenceRanges('A b. C d.')).toEqual([[0, 5], [5, 9]]);
  });
});
