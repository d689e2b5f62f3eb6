/**
 * Journaled JSON files of the build cache. Each is a base, `<name>.json` (its header, a random id, and its
 * collections: keyed lists and append-only lists), and a journal, `<name>.journal.json` (its header, the
 * id of the base it applies to, what changed in the collections since that base, and the other fields
 * whole). A build that changed few entries rewrites only the journal, whose size is that of the changes;
 * once the changes exceed JOURNAL_MIN_ENTRIES plus JOURNAL_FRACTION of the base's entries, both are
 * written again whole (base first, then a journal of no changes). Both files are replaced atomically; a
 * file that does not parse, whose header differs, or a journal of another base makes the whole ignored.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../emit/replace.js';

/** A list of entries with a unique key: the journal holds the entries added or changed since the base and the keys removed. */
export interface KeyedField<T = never> {
  kind: 'keyed';
  key(entry: T): string;
  /** True when an entry is the base's entry of the same key unchanged. */
  same(before: T, now: T): boolean;
}

/** How each field of a journaled file is kept: in the journal whole ('head'), as what was appended since the base, or keyed. */
export type Spec = Record<string, 'head' | 'append' | KeyedField<any>>;

/** The base a journal applies to, as read: its id, its collections and how many entries they hold. */
export interface JournalBase {
  id: string;
  fields: Record<string, unknown[]>;
  entries: number;
}

/** The journal's changes are allowed to reach this many entries whatever the base's size. */
export const JOURNAL_MIN_ENTRIES = 64;
/** ... plus this fraction of the base's keyed entries; past that many changed entries, the file is written whole again. */
export const JOURNAL_FRACTION = 0.1;

interface Changes {
  set: unknown[];
  removed: string[];
  /** When no key was added or removed: where each entry of `set` is in the base's list. */
  at?: number[];
}

/** The base file of a journaled file `name` in `dir`. */
export const baseFile = (dir: string, name: string): string => path.join(dir, `${name}.json`);
/** The journal file of a journaled file `name` in `dir`. */
export const journalFile = (dir: string, name: string): string => path.join(dir, `${name}.journal.json`);

/** True when a journal of `changed` entries may stand for a base of `entries` entries (else the file is written whole again). */
export function journalAllows(changed: number, entries: number, fraction = JOURNAL_FRACTION): boolean {
  return changed <= JOURNAL_MIN_ENTRIES + fraction * entries;
}

/** The file's JSON when it is an object whose header is `header`, else null (missing or not parsing). */
export function readHeaded(file: string, header: Record<string, unknown>): Record<string, unknown> | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return null;
    return Object.entries(header).every(([k, v]) => data[k] === v) ? data : null;
  } catch {
    return null;
  }
}

function writeAtomic(file: string, data: object): void {
  replaceFile(file, JSON.stringify(data));
}

/** The base's list with the entries of `set` put at their places `at` (checked by key), or null when the journal gives no places. */
function patchAt(before: unknown[], changes: Changes, field: KeyedField<unknown>): unknown[] | null {
  const { set, at } = changes;
  if (changes.removed.length > 0 || !Array.isArray(at) || at.length !== set.length) return null;
  const ok = at.every((i, k) => Number.isInteger(i) && i >= 0 && i < before.length && field.key(before[i]) === field.key(set[k]));
  if (!ok) return null;
  const out = before.slice();
  at.forEach((i, k) => (out[i] = set[k]));
  return out;
}

/** A keyed list with the journal's changes applied, in the base's order, new keys last (the base's list itself when nothing changed). */
function applyKeyed(before: unknown[], changes: Changes, field: KeyedField<unknown>): unknown[] {
  if (!Array.isArray(changes.set) || !Array.isArray(changes.removed)) throw new Error('claimkb: malformed journal');
  if (changes.set.length === 0 && changes.removed.length === 0) return before;
  const patched = patchAt(before, changes, field);
  if (patched) return patched;
  const set = new Map(changes.set.map((e) => [field.key(e), e] as const));
  const removed = new Set(changes.removed);
  const out: unknown[] = [];
  for (const e of before) {
    const key = field.key(e);
    if (removed.has(key)) continue;
    out.push(set.get(key) ?? e);
    set.delete(key);
  }
  return out.concat([...set.values()]);
}

/** Reads base and journal; the data they make together and the base, or null when either is unusable. */
export function readJournaled(dir: string, name: string, header: Record<string, unknown>, spec: Spec): { data: Record<string, unknown>; base: JournalBase } | null {
  const base = readHeaded(baseFile(dir, name), header);
  const journal = base && typeof base.id === 'string' ? readHeaded(journalFile(dir, name), header) : null;
  if (!base || !journal || journal.base !== base.id) return null;
  try {
    const fields = base.fields as Record<string, unknown[]>;
    const changes = journal.changes as Record<string, unknown>;
    const head = journal.head as Record<string, unknown>;
    const data: Record<string, unknown> = {};
    let entries = 0;
    for (const [key, how] of Object.entries(spec)) {
      if (how === 'head') {
        if (!(key in head)) return null;
        data[key] = head[key];
        continue;
      }
      const before = fields[key];
      if (!Array.isArray(before)) return null;
      if (how !== 'append') entries += before.length;
      data[key] = how === 'append' ? before.concat(changes[key] as unknown[]) : applyKeyed(before, changes[key] as Changes, how);
      if (!Array.isArray(data[key])) return null;
    }
    return { data, base: { id: base.id as string, fields, entries } };
  } catch {
    return null;
  }
}

/** What changed in a keyed list whose keys are those of the base in the same order (the usual case: no table of keys is built), else null. */
function diffAligned(before: readonly unknown[], now: readonly unknown[], field: KeyedField<unknown>): Changes | null {
  if (before.length !== now.length) return null;
  const set: unknown[] = [];
  const at: number[] = [];
  for (let i = 0; i < now.length; i++) {
    const b = before[i];
    const e = now[i];
    if (b === e) continue;
    if (field.key(b) !== field.key(e)) return null;
    if (!field.same(b, e)) {
      set.push(e);
      at.push(i);
    }
  }
  return { set, removed: [], at };
}

/** What changed in a keyed list since the base. */
function diffKeyed(before: readonly unknown[], now: readonly unknown[], field: KeyedField<unknown>): Changes {
  const aligned = diffAligned(before, now, field);
  if (aligned) return aligned;
  const old = new Map(before.map((e) => [field.key(e), e] as const));
  const set: unknown[] = [];
  for (const e of now) {
    const key = field.key(e);
    const b = old.get(key);
    if (b === undefined || (b !== e && !field.same(b, e))) set.push(e);
    old.delete(key);
  }
  return { set, removed: [...old.keys()] };
}

/** What was appended to a list since the base, or null when the base's list is not a prefix of it. */
function diffAppend(before: readonly unknown[], now: readonly unknown[]): unknown[] | null {
  if (now.length < before.length) return null;
  for (let i = 0; i < before.length; i++) if (before[i] !== now[i]) return null;
  return now.slice(before.length);
}

/** The journal's fields (changes since `base`, the head fields whole), or null when they are too many to journal. */
function journalOf(data: Record<string, unknown>, spec: Spec, base: JournalBase): { changes: Record<string, unknown>; head: Record<string, unknown> } | null {
  const changes: Record<string, unknown> = {};
  const head: Record<string, unknown> = {};
  let count = 0;
  for (const [key, how] of Object.entries(spec)) {
    const now = data[key] as unknown[];
    if (how === 'head') head[key] = data[key];
    else if (how === 'append') {
      const tail = diffAppend(base.fields[key] ?? [], now);
      if (tail === null) return null;
      changes[key] = tail;
    } else {
      const c = diffKeyed(base.fields[key] ?? [], now, how);
      count += c.set.length + c.removed.length;
      changes[key] = c;
    }
  }
  return journalAllows(count, base.entries) ? { changes, head } : null;
}

/**
 * Writes only the journal when `base` is given and the changes since it are few enough; returns false
 * (and writes nothing) otherwise.
 */
export function writeJournal(dir: string, name: string, header: Record<string, unknown>, spec: Spec, data: Record<string, unknown>, base: JournalBase | null): boolean {
  const journal = base && journalOf(data, spec, base);
  if (!base || !journal) return false;
  writeAtomic(journalFile(dir, name), { ...header, base: base.id, ...journal });
  return true;
}

/** Writes base and journal whole: a new base (with a new id), then a journal of no changes. */
export function writeWhole(dir: string, name: string, header: Record<string, unknown>, spec: Spec, data: Record<string, unknown>): void {
  const id = randomBytes(12).toString('hex');
  const fields: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  const head: Record<string, unknown> = {};
  for (const [key, how] of Object.entries(spec)) {
    if (how === 'head') head[key] = data[key];
    else {
      fields[key] = data[key];
      changes[key] = how === 'append' ? [] : { set: [], removed: [] };
    }
  }
  writeAtomic(baseFile(dir, name), { ...header, id, fields });
  writeAtomic(journalFile(dir, name), { ...header, base: id, changes, head });
}
