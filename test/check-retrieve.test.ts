import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { MINISEARCH_OPTIONS, type SearchDoc } from '../src/index/options.js';
import { parseIndexData, postingsOf } from '../src/check/postings.js';
import { queryWords, retrieve, Scratch, variants } from '../src/check/retrieve.js';
import { serializeIndex } from '../src/index/index-file.js';

const doc = (id: string, claim: string, quotes = ''): SearchDoc => ({
  id, claim, quotes, body: 'unrelated body words everywhere', topics: '', verdict: 'supported', flags: [], level: 'strong', sources: [], best: null,
});

function index(): MiniSearch<SearchDoc> {
  const ix = new MiniSearch<SearchDoc>(MINISEARCH_OPTIONS);
  ix.addAll([
    doc('bridge-opened', 'The Harbor Bridge opened to traffic in March 2025.'),
    doc('bridge-cost', 'Building the bridge cost $2.1 billion.', 'Construction cost $2.1 billion'),
    doc('tunnel-opened', 'The river tunnel opened in 2019.'),
    doc('publication', 'The report was published by the transport department.'),
  ]);
  return ix;
}

describe('candidate retrieval from the index postings', () => {
  const postings = postingsOf(index());

  it('reads the postings of the claim and quote fields, not the body', () => {
    expect(postings.ids.filter((id, short) => postings.docs('opened').includes(short)).sort()).toEqual(['bridge-opened', 'tunnel-opened']);
    expect(postings.docs('construction')).toHaveLength(1);
    expect(postings.docs('everywhere')).toHaveLength(0);
    expect(postings.withPrefix('b', 10)).toEqual(['billion', 'bridge', 'building', 'by']);
  });

  it('tokenizes like the index, drops stop words, and meets other forms of a word through its stem', () => {
    expect(queryWords('The bridge’s costs were published!')).toEqual(['bridge', 'costs', 'published']);
    expect(variants(postings, 'publishing')).toEqual(['published']);
    expect(variants(postings, 'costs')).toEqual(['cost']);
  });

  it('ranks the claims sharing the rarest words first', () => {
    const scratch = new Scratch(postings.size);
    expect(retrieve(postings, 'How much did construction of the bridge cost?', scratch, 2)).toEqual(['bridge-cost', 'bridge-opened']);
    expect(retrieve(postings, 'The tunnel under the river opened in 2019.', scratch, 1)).toEqual(['tunnel-opened']);
    expect(retrieve(postings, 'Nothing here matches.', scratch)).toEqual([]);
  });

  it('reads index.json with the same header checks as search', () => {
    const text = serializeIndex(index(), 'abc');
    const parsed = parseIndexData(text);
    expect(parsed.ok && parsed.contentHash).toBe('abc');
    expect(parseIndexData(text.slice(0, 50))).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(parseIndexData(text.replace('"optionsHash":"', '"optionsHash":"x'))).toMatchObject({ ok: false, reason: 'the index was built with other index options' });
  });
});
