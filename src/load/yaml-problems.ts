/**
 * The YAML parser's errors and warnings as `yaml-syntax` diagnostics of the frontmatter, each at the
 * offending token (offsets relative to the YAML text; frontmatter.ts adds the frontmatter's offset).
 */
import type { Document, Scalar, YAMLError } from 'yaml';
import { clip, FRONTMATTER_LIMITS, type Report } from './yaml-convert.js';
import { yaml } from './yaml-lib.js';

/** Reports every YAML error and warning as a `yaml-syntax` error pointing at the offending token. */
export function reportYamlProblems(doc: Document.Parsed, src: string, report: Report): void {
  const tooDeep = (e: YAMLError): boolean => /call stack/i.test(e.message);
  const all = [...doc.errors, ...doc.warnings];
  const firstDeep = all.find(tooDeep);
  const problems = all.filter((e) => e === firstDeep || !tooDeep(e)); // a stack overflow is reported once
  const shown = problems.slice(0, FRONTMATTER_LIMITS.maxYamlProblems);
  for (const e of shown) {
    if (tooDeep(e)) report('yaml-syntax', `nesting too deep (the limit is ${FRONTMATTER_LIMITS.maxDepth} levels)`, tooDeepAt(src) ?? pointAt(e, src, doc));
    else report('yaml-syntax', yamlMessage(e, doc), pointAt(e, src, doc));
  }
  const next = problems[shown.length];
  if (next) report('yaml-syntax', `…and ${problems.length - shown.length} more YAML problems`, pointAt(next, src, doc));
}

/** The offset of the first `[` or `{` nested deeper than FRONTMATTER_LIMITS.maxDepth (quotes skipped), if any. */
export function tooDeepAt(src: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      const close = src.indexOf(c, i + 1);
      i = close < 0 ? src.length : close;
    } else if (c === '[' || c === '{') {
      if (++depth > FRONTMATTER_LIMITS.maxDepth) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** The first quoted or plain scalar found by `test`, or undefined. */
function findScalar(doc: Document.Parsed, test: (node: Scalar) => boolean): Scalar | undefined {
  let found: Scalar | undefined;
  yaml().visit(doc, {
    Scalar(_key, node) {
      if (!test(node)) return undefined;
      found = node;
      return yaml().visit.BREAK;
    },
  });
  return found;
}

/** The offset of the offending token: an unclosed quote's opening quote; leading spaces skipped. */
function pointAt(e: YAMLError, src: string, doc: Document.Parsed): number {
  const o = Math.min(e.pos[0], src.length);
  if (e.code === 'MISSING_CHAR' && /quote/.test(e.message)) {
    const quoted = findScalar(doc, (n) => (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && !!n.range && n.range[0] < o && o <= n.range[2]);
    return quoted?.range?.[0] ?? o;
  }
  let p = o;
  while (src[p] === ' ') p++;
  return p < src.length && src[p] !== '\n' ? p : o;
}

/** yaml's message, lowercased, naming the key for a duplicate. */
function yamlMessage(e: YAMLError, doc: Document.Parsed): string {
  if (e.code === 'DUPLICATE_KEY') {
    const key = findScalar(doc, (n) => n.range?.[0] === e.pos[0]);
    if (key) return `duplicate key '${clip(String(key.value))}'; keys must be unique`;
  }
  return e.message.charAt(0).toLowerCase() + e.message.slice(1);
}
