import { beforeAll, describe, expect, it } from 'vitest';
import type MiniSearch from 'minisearch';
import { build } from '../src/build.js';
import type { SearchDoc } from '../src/index/options.js';
import { MAX_QUERY_TERMS } from '../src/index/options.js';
import { queryTerms, searchIndex } from '../src/search/search.js';
import { fixture } from './helpers/kb.js';

let index: MiniSearch<SearchDoc>;
beforeAll(async () => {
  index = (await build({ root: fixture('valid'), out: null })).index;
});
const ids = (q: Parameters<typeof searchIndex>[1]) => searchIndex(index, q).hits.map((h) => h.id);

describe('search', () => {
  it('ranks claims by text, quotes and topics', () => {
    expect(ids({ query: '2024' })[0]).toBe('blog-widget-model-2024');
    expect(ids({ query: 'factories' })).toContain('blog-87-percent-blue');
  });

  it('matches fuzzy and prefix terms', () => {
    expect(ids({ query: 'widgts' })).toContain('widget-model-simulates-shapes');
    expect(ids({ query: 'simul' })).toContain('widget-model-simulates-shapes');
  });

  it('filters by verdict, flag, source and topic', () => {
    expect(ids({ query: 'widget', verdict: ['supported'] }).sort()).toEqual(['widget-model-published-2026', 'widget-model-simulates-shapes']);
    expect(ids({ query: 'widget', flag: ['wrong-date'] })).toEqual(['blog-widget-model-2024']);
    expect(ids({ query: 'widget', source: ['trade-blog'] }).sort()).toEqual(['blog-87-percent-blue', 'blog-widget-model-2024', 'widget-model-simulates-shapes']);
    expect(ids({ query: 'widget', topic: ['statistics'] })).toEqual(['blog-87-percent-blue']);
    expect(ids({ query: 'widget', verdict: ['refuted', 'unverified'], topic: ['blog'] }).sort()).toEqual(['blog-87-percent-blue', 'blog-widget-model-2024']);
  });

  it('lists everything that passes the filters for an empty query, and nothing without filters', () => {
    expect(ids({ query: '', flag: ['fabricated-statistic'] })).toEqual(['blog-87-percent-blue']);
    const empty = searchIndex(index, { query: ' ?! ' });
    expect(empty.hits).toEqual([]);
    expect(empty.notes).toContain('the query has no searchable terms');
  });

  it('shows the best evidence quote with its source title', () => {
    const hit = searchIndex(index, { query: '2024' }).hits[0]!;
    expect(hit.best).toEqual({ source: 'lab-report', sourceTitle: 'The Lab Report', quote: 'feb 23,   2026', stance: 'refutes' });
  });

  it('bounds hostile queries', () => {
    const long = queryTerms('x'.repeat(100_000));
    expect(long.terms[0]!.length).toBe(64);
    const many = queryTerms(Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' '));
    expect(many.terms).toHaveLength(MAX_QUERY_TERMS);
    expect(queryTerms('a\uD800b').terms).toEqual(['a', 'b']);
    expect(ids({ query: 'x'.repeat(100_000) })).toEqual([]);
  });

  it('respects the limit', () => {
    expect(ids({ query: 'widget', limit: 1 })).toHaveLength(1);
  });
});
