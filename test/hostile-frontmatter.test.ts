/**
 * Hostile and broken frontmatter (issue 6, "Inputs: Frontmatter"): each case sits beside the valid
 * fixture knowledge base, gets a diagnostic at its exact line:col, and the rest still builds.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRONTMATTER_LIMITS } from '../src/load/frontmatter.js';
import { buildWith, expectPositioned, expectRestBuilds, one, where } from './helpers/hostile.js';
import { tempDir } from './helpers/kb.js';

const FIELDS = 'id: x\nclaim: A claim.\nverdict: unverified';
const claim = (frontmatter: string, body = 'Body.\n') => `---\n${frontmatter}\n---\n${body}`;

async function check(files: Record<string, string>) {
  const built = await buildWith(files);
  expectRestBuilds(built.result);
  expectPositioned(built.root, built.result.report.diagnostics);
  return built.result;
}

describe('frontmatter in another language is refused and never run', () => {
  const marker = path.join(tempDir(), 'pwned');
  const payload = `{ id: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 'x') }`;

  it.each(['---js', '---javascript', '---JS', '--- js', '---toml', '---constructor', '---foo', '---__proto__', '---yaml js'])('%s', async (opener) => {
    const result = await check({ 'claims/x.md': `${opener}\n${payload}\n---\nBody.\n` });
    expect(where(result, 'claims/x.md')).toEqual(['1:1 frontmatter-engine']);
    expect(one(result, 'claims/x.md', 'frontmatter-engine').message).toContain(`found '${opener}' (it is never run)`);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('frontmatter that is not a mapping, empty or unclosed', () => {
  it.each([
    ['a string', '---\njust a string\n---\nBody.\n', '2:1', 'found a string'],
    ['a list', '---\n- a\n- b\n---\nBody.\n', '2:1', 'found a list'],
    ['null', '---\nnull\n---\nBody.\n', '2:1', 'found null'],
    ['a number', '---\n42\n---\nBody.\n', '2:1', 'found a number'],
    ['empty', '---\n---\nBody.\n', '1:1', 'frontmatter is empty'],
    ['only a comment', '---\n# nothing\n---\nBody.\n', '1:1', 'frontmatter is empty'],
  ])('%s', async (_name, text, at, message) => {
    const result = await check({ 'claims/x.md': text });
    expect(where(result, 'claims/x.md')).toEqual([`${at} frontmatter-not-object`]);
    expect(one(result, 'claims/x.md', 'frontmatter-not-object').message).toContain(message);
  });

  it('an unclosed frontmatter points at the line where the body seems to start, so the body does not vanish in silence', async () => {
    const result = await check({ 'claims/x.md': `---\n${FIELDS}\n\nThe body, citing [@lab-report].\n` });
    expect(where(result, 'claims/x.md')).toEqual(['6:1 frontmatter-unclosed']);
    expect(one(result, 'claims/x.md', 'frontmatter-unclosed').message).toMatch(/body seems to start on this line; add a '---' line before it/);
  });
});

describe('YAML problems at the parser position plus the frontmatter offset', () => {
  it('a duplicate key, named, at the second occurrence', async () => {
    const result = await check({ 'claims/x.md': claim(`${FIELDS}\nclaim: Again.`) });
    expect(where(result, 'claims/x.md')).toEqual(['5:1 yaml-syntax']);
    expect(one(result, 'claims/x.md', 'yaml-syntax').message).toBe("duplicate key 'claim'; keys must be unique");
  });

  it('tab indentation, at the tab', async () => {
    const result = await check({ 'claims/x.md': claim(`${FIELDS}\nevidence:\n\t- source: lab-report`) });
    expect(where(result, 'claims/x.md')).toEqual(['6:1 yaml-syntax']);
    expect(one(result, 'claims/x.md', 'yaml-syntax').message).toMatch(/tab/i);
  });

  it('an unclosed quote, at its opening quote', async () => {
    const result = await check({ 'claims/x.md': claim(`${FIELDS}\nflags: [a, "b]\ntopics: []`) });
    expect(where(result, 'claims/x.md')[0]).toBe('5:12 yaml-syntax');
  });

  it('an alias bomb is refused after 50 aliases, without expanding 9^7 nodes (complexity guard)', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg']) levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    const result = await check({ 'claims/x.md': claim(`${FIELDS}\n${levels.join('\n')}`) });
    // At the alias written in place whose expansion crossed the limit: the fifth *b on line 7.
    expect(where(result, 'claims/x.md')).toEqual(['7:20 yaml-syntax']);
    expect(one(result, 'claims/x.md', 'yaml-syntax').message).toBe('more than 50 aliases expanded; frontmatter does not need aliases');
  });

  it('deep flow nesting (10,000 levels, past the parser stack) points at the first bracket past the limit', async () => {
    const result = await check({ 'claims/x.md': claim(`${FIELDS}\nnotes: ${'['.repeat(10_000)}`) });
    expect(where(result, 'claims/x.md')[0]).toBe(`5:${8 + FRONTMATTER_LIMITS.maxDepth} yaml-syntax`);
  });

  it('deep block nesting points at the first node past the limit', async () => {
    const nested = Array.from({ length: 80 }, (_, i) => `${' '.repeat(2 * i + 2)}k:`).join('\n');
    const result = await check({ 'claims/x.md': claim(`${FIELDS}\nn:\n${nested}`) });
    const d = one(result, 'claims/x.md', 'yaml-syntax');
    expect([d.line, d.column, d.message]).toEqual([5 + 65, 2 * 64 + 3, 'nesting too deep (the limit is 64 levels)']);
  });
});

describe('keys that name JavaScript internals', () => {
  it.each(['__proto__', 'constructor', 'prototype', '"__proto__"'])('%s is refused at the key, and no prototype is polluted', async (key) => {
    const result = await check({ 'claims/x.md': claim(`${FIELDS}\n${key}: {polluted: yes, toString: 1}\nnested:\n  ${key}: {polluted: yes}`) });
    expect(where(result, 'claims/x.md')).toEqual(['5:1 frontmatter-key', '7:3 frontmatter-key', '6:1 schema'].sort());
    const plain: Record<string, unknown> = {};
    expect([plain.polluted, ({}).toString === Object.prototype.toString, plain.constructor === Object]).toEqual([undefined, true, true]);
  });
});

describe('values of the wrong kind', () => {
  it('an impossible date, at the value', async () => {
    const source = '---\nid: bad-date\ntitle: T\nkind: news\nreliability: high\npublished: 2026-02-30\n---\nText.\n';
    const result = await check({ 'sources/bad-date.md': source });
    const d = one(result, 'sources/bad-date.md', 'schema');
    expect([d.line, d.column]).toEqual([6, 12]);
    expect(d.message).toContain('expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) that exists');
  });

  it('a number such as 012345 where text is expected: the message says to quote it', async () => {
    const result = await check({ 'claims/x.md': claim('id: x\nclaim: 012345\nverdict: unverified') });
    const d = one(result, 'claims/x.md', 'schema');
    expect([d.line, d.column]).toEqual([3, 8]);
    expect(d.message).toBe("'claim': expected string, received number, got 12345 (YAML read it as a value, not text: put it in quotes)");
  });

  it('lists, numbers and booleans in the wrong places, each at its value', async () => {
    const result = await check({ 'claims/x.md': claim('id: x\nclaim: true\nverdict: [a]\nflags: oops\nrelated: 5') });
    expect(where(result, 'claims/x.md')).toEqual(['3:8 schema', '4:10 schema', '5:8 schema', '6:10 schema']);
  });
});
