/** Helpers shared by the frontmatter tests. */
import { expect } from 'vitest';
import { parseFrontmatter, type Frontmatter } from '../../src/load/frontmatter.js';

/** Parses and checks the invariant every result must keep: each diagnostic points inside the text. */
export function parse(text: string, file = 'claims/x.md'): Frontmatter {
  const fm = parseFrontmatter(text, file);
  const lines = text.replace(/^\ufeff/, '').split(/\r\n?|\n/);
  for (const d of fm.diagnostics) {
    expect(d.file).toBe(file);
    expect(d.severity).toBe('error');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
  }
  return fm;
}
/** Each diagnostic as `line:column rule`. */
export const where = (fm: Frontmatter): string[] => fm.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`);
/** A position as `line:column`, or `none`. */
export const pos = (p: { line: number; column: number } | undefined): string => (p ? `${p.line}:${p.column}` : 'none');
