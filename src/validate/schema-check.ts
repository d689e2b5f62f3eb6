/**
 * Validates frontmatter data against a zod schema and turns every issue into a positioned
 * `schema` diagnostic at the offending value (or key) in the file.
 */
import type { z } from 'zod';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';

/** Looks up the position of a dotted path, falling back to the deepest known prefix. */
export type PositionLookup = (path: readonly (string | number)[], key?: boolean) => Position;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json === undefined ? typeof value : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return cur;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function issueMessage(issue: z.core.$ZodIssue, got: unknown): string {
  const field = fieldName(issue.path);
  if (issue.code === 'invalid_type' && got === undefined) return `missing required field '${field}'`;
  const base = issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
  const quoteIt = typeof got === 'number' || typeof got === 'boolean' ? ' (YAML read it as a value, not text: put it in quotes)' : '';
  return `${field ? `'${field}': ` : ''}${base}, got ${describe(got)}${issue.code === 'invalid_type' && issue.expected === 'string' ? quoteIt : ''}`;
}

/** Validates `data`; returns the parsed value (or null) and one diagnostic per issue. */
export function checkSchema<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
  lookup: PositionLookup,
): { value: T | null; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const msg = `unknown field '${fieldName([...path, key])}'; check its spelling or remove it`;
        diagnostics.push(diagnostic(file, 'schema', 'error', msg, lookup([...path, key], true)));
      }
      continue;
    }
    const msg = issueMessage(issue, valueAt(data, path));
    diagnostics.push(diagnostic(file, 'schema', 'error', msg, lookup(path)));
  }
  return { value: null, diagnostics };
}
