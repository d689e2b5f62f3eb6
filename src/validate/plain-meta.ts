/**
 * Frontmatter validated without zod, when it is valid: the value ClaimSchema or SourceSchema would give
 * (strings trimmed, missing lists as [], keys in the schema's order), or null for anything else, which
 * then goes to zod, the schemas' one declaration, for its positioned diagnostics. Loading zod costs
 * about 100 ms, more than the rest of a rebuild after editing one claim spends on that claim and the
 * sources it quotes; a property test (test/plain-meta.test.ts) shows these give zod's result for every
 * value they accept, and accept every value zod accepts.
 */
import { ID_PATTERN, isDateOrUnknown, isUrlOrUnknown, UNKNOWN } from '../formats.js';
import type { Appearance, ClaimMeta, Evidence, SourceMeta } from '../schema.js';
import { FLAGS, RELIABILITY, SOURCE_KINDS, STANCES, VERDICTS, type Flag, type Stance, type Verdict } from '../vocab.js';

/** The keys ClaimSchema allows, in its order. */
const CLAIM_KEYS = ['id', 'claim', 'verdict', 'flags', 'appearances', 'evidence', 'topics', 'related'];
const APPEARANCE_KEYS = ['source', 'quote'];
const EVIDENCE_KEYS = ['source', 'quote', 'stance', 'note'];
/** The keys SourceSchema allows, in its order; after the first four, all optional. */
const SOURCE_KEYS = ['id', 'title', 'kind', 'reliability', 'reliabilityNote', 'publisher', 'authors', 'url', 'published', 'accessed', 'capture', 'notes'];

type Plain = Record<string, unknown>;

/** A plain object (what YAML gives) whose keys are all among `allowed`, or null. */
function plainObject(value: unknown, allowed: readonly string[]): Plain | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return null;
  return Object.keys(value).every((k) => allowed.includes(k)) ? (value as Plain) : null;
}

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
const isKey = (table: object, v: unknown): boolean => typeof v === 'string' && has(table, v);

/** The text, trimmed, when it is a string with something besides white space; else null (zod's `text`). */
function text(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length > 0 ? t : null;
}

/** A list of strings that each pass `ok`, none twice ([] when missing), or null. */
function distinctList(o: Plain, key: string, ok: (v: unknown) => boolean): string[] | null {
  if (!has(o, key)) return [];
  const v = o[key];
  if (!Array.isArray(v) || !v.every(ok)) return null;
  return new Set(v).size === v.length ? [...(v as string[])] : null;
}

/** Each item converted by `one` ([] when missing), or null when the list or any item is not valid. */
function items<T>(o: Plain, key: string, one: (v: unknown) => T | null): T[] | null {
  if (!has(o, key)) return [];
  const v = o[key];
  if (!Array.isArray(v)) return null;
  const out: T[] = [];
  for (const item of v) {
    const t = one(item);
    if (t === null) return null;
    out.push(t);
  }
  return out;
}

function appearance(v: unknown): Appearance | null {
  const o = plainObject(v, APPEARANCE_KEYS);
  const quote = o && text(o.quote);
  return o && isId(o.source) && quote !== null ? { source: o.source, quote } : null;
}

function evidence(v: unknown): Evidence | null {
  const o = plainObject(v, EVIDENCE_KEYS);
  if (!o || !isId(o.source) || !isKey(STANCES, o.stance)) return null;
  const quote = text(o.quote);
  const note = has(o, 'note') ? text(o.note) : undefined;
  if (quote === null || note === null) return null;
  return { source: o.source, quote, stance: o.stance as Stance, ...(note === undefined ? {} : { note }) };
}

/** ClaimSchema's value for `data` when it is a valid claim frontmatter; null otherwise (then ask zod). */
export function plainClaimMeta(data: unknown): ClaimMeta | null {
  const o = plainObject(data, CLAIM_KEYS);
  if (!o || !isId(o.id) || !isKey(VERDICTS, o.verdict)) return null;
  const claim = text(o.claim);
  const flags = distinctList(o, 'flags', (v) => isKey(FLAGS, v));
  const appearances = items(o, 'appearances', appearance);
  const evidenceList = items(o, 'evidence', evidence);
  const topics = distinctList(o, 'topics', isId);
  const related = distinctList(o, 'related', isId);
  if (claim === null || !flags || !appearances || !evidenceList || !topics || !related) return null;
  return { id: o.id, claim, verdict: o.verdict as Verdict, flags: flags as Flag[], appearances, evidence: evidenceList, topics, related };
}

/** An optional value: `undefined` when missing, the checked value, or null when present and not valid. */
function optional<T>(o: Plain, key: string, check: (v: unknown) => T | null): T | null | undefined {
  return has(o, key) ? check(o[key]) : undefined;
}

const stringIf = (ok: (v: string) => boolean) => (v: unknown) => (typeof v === 'string' && ok(v) ? v : null);
/** SourceSchema's authors: a list of texts (trimmed) or "unknown". */
function authors(v: unknown): string[] | typeof UNKNOWN | null {
  if (v === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(v)) return null;
  const out = v.map(text);
  return out.every((t) => t !== null) ? (out as string[]) : null;
}

/** How SourceSchema checks each optional key (each gives the value, or null when it is not valid). */
const OPTIONAL_SOURCE_VALUES: Record<string, (v: unknown) => unknown> = {
  reliabilityNote: text, publisher: text, authors, url: stringIf(isUrlOrUnknown), published: stringIf(isDateOrUnknown),
  accessed: stringIf(isDateOrUnknown), capture: text, notes: text,
};

/** SourceSchema's value for `data` when it is a valid source frontmatter; null otherwise (then ask zod). */
export function plainSourceMeta(data: unknown): SourceMeta | null {
  const o = plainObject(data, SOURCE_KEYS);
  if (!o || !isId(o.id) || !isKey(SOURCE_KINDS, o.kind) || !isKey(RELIABILITY, o.reliability)) return null;
  const values: Record<string, unknown> = { id: o.id, title: text(o.title), kind: o.kind, reliability: o.reliability };
  for (const key of SOURCE_KEYS.slice(4)) {
    const v = optional(o, key, OPTIONAL_SOURCE_VALUES[key]!);
    if (v !== undefined) values[key] = v;
  }
  if (Object.values(values).includes(null)) return null;
  if (values.reliability === 'low' && values.reliabilityNote === undefined) return null;
  return values as SourceMeta;
}
