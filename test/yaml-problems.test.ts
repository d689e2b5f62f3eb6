import { describe, expect, it } from 'vitest';
import { FRONTMATTER_LIMITS } from '../src/load/frontmatter.js';
import { parse, where } from './helpers/frontmatter.js';

describe('parseFrontmatter: YAML problems at their true position', () => {
  it('a duplicate key on line 4', () => {
    const fm = parse('---\nid: a\nclaim: b\nid: c\n---\n');
    expect(where(fm)).toEqual(['4:1 yaml-syntax']);
    expect(fm.diagnostics[0]!.message).toBe("duplicate key 'id'; keys must be unique");
    expect(fm.data).toBeNull();
  });

  it('a tab-indented line', () => {
    const fm = parse('---\nid: a\nevidence:\n\t- source: x\n---\n');
    expect(where(fm)).toEqual(['4:1 yaml-syntax']);
    expect(fm.diagnostics[0]!.message).toMatch(/tab/i);
  });

  it('bad indentation points at the misplaced key', () => {
    const fm = parse('---\nevidence:\n  - source: x\n    quote: y\n   stance: z\n---\n');
    expect(where(fm)).toEqual(['5:4 yaml-syntax']);
  });

  it('an unclosed quote points at the opening quote', () => {
    const fm = parse('---\nid: a\nclaim: "foo\nverdict: x\n---\nbody');
    expect(where(fm)).toEqual(['3:8 yaml-syntax']);
    expect(fm.diagnostics[0]!.message).toMatch(/quote/);
  });

  it('an alias bomb is refused quickly', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    // 9^12 values if expanded: finishing within the test timeout is the complexity guard (no clock is read).
    const fm = parse(`---\n${levels.join('\n')}\n---\n`);
    // The 51st alias is the first *a inside b, expanded for c's fifth *b: reported at that *b, written in place.
    expect(where(fm)).toEqual(['4:24 yaml-syntax']);
    expect(fm.diagnostics[0]!.message).toMatch(/more than 50 aliases/);
    expect(fm.data).toBeNull();
  });

  it('recursive and undefined aliases', () => {
    expect(where(parse('---\na: &a [*a]\n---\n'))).toEqual(['2:8 yaml-syntax']);
    expect(where(parse('---\na: 1\nb: *nope\n---\n'))).toEqual(['3:4 yaml-syntax']);
  });

  it('10,000 levels of [ do not crash', () => {
    const fm = parse(`---\na: ${'['.repeat(10_000)}\n---\nbody`);
    expect(fm.diagnostics.map((d) => d.message)).toContain('nesting too deep (the limit is 64 levels)');
    // At the first bracket past the limit: column 4 + 64 (the YAML parser's own position is far deeper).
    expect(where(fm)[0]).toBe(`2:${4 + FRONTMATTER_LIMITS.maxDepth} yaml-syntax`);
    expect(fm.diagnostics.every((d) => d.rule === 'yaml-syntax')).toBe(true);
    expect(fm.diagnostics.length).toBeLessThanOrEqual(FRONTMATTER_LIMITS.maxYamlProblems + 1);
    expect(fm.data).toBeNull();
  });

  it('well-formed but too deep nesting is refused', () => {
    const fm = parse(`---\na: ${'['.repeat(100)}x${']'.repeat(100)}\n---\n`);
    expect(fm.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual(['2:68 yaml-syntax nesting too deep (the limit is 64 levels)']);
  });

  it('tags outside the core schema are errors', () => {
    expect(where(parse('---\na: !!binary aGk=\n---\n'))).toEqual(['2:4 yaml-syntax']);
    expect(where(parse('---\na: !!timestamp 2026-01-01\n---\n'))).toEqual(['2:4 yaml-syntax']);
    expect(where(parse('---\na: !custom x\n---\n'))).toEqual(['2:4 yaml-syntax']);
  });
});
