/**
 * Converts a parsed YAML document into plain data for the frontmatter: own data properties only (no
 * prototype can be reached), aliases expanded within limits, and the file position of every key and
 * value recorded. Split from frontmatter.ts, which finds the frontmatter and reports YAML problems.
 */
import type { Alias, Document, YAMLMap, YAMLSeq } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from './yaml-lib.js';
import type { Position } from '../diagnostics.js';

/** Limits that keep hostile frontmatter cheap: yaml is slow on some 4 MiB inputs (nested `{` exhausts the heap). */
export const FRONTMATTER_LIMITS = { maxChars: 64 * 1024, maxAliases: 50, maxNodes: 100_000, maxDepth: 64, maxYamlProblems: 20 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Reports a problem at an offset of the YAML text. */
export type Report = (rule: string, message: string, offset: number) => void;

/** Shortens a text for messages. */
export const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Where positions are recorded, by dotted path (a Frontmatter's maps). */
export interface PositionMaps {
  positions: Map<string, Position>;
  keyPositions: Map<string, Position>;
}

/** A resource limit hit while converting; makes the data unusable. */
export class Limit extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const startOf = (node: unknown): number | undefined =>
  (node as { range?: [number, number, number] } | null)?.range?.[0];

/** Builds plain data from the YAML AST: own data properties only, aliases resolved within limits, positions recorded. */
export class Converter {
  private aliases = 0;
  private nodes = 0;
  /** Offset of the outermost alias being expanded, or null. */
  private expanding: number | null = null;
  private readonly active = new Set<unknown>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly src: string,
    private readonly fm: PositionMaps,
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
