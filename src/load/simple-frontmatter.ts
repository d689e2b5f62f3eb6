/**
 * Frontmatter in the simple form claimkb's own files use, read without gray-matter and `yaml`: lines
 * `key: value` whose value is a double-quoted string without escapes, a single-quoted string, plain text
 * that starts with a letter and holds no `:` or `#`, or a flow list `[a, "b"]` of quoted strings and
 * kebab-case words, and lists of such mappings written `  - key: value` / `    key: value`.
 * On any other input it returns null and the general parser (frontmatter.ts) reads the file, so it only
 * speeds up the common case: a property test checks that both give the same data and positions.
 */
import type { Position } from '../diagnostics.js';
import type { LineIndex } from '../text.js';
import { FRONTMATTER_LIMITS, type Frontmatter } from './frontmatter.js';

const KEY = /^([A-Za-z][A-Za-z0-9]*):(?: |$)/;
/** A word in a flow list that YAML's core schema reads as this very string (not a number, boolean or null). */
const WORD = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Plain text YAML reads as this very string: a letter first, no `:`, `#` or tab, no space at the end, printable. */
const PLAIN = /^[A-Za-z](?:(?:[\u0020-\u0022\u0024-\u0039\u003b-\u007e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*[^\s:#])?$/;
const NOT_STRINGS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
/** The inside of a single-quoted value: printable, quotes doubled. */
const SINGLE = /^(?:[\u0020-\u0026\u0028-\u007e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|''|[\ud800-\udbff][\udc00-\udfff])*$/;
/** Characters a quoted value may hold: printable, no backslash, no quote, no byte-order mark. */
const QUOTED = /^(?:[\u0020\u0021\u0023-\u005b\u005d-\u007e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Value = string | Value[] | { [key: string]: Value };

/** Thrown (and caught) when the input is not in the simple form. */
class NotSimple extends Error {}
const fail = (): never => {
  throw new NotSimple();
};

/** Reads the frontmatter lines [from, to) of `src`, recording positions as frontmatter.ts does. */
class Reader {
  readonly positions = new Map<string, Position>();
  readonly keyPositions = new Map<string, Position>();
  private line = 0;

  constructor(private readonly src: string, private readonly index: LineIndex, private readonly lines: Array<[number, number]>) {}

  private record(path: string, keyAt: number, valueAt: number): void {
    this.positions.set(path, this.index.position(valueAt));
    this.keyPositions.set(path, this.index.position(keyAt));
  }

  /** The top-level mapping. */
  root(): Record<string, Value> {
    const out: Record<string, Value> = {};
    if (this.lines.length === 0) fail();
    this.record('', this.lines[0]![0], this.lines[0]![0]);
    while (this.line < this.lines.length) this.pair(out, '', 0, this.lines[this.line++]!);
    return out;
  }

  /** One `key: value` (or `key:` and a block list) at `indent`, from line [s, e). */
  private pair(out: Record<string, Value>, prefix: string, indent: number, [s, e]: [number, number]): void {
    const m = KEY.exec(this.src.slice(s + indent, e));
    if (!m || Object.hasOwn(out, m[1]!) || FORBIDDEN_KEYS.has(m[1]!)) fail();
    const key = m![1]!;
    const path = prefix + key;
    const valueAt = s + indent + key.length + 2;
    if (valueAt <= e) {
      out[key] = this.inline(path, s + indent, valueAt, e);
      return;
    }
    if (indent > 0) fail(); // a key without a value inside a list item
    out[key] = this.blockList(path, s);
  }

  /** A value on the rest of the line. */
  private inline(path: string, keyAt: number, at: number, e: number): Value {
    this.record(path, keyAt, at);
    const text = this.src.slice(at, e);
    if (text.startsWith('[')) return this.flowList(path, at, e);
    if (text.startsWith('"')) return quoted(text, 0) === text.length ? text.slice(1, -1) : fail();
    if (text.startsWith("'")) return text.length >= 2 && text.endsWith("'") && SINGLE.test(text.slice(1, -1)) ? text.slice(1, -1).replaceAll("''", "'") : fail();
    return PLAIN.test(text) && !NOT_STRINGS.has(text) ? text : fail();
  }

  /** `[a, "b", …]` on [at, e). */
  private flowList(path: string, at: number, e: number): Value[] {
    const text = this.src.slice(at, e);
    if (text === '[]') return [];
    if (!text.endsWith(']')) fail();
    const items: Value[] = [];
    for (let p = 1; ; p += 2) {
      const end = text[p] === '"' ? quoted(text, p) : wordEnd(text, p);
      if (end < 0) fail();
      this.record(`${path}.${items.length}`, at + p, at + p);
      items.push(text[p] === '"' ? text.slice(p + 1, end - 1) : text.slice(p, end));
      if (end === text.length - 1) return items;
      if (text.slice(end, end + 2) !== ', ') fail();
      p = end;
    }
  }

  /** A block list of mappings, in the lines after the key's line. */
  private blockList(path: string, keyAt: number): Value[] {
    const items: Value[] = [];
    while (this.line < this.lines.length && this.src.startsWith('  - ', this.lines[this.line]![0])) {
      const [s] = this.lines[this.line]!;
      if (items.length === 0) this.record(path, keyAt, s + 2);
      this.record(`${path}.${items.length}`, s + 4, s + 4);
      const item: Record<string, Value> = {};
      const prefix = `${path}.${items.length}.`;
      this.pair(item, prefix, 4, this.lines[this.line++]!);
      while (this.line < this.lines.length && /^ {4}[A-Za-z]/.test(this.src.slice(this.lines[this.line]![0], this.lines[this.line]![0] + 5))) {
        this.pair(item, prefix, 4, this.lines[this.line++]!);
      }
      items.push(item);
    }
    return items.length > 0 ? items : fail();
  }
}

/** The end of a double-quoted value starting at `p` in `text` (after its closing quote), or -1. */
function quoted(text: string, p: number): number {
  const close = text.indexOf('"', p + 1);
  return close > p && QUOTED.test(text.slice(p + 1, close)) ? close + 1 : -1;
}

/** The end of a word value starting at `p` (at `,` or `]`), or -1 when it is not a plain word. */
function wordEnd(text: string, p: number): number {
  let end = p;
  while (end < text.length && text[end] !== ',' && text[end] !== ']') end++;
  const word = text.slice(p, end);
  return WORD.test(word) && !NOT_STRINGS.has(word) ? end : -1;
}

/**
 * Parses the frontmatter of `src` (text as parseFrontmatter normalized it, indexed by `index`) when it
 * is in the simple form and closed by a line `---`; null otherwise.
 */
export function simpleFrontmatter(src: string, index: LineIndex): Frontmatter | null {
  if (!src.startsWith('---\n')) return null;
  const close = src.indexOf('\n---', 3);
  if (close < 0 || close - 3 > FRONTMATTER_LIMITS.maxChars) return null;
  let closeEnd = src.indexOf('\n', close + 1);
  if (closeEnd < 0) closeEnd = src.length;
  if (closeEnd !== close + 4) return null; // the closing line must be exactly ---
  const lines: Array<[number, number]> = [];
  for (let s = 4; s <= close; ) {
    const e = src.indexOf('\n', s);
    if (e > s) lines.push([s, e]);
    s = e + 1;
  }
  const reader = new Reader(src, index, lines);
  let data: Record<string, Value>;
  try {
    data = reader.root();
  } catch (error) {
    if (error instanceof NotSimple) return null;
    throw error;
  }
  const bodyOffset = Math.min(closeEnd + 1, src.length);
  return { data, body: src.slice(bodyOffset), bodyStart: index.position(bodyOffset), positions: reader.positions, keyPositions: reader.keyPositions, diagnostics: [] };
}
