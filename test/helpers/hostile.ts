import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { copyFixture } from './kb.js';

/** The claims of test/fixtures/valid, which must still build whatever hostile file sits beside them. */
export const VALID_CLAIMS = ['blog-87-percent-blue', 'blog-widget-model-2024', 'widget-model-published-2026', 'widget-model-simulates-shapes'];

/** A copy of test/fixtures/valid with `extra` files added (or replaced), built in memory. */
export async function buildWith(extra: Record<string, string | Uint8Array>, options: Partial<BuildOptions> = {}) {
  const root = copyFixture('valid', extra);
  return { root, result: await build({ root, out: null, ...options }) };
}

/** `line:col rule` of the diagnostics of one file. */
export function where(result: BuildResult, file: string): string[] {
  return result.report.diagnostics.filter((d) => d.file === file).map((d) => `${d.line}:${d.column} ${d.rule}`);
}

/** The one diagnostic of `file` with `rule`. */
export function one(result: BuildResult, file: string, rule: string): Diagnostic {
  const found = result.report.diagnostics.filter((d) => d.file === file && d.rule === rule);
  expect(found, `${file} ${rule}`).toHaveLength(1);
  return found[0]!;
}

/** The rest of the knowledge base still builds: every valid claim is resolved, its quotes verified, and reported. */
export function expectRestBuilds(result: BuildResult): void {
  const byId = new Map(result.claims.map((c) => [c.id, c]));
  for (const id of VALID_CLAIMS) {
    const c = byId.get(id);
    expect(c, id).toBeDefined();
    for (const q of [...c!.appearances, ...c!.evidence]) expect(q.match, `${id}: ${q.quote}`).not.toBeNull();
  }
  expect(result.report.summary.claims).toBeGreaterThanOrEqual(VALID_CLAIMS.length);
  expect(result.report.summary.sources).toBeGreaterThanOrEqual(2);
}

/**
 * Every diagnostic names a file and a position inside it: line ≥ 1 and column ≥ 1, and, for a text file,
 * a line that exists and a column at most one past its end (BOM dropped, CRLF and CR counted as one break).
 */
export function expectPositioned(root: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const label = `${d.file}:${d.line}:${d.column} ${d.rule}`;
    expect(d.file, label).toMatch(/^(claims|sources)(\/|$)/);
    expect(d.line, label).toBeGreaterThanOrEqual(1);
    expect(d.column, label).toBeGreaterThanOrEqual(1);
    const abs = path.join(root, d.file);
    if (!existsSync(abs) || !lstatSync(abs).isFile() || d.line === 1 && d.column === 1) continue;
    const text = new TextDecoder('utf-8').decode(readFileSync(abs)).replace(/^\ufeff/, '');
    const lines = text.split(/\r\n|\r|\n/);
    expect(d.line, label).toBeLessThanOrEqual(lines.length);
    expect(d.column, label).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
  }
}
