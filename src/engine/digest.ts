/**
 * Digests of parsed files: what the build needs of a file once its claims are resolved, without its body.
 * The build cache keeps one per file, keyed by its kind, path and content hash, so an unchanged file is
 * never read or parsed again. A claim's digest in the cache is compact: the ids it refers to, without
 * the positions, which the cross-file checks only need to report an unknown id; those come from parsing
 * the file again (its content hash is checked), which happens only when such an error is found.
 */
import crypto from 'node:crypto';
import type { Diagnostic, Position } from '../diagnostics.js';
import type { Citation, ParsedClaim, ParsedFile, ParsedSource } from '../model.js';
import type { SourceMeta } from '../schema.js';
import { countWords } from '../support/resolve.js';
import type { CrossClaim, CrossFile } from '../validate/cross.js';
import { TOOL_VERSION } from '../version.js';

/** What the build keeps of a source. */
export interface SourceDigest extends CrossFile {
  kind: 'source';
  hash: string;
  meta: SourceMeta | null;
  diagnostics: Diagnostic[];
  words: number;
}

/** What the build keeps of a claim (the rest is in its resolved record). */
export interface ClaimDigest extends CrossClaim {
  kind: 'claim';
  hash: string;
  diagnostics: Diagnostic[];
}

/** Either digest. */
export type FileDigest = SourceDigest | ClaimDigest;

/**
 * A claim digest as the cache stores it: file, hash, id, the sources of appearances and evidence, related,
 * cited ids, diagnostics, and its resolution key in the build that saved it (null: it was not the first
 * file of its id, or it was not resolved then, as in a worker's digest).
 */
export type CompactClaim = [
  file: string, hash: string, id: string | null, appearances: string[], evidence: string[], related: string[], cited: string[], diagnostics: Diagnostic[],
  key: string | null,
];

/** The key of a file's content: kind, path and content hash (a file's parse depends on nothing else). */
export function contentKey(f: { kind: string; file: string; hash: string }): string {
  return `${f.kind}\t${f.file}\t${f.hash}`;
}

/** The digest of a parsed source. */
export function sourceDigest(s: ParsedSource): SourceDigest {
  const positions: Record<string, Position> = s.positions.id ? { id: s.positions.id } : {};
  return { kind: 'source', file: s.file, hash: s.hash, meta: s.meta, diagnostics: s.diagnostics, words: countWords(s.body), positions };
}

/** The digest of a parsed claim (with its positions). */
export function claimDigest(c: ParsedClaim): ClaimDigest {
  const m = c.meta;
  const meta = m && { id: m.id, appearances: m.appearances.map((a) => ({ source: a.source })), evidence: m.evidence.map((e) => ({ source: e.source })), related: m.related };
  return { kind: 'claim', file: c.file, hash: c.hash, diagnostics: c.diagnostics, citations: c.citations, citedIds: distinct(c.citations), meta, positions: c.positions };
}

const distinct = (citations: readonly Citation[]) => [...new Set(citations.map((x) => x.id))];

/** The digest of either kind of file. */
export function digestOf(p: ParsedFile): FileDigest {
  return p.kind === 'source' ? sourceDigest(p) : claimDigest(p);
}

/** A claim digest as the cache stores it, with its resolution key in this build (`key`, null when it was not resolved). */
export function compactClaim(d: ClaimDigest, key: string | null = null): CompactClaim {
  if (d instanceof CachedClaimDigest) return d.compact[8] === key ? d.compact : [...d.compact.slice(0, 8), key] as CompactClaim;
  const m = d.meta;
  const sources = (xs: ReadonlyArray<{ source: string }> | undefined) => (xs ?? []).map((x) => x.source);
  return [d.file, d.hash, m?.id ?? null, sources(m?.appearances), sources(m?.evidence), [...(m?.related ?? [])], [...(d.citedIds ?? distinct(d.citations))], d.diagnostics, key];
}

/** A claim digest from the cache, whose positions and citations are read again from the file when first asked for. */
class CachedClaimDigest implements ClaimDigest {
  readonly kind = 'claim';
  readonly file: string;
  readonly hash: string;
  readonly meta: ClaimDigest['meta'];
  readonly citedIds: string[];
  readonly diagnostics: Diagnostic[];
  private parsed: ParsedClaim | null = null;

  /** The compact form it was made from. */
  readonly compact: CompactClaim;

  constructor(c: CompactClaim, private readonly reparse: (file: string, hash: string) => ParsedClaim) {
    this.compact = c;
    const [file, hash, id, appearances, evidence, related, cited, diagnostics] = c;
    [this.file, this.hash, this.citedIds, this.diagnostics] = [file, hash, cited, diagnostics];
    this.meta = id === null ? null : { id, appearances: appearances.map((source) => ({ source })), evidence: evidence.map((source) => ({ source })), related };
  }

  private full(): ParsedClaim {
    return (this.parsed ??= this.reparse(this.file, this.hash));
  }

  get positions(): Readonly<Record<string, Position>> {
    return this.full().positions;
  }

  get citations(): readonly Citation[] {
    return this.full().citations;
  }
}

/** A claim digest from the cache; its positions and citations come from `reparse` when first asked for. */
export function expandClaim(c: CompactClaim, reparse: (file: string, hash: string) => ParsedClaim): ClaimDigest {
  return new CachedClaimDigest(c, reparse);
}

/**
 * The resolution key a claim had in the build that saved the cache, when it is still its key: the digest
 * is the cache's (so the file is unchanged), it had a key then, and none of the sources it quotes
 * resolves to another file or content now (`changed`: sourcesChanged). Otherwise null.
 */
export function rememberedKey(c: ClaimDigest, changed: ReadonlySet<string>): string | null {
  const key = c instanceof CachedClaimDigest ? c.compact[8] : null;
  if (key === null || changed.size === 0) return key;
  const m = c.meta;
  return m && (m.appearances.some((q) => changed.has(q.source)) || m.evidence.some((q) => changed.has(q.source))) ? null : key;
}

/** The ids whose source (the first file of the id) is not the same file with the same content in both tables. */
export function sourcesChanged(before: ReadonlyMap<string, SourceDigest>, now: ReadonlyMap<string, SourceDigest>): Set<string> {
  const changed = new Set<string>();
  for (const [id, s] of now) {
    const b = before.get(id);
    if (!b || b.file !== s.file || b.hash !== s.hash) changed.add(id);
  }
  for (const id of before.keys()) if (!now.has(id)) changed.add(id);
  return changed;
}

/**
 * The key of a claim's resolution: its content and, for each source it quotes, the content of the file
 * that source resolves to. Its resolved form, search document and claims.json text depend on nothing else.
 */
export function resolutionKey(c: ClaimDigest, sourceFile: (id: string) => SourceDigest | undefined): string {
  let text = `${TOOL_VERSION}\n${contentKey(c)}`;
  const ids = new Set<string>();
  for (const q of c.meta?.appearances ?? []) ids.add(q.source);
  for (const q of c.meta?.evidence ?? []) ids.add(q.source);
  for (const id of ids) {
    const s = sourceFile(id);
    text += `\n${id}\t${s ? contentKey(s) : '-'}`;
  }
  return sha256Hex(text);
}

/** The sha256 of a text, in hex: in one call where Node has crypto.hash (20.12+; every build computes a key per claim). */
export const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');
