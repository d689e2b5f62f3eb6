/**
 * Frontmatter: split with gray-matter (never allowed to run code), parse the YAML with `yaml`, convert
 * it to plain data without prototype pollution, and keep the exact file position of every key and value.
 */
import type { Document } from 'yaml';
import { compareDiagnostics, diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { LineIndex } from '../text.js';
import { normalizeNewlines } from './read.js';
import { clip, Converter, FRONTMATTER_LIMITS, Limit, type Report } from './yaml-convert.js';
import { grayMatter, isAlias, isMap, isScalar, isSeq, yaml } from './yaml-lib.js';
import { reportYamlProblems, tooDeepAt } from './yaml-problems.js';

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

export { FRONTMATTER_LIMITS } from './yaml-convert.js';

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
    split = grayMatter()(masked, GRAY_MATTER_OPTIONS);
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
    doc = yaml().parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false, version: '1.2', schema: 'core' });
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
