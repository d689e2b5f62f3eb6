/**
 * Frontmatter: split with gray-matter (never allowed to run code), parse the YAML with `yaml`, convert
 * it to plain data without prototype pollution, and keep the exact file position of every key and value.
 */
import matter from 'gray-matter';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Alias, Document, Scalar, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import { compareDiagnostics, diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { LineIndex } from '../text.js';
import { normalizeNewlines } from './read.js';

/** A file's frontmatter, parsed, with positions in the file. */
export interface Frontmatter {
  /** The fields, or null when unusable (missing, refused, unclosed, not a mapping, YAML errors). */
  data: Record<string, unknown> | null;
  /** Text after the closing delimiter line. */
  body: string;
  /** Position of body's first char in the file. */
  bodyStart: Position;
  /** Position of each value, keyed by dotted path: 'id', 'evidence', 'evidence.0', 'evidence.0.quote'; '' is the mapping. */
  positions: Map<string, Position>;
  /** Position of each key (for "unknown field" messages), same keys; a list item's is the item's own. */
  keyPositions: Map<string, Position>;
  /** Problems found, sorted. */
  diagnostics: Diagnostic[];
}

/** Limits that keep hostile frontmatter cheap: yaml is slow on some 4 MiB inputs (nested `{` exhausts the heap). */
export const FRONTMATTER_LIMITS = { maxChars: 64 * 1024, maxAliases: 50, maxNodes: 100_000, maxDepth: 64, maxYamlProblems: 20 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
type Report = (rule: string, message: string, offset: number) => void;

class EngineRefused extends Error {
  constructor(readonly language: string) {
    super(`claimkb: frontmatter engine '${language}' refused`);
  }
}
const refuse = (language: string) => (): never => {
  throw new EngineRefused(language);
};
const REFUSED_ENGINES = ['javascript', 'js', 'coffee', 'coffeescript', 'cson', 'toml', 'json'];
/** Options for gray-matter: the YAML engine does nothing (we parse it, with positions), the others throw. */
const GRAY_MATTER_OPTIONS = {
  language: 'yaml',
  excerpt: false, // passing any options object also bypasses gray-matter's content-keyed cache
  engines: { yaml: () => ({}), ...Object.fromEntries(REFUSED_ENGINES.map((name) => [name, refuse(name)])) },
};

/**
 * Replaces every line break after the first one, except those before `---`, by a placeholder: the
 * length and every `\n---` offset stay the same, so gray-matter's split is unchanged, but its
 * comment-stripping regex (`/^\s*#[^\n]+/gm`, quadratic in runs of blank lines) has no lines to scan.
 */
function maskLineBreaks(text: string): string {
  const first = text.indexOf('\n');
  return first < 0 ? text : text.slice(0, first + 1) + text.slice(first + 1).replace(/\n(?!---)|[\r\u2028\u2029]/g, '\u001a');
}

/**
 * Runs gray-matter on text that starts with `---`, with engines that refuse every language but YAML
 * (whose engine does nothing). Returns the end offset of the frontmatter text (which starts at 3),
 * or the language it refused. Exported for tests; parseFrontmatter refuses languages before this.
 */
export function runGrayMatter(text: string): { matterEnd: number } | { refused: string } {
  if (!text.startsWith('---')) throw new Error('claimkb: runGrayMatter needs text that starts with ---');
  const masked = maskLineBreaks(text);
  let split: { language: string; matter: string };
  try {
    split = matter(masked, GRAY_MATTER_OPTIONS);
  } catch (error) {
    if (error instanceof EngineRefused) return { refused: error.language };
    if (/^---[ \t]*(\n|$)/.test(text)) throw error;
    return { refused: text.slice(3, lineEnd(text, 0)).trim() }; // e.g. `---__proto__`: not an engine
  }
  if (split.language !== 'yaml') return { refused: split.language };
  if (!masked.startsWith(split.matter, 3)) throw new Error('claimkb: unexpected gray-matter split');
  return { matterEnd: 3 + split.matter.length };
}

/** Parses the frontmatter of a content file (text as decodeContent returns it). Never throws on bad content. */
export function parseFrontmatter(text: string, file: string): Frontmatter {
  const src = normalizeNewlines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const index = new LineIndex(src);
  const fm: Frontmatter = {
    data: null,
    body: '',
    bodyStart: index.position(src.length),
    positions: new Map(),
    keyPositions: new Map(),
    diagnostics: [],
  };
  const report: Report = (rule, message, offset) => {
    fm.diagnostics.push(diagnostic(file, rule, 'error', message, index.position(offset)));
  };
  split(src, fm, report, index);
  fm.diagnostics = dedupe(fm.diagnostics).sort(compareDiagnostics);
  return fm;
}

/** Resolves the best position for a path: the deepest known prefix ('evidence.2.stance' falls back to 'evidence.2'). */
export function positionOf(fm: Frontmatter, path: readonly (string | number)[]): Position {
  for (let n = path.length; n >= 0; n--) {
    const found = fm.positions.get(path.slice(0, n).join('.'));
    if (found) return found;
  }
  return { line: 1, column: 1 };
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
const lineEnd = (s: string, from: number): number => {
  const i = s.indexOf('\n', from);
  return i < 0 ? s.length : i;
};

/** Finds the delimiters, fills `body`, and parses the YAML between them. */
function split(src: string, fm: Frontmatter, report: Report, index: LineIndex): void {
  const first = src.slice(0, lineEnd(src, 0));
  if (!first.startsWith('---') || /^-{4,}[ \t]*$/.test(first)) {
    const found = first.startsWith('---') ? `; found '${clip(first)}'` : '';
    report('frontmatter-missing', `the file must start with a '---' line that opens the YAML frontmatter${found}`, 0);
    [fm.body, fm.bodyStart] = [src, { line: 1, column: 1 }];
    return;
  }
  const rest = first.slice(3);
  const refused = /^[ \t]*$/.test(rest) ? runGrayMatter(src) : { refused: rest.trim() };
  if ('refused' in refused) {
    report('frontmatter-engine', `only YAML frontmatter is accepted; found '${clip(first.trimEnd())}' (it is never run)`, 0);
    return;
  }
  const { matterEnd } = refused;
  if (matterEnd >= src.length) return reportUnclosed(src, report);
  const closeStart = matterEnd + 1;
  const bodyOffset = Math.min(lineEnd(src, closeStart) + 1, src.length);
  [fm.body, fm.bodyStart] = [src.slice(bodyOffset), index.position(bodyOffset)];
  const closeLine = src.slice(closeStart, lineEnd(src, closeStart));
  if (!/^---[ \t]*$/.test(closeLine)) {
    report('frontmatter-unclosed', `the frontmatter's closing line must be exactly '---'; found '${clip(closeLine)}'`, closeStart);
    return;
  }
  const yamlText = src.slice(3, matterEnd);
  if (yamlText.length > FRONTMATTER_LIMITS.maxChars) {
    const message = `frontmatter is ${yamlText.length} characters; the limit is ${FRONTMATTER_LIMITS.maxChars} (long text belongs in the body)`;
    report('frontmatter-too-large', message, 0);
    return;
  }
  parseYaml(yamlText, fm, (rule, message, offset) => report(rule, message, 3 + offset), index);
}

/** A line that YAML frontmatter may hold: blank, indented, a comment, a list item, `key:` or a document marker. */
const YAML_LINE = /^(?:$|[ \t]|#|-(?:[ \t]|$)|\.\.\.$|[^\s:#][^:]*:(?:[ \t]|$)|["'][^"']*["'][ \t]*:(?:[ \t]|$))/;

/**
 * Reports a frontmatter with no closing `---` line. The body is not lost in silence: the diagnostic points
 * at the first line that cannot be YAML, where the body probably starts, or at the opening line.
 */
function reportUnclosed(src: string, report: Report): void {
  let at = lineEnd(src, 0) + 1;
  while (at < src.length && YAML_LINE.test(src.slice(at, Math.min(lineEnd(src, at), at + 200)))) at = lineEnd(src, at) + 1;
  if (at >= src.length) {
    const message = "frontmatter is not closed: no closing '---' line was found, so the whole file was read as frontmatter and no body was checked";
    return report('frontmatter-unclosed', message, 0);
  }
  const message = "frontmatter is not closed: the body seems to start on this line; add a '---' line before it (until then the whole file is read as frontmatter and the body is not checked)";
  report('frontmatter-unclosed', message, at);
}

/** Parses the YAML text (offsets in `report` are relative to it) and converts it to `fm.data`. */
function parseYaml(yamlText: string, fm: Frontmatter, report: Report, index: LineIndex): void {
  const errorsBefore = fm.diagnostics.length;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false, version: '1.2', schema: 'core' });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return report('yaml-syntax', `nesting too deep (the limit is ${FRONTMATTER_LIMITS.maxDepth} levels)`, tooDeepAt(yamlText) ?? 0);
  }
  reportYamlProblems(doc, yamlText, report);
  if (doc.errors.length > 0) return; // data stays null: converting a broken tree only adds noise
  const root = doc.contents;
  if (root === null) return report('frontmatter-not-object', 'frontmatter is empty; expected a mapping of fields', -3); // -3: the opening line
  if (!isMap(root)) {
    return report('frontmatter-not-object', `frontmatter must be a mapping of fields (key: value lines); found ${describe(root)}`, root.range[0]);
  }
  const at = (offset: number): Position => index.position(3 + offset);
  let data: unknown = null;
  try {
    data = new Converter(doc, yamlText, fm, at, report).value(root, '', 0);
  } catch (error) {
    if (error instanceof Limit) report('yaml-syntax', error.message, error.offset);
    else if (error instanceof RangeError) report('yaml-syntax', `nesting too deep (the limit is ${FRONTMATTER_LIMITS.maxDepth} levels)`, tooDeepAt(yamlText) ?? root.range[0]);
    else throw error;
  }
  const usable = fm.diagnostics.slice(errorsBefore).every((d) => d.rule !== 'yaml-syntax');
  fm.data = usable ? (data as Record<string, unknown>) : null;
}

/** Reports every YAML error and warning as a `yaml-syntax` error pointing at the offending token. */
function reportYamlProblems(doc: Document.Parsed, src: string, report: Report): void {
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
function tooDeepAt(src: string): number | undefined {
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
  visit(doc, {
    Scalar(_key, node) {
      if (!test(node)) return undefined;
      found = node;
      return visit.BREAK;
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

/** Names a non-mapping top-level value for messages. */
function describe(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  const value = isScalar(node) ? node.value : null;
  return value === null ? 'null' : `a ${typeof value}`;
}

/** Drops exact repeats (an alias expanded twice reports the same key problem twice). */
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.rule}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** A resource limit hit while converting; makes the data unusable. */
class Limit extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const startOf = (node: unknown): number | undefined =>
  (node as { range?: [number, number, number] } | null)?.range?.[0];

/** Builds plain data from the YAML AST: own data properties only, aliases resolved within limits, positions recorded. */
class Converter {
  private aliases = 0;
  private nodes = 0;
  /** Offset of the outermost alias being expanded, or null. */
  private expanding: number | null = null;
  private readonly active = new Set<unknown>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly src: string,
    private readonly fm: Frontmatter,
    private readonly at: (offset: number) => Position,
    private readonly report: Report,
  ) {}

  /** Converts any node; `path` is its dotted path, already recorded by the parent. */
  value(node: unknown, path: string, depth: number): unknown {
    const start = startOf(node) ?? 0;
    if (++this.nodes > FRONTMATTER_LIMITS.maxNodes) throw new Limit(`too many values once aliases are expanded (over ${FRONTMATTER_LIMITS.maxNodes})`, start);
    if (depth > FRONTMATTER_LIMITS.maxDepth) throw new Limit(`nesting too deep (the limit is ${FRONTMATTER_LIMITS.maxDepth} levels)`, start);
    if (isAlias(node)) return this.alias(node, path, depth);
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag?.startsWith('tag:yaml.org,2002:') && !CORE_TAGS.has(tag)) {
      const tagAt = this.src.lastIndexOf('!!', start); // the tag precedes its node on the same line
      const at = tagAt >= 0 && !this.src.slice(tagAt, start).includes('\n') ? tagAt : start;
      this.report('yaml-syntax', `tag !!${tag.slice(18)} is not supported; write plain YAML values`, at);
    }
    if (path === '') this.record('', start, start);
    if (isMap(node)) return this.map(node, path, depth);
    if (isSeq(node)) return this.seq(node, path, depth);
    if (!isScalar(node)) return null;
    const v = node.value;
    return v === null || ['string', 'number', 'boolean'].includes(typeof v) ? v : String(node.source ?? '');
  }

  private record(path: string, keyOffset: number, valueOffset: number): void {
    if (!this.fm.positions.has(path)) this.fm.positions.set(path, this.at(valueOffset));
    if (!this.fm.keyPositions.has(path)) this.fm.keyPositions.set(path, this.at(keyOffset));
  }

  /** Resolves an alias within the limits; a limit is reported at the outermost alias being expanded (the one written in place). */
  private alias(node: Alias, path: string, depth: number): unknown {
    const outer = this.expanding === null;
    if (outer) this.expanding = node.range![0];
    try {
      if (++this.aliases > FRONTMATTER_LIMITS.maxAliases) {
        throw new Limit(`more than ${FRONTMATTER_LIMITS.maxAliases} aliases expanded; frontmatter does not need aliases`, this.expanding!);
      }
      const target = node.resolve(this.doc);
      if (target === undefined || this.active.has(target)) {
        const why = target === undefined ? `no anchor &${node.source} is defined before it` : 'it refers to a collection that contains it';
        this.report('yaml-syntax', `alias *${clip(node.source)} cannot be resolved: ${why}`, node.range![0]);
        return null;
      }
      return this.value(target, path, depth + 1);
    } finally {
      if (outer) this.expanding = null;
    }
  }

  private map(node: YAMLMap, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.active.add(node);
    for (const pair of node.items) {
      const key = this.key(pair.key, startOf(pair.value) ?? startOf(node) ?? 0);
      if (key === null) continue;
      const p = path === '' ? key : `${path}.${key}`;
      const keyAt = startOf(pair.key)!;
      const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === '');
      this.record(p, keyAt, empty ? keyAt : startOf(pair.value)!);
      // defineProperty makes every key an own data property: `__proto__` could never reach a setter.
      Object.defineProperty(out, key, { value: this.value(pair.value, p, depth + 1), writable: true, enumerable: true, configurable: true });
    }
    this.active.delete(node);
    return out;
  }

  private seq(node: YAMLSeq, path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    this.active.add(node);
    node.items.forEach((item, i) => {
      const p = path === '' ? String(i) : `${path}.${i}`;
      const itemAt = startOf(item) ?? startOf(node) ?? 0;
      this.record(p, itemAt, itemAt);
      out.push(this.value(item, p, depth + 1));
    });
    this.active.delete(node);
    return out;
  }

  /** A key as a string, or null (reported) when it is not plain text or could alter prototypes. */
  private key(node: unknown, fallback: number): string | null {
    if (isScalar(node) && ['string', 'number', 'boolean'].includes(typeof node.value)) {
      const key = String(node.value);
      if (!FORBIDDEN_KEYS.has(key)) return key;
      this.report('frontmatter-key', `key '${key}' is not allowed (it names a JavaScript object internal)`, startOf(node)!);
      return null;
    }
    this.report('frontmatter-key', 'a key must be plain text (not empty, a list, a mapping or an alias)', startOf(node) ?? fallback);
    return null;
  }
}
