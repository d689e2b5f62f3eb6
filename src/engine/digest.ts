/**
 * Digests of parsed files: what the build needs of a file once its claims are resolved, without its body
 * or its full positions. The build cache keeps one per file, keyed by its kind, path and content hash;
 * the cross-file checks run over digests, so an unchanged file is never read or parsed again.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic, Position } from '../diagnostics.js';
import type { ParsedClaim, ParsedFile, ParsedSource } from '../model.js';
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

/** The key of a file's content: kind, path and content hash (a file's parse depends on nothing else). */
export function contentKey(f: { kind: string; file: string; hash: string }): string {
  return `${f.kind}\t${f.file}\t${f.hash}`;
}

function pick(positions: Readonly<Record<string, Position>>, keys: readonly string[]): Record<string, Position> {
  const out: Record<string, Position> = {};
  for (const k of keys) if (positions[k]) out[k] = positions[k]!;
  return out;
}

/** The digest of a parsed source. */
export function sourceDigest(s: ParsedSource): SourceDigest {
  return { kind: 'source', file: s.file, hash: s.hash, meta: s.meta, diagnostics: s.diagnostics, words: countWords(s.body), positions: pick(s.positions, ['id']) };
}

/** The digest of a parsed claim: its references (with the positions the cross-file checks report at). */
export function claimDigest(c: ParsedClaim): ClaimDigest {
  const m = c.meta;
  const base = { kind: 'claim' as const, file: c.file, hash: c.hash, diagnostics: c.diagnostics, citations: c.citations };
  if (!m) return { ...base, meta: null, positions: pick(c.positions, ['id']) };
  const keys = [
    'id',
    ...m.appearances.map((_, i) => `appearances.${i}.source`),
    ...m.evidence.map((_, i) => `evidence.${i}.source`),
    ...m.related.map((_, i) => `related.${i}`),
  ];
  const meta = {
    id: m.id,
    appearances: m.appearances.map((a) => ({ source: a.source })),
    evidence: m.evidence.map((e) => ({ source: e.source })),
    related: m.related,
  };
  return { ...base, meta, positions: pick(c.positions, keys) };
}

/** The digest of either kind of file. */
export function digestOf(p: ParsedFile): FileDigest {
  return p.kind === 'source' ? sourceDigest(p) : claimDigest(p);
}

/**
 * The key of a claim's resolution: its content and, for each source it quotes, the content of the file
 * that source resolves to. Its resolved form, search document and claims.json text depend on nothing else.
 */
export function resolutionKey(c: ClaimDigest, sourceFile: (id: string) => SourceDigest | undefined): string {
  const hash = createHash('sha256').update(`${TOOL_VERSION}\n${contentKey(c)}`);
  const ids = new Set([...(c.meta?.appearances ?? []), ...(c.meta?.evidence ?? [])].map((q) => q.source));
  for (const id of ids) {
    const s = sourceFile(id);
    hash.update(`\n${id}\t${s ? contentKey(s) : '-'}`);
  }
  return hash.digest('hex');
}
