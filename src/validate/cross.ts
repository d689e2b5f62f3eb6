/**
 * Stage 2b, cross-file checks: duplicate ids, unknown sources, citations and related claims,
 * and sources that no claim uses. Each diagnostic names both places where two are involved.
 */
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { Citation } from '../model.js';

/** What the cross-file checks read of a file: a ParsedFile has it, and so has the build cache's digest of one. */
export interface CrossFile {
  kind: 'claim' | 'source';
  file: string;
  positions: Readonly<Record<string, Position>>;
  meta: { id: string } | null;
}

/** What the cross-file checks read of a claim. */
export interface CrossClaim extends CrossFile {
  kind: 'claim';
  meta: {
    id: string;
    appearances: ReadonlyArray<{ source: string }>;
    evidence: ReadonlyArray<{ source: string }>;
    related: readonly string[];
  } | null;
  citations: readonly Citation[];
  /** The distinct ids of `citations`, when known without them (the build cache's digests read positions only to report a problem). */
  citedIds?: readonly string[];
}

/** The distinct ids a claim cites. */
const citedIdsOf = (c: CrossClaim): readonly string[] => c.citedIds ?? [...new Set(c.citations.map((x) => x.id))];

/** The files the cross-file checks run over. */
export interface CrossInput {
  sources: readonly CrossFile[];
  claims: readonly CrossClaim[];
}

const at = (f: CrossFile, key: string): Position => f.positions[key] ?? { line: 1, column: 1 };
const where = (f: CrossFile, key: string): string => {
  const p = at(f, key);
  return `${f.file}:${p.line}:${p.column}`;
};

/** Maps each id to its first file (in path order) and reports every later file with the same id. */
export function indexById<T extends CrossFile>(files: readonly T[], out: Diagnostic[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const f of files) {
    const id = f.meta?.id;
    if (id === undefined) continue;
    const first = byId.get(id);
    if (first === undefined) byId.set(id, f);
    else out.push(diagnostic(f.file, 'duplicate-id', 'error', `duplicate ${f.kind} id '${id}'; first defined at ${where(first, 'id')}`, at(f, 'id')));
  }
  return byId;
}

/** A set of ids, or a map by id (the cross-file checks test ids against indexById's maps). */
type Ids = { has(id: string): boolean };

/** Reports the quotes of one list of a claim whose source is unknown (positions are looked up only to report a problem). */
function checkQuoteRefs(c: CrossClaim, name: 'appearances' | 'evidence', items: ReadonlyArray<{ source: string }>, sources: Ids, out: Diagnostic[]): void {
  for (let i = 0; i < items.length; i++) {
    const source = items[i]!.source;
    if (sources.has(source)) continue;
    const msg = `unknown source '${source}' in ${name}[${i}]; expected the id of a file in sources/`;
    out.push(diagnostic(c.file, 'unknown-source', 'error', msg, at(c, `${name}.${i}.source`)));
  }
}

/** Reports a claim's references to unknown sources and claims (plain loops: every build runs this for every claim). */
function checkClaimRefs(c: CrossClaim, sources: Ids, claims: Ids, out: Diagnostic[]): void {
  const meta = c.meta!;
  checkQuoteRefs(c, 'appearances', meta.appearances, sources, out);
  checkQuoteRefs(c, 'evidence', meta.evidence, sources, out);
  for (let i = 0; i < meta.related.length; i++) {
    const id = meta.related[i]!;
    if (id === meta.id) out.push(diagnostic(c.file, 'related-self', 'warning', `claim lists itself as related`, at(c, `related.${i}`)));
    else if (!claims.has(id)) out.push(diagnostic(c.file, 'unknown-related', 'error', `unknown related claim '${id}'; expected the id of a file in claims/`, at(c, `related.${i}`)));
  }
  if (citedIdsOf(c).every((id) => sources.has(id))) return;
  for (const cite of c.citations) {
    if (!sources.has(cite.id)) out.push(diagnostic(c.file, 'unknown-citation', 'error', `citation [@${cite.id}] names no source; expected the id of a file in sources/`, cite));
  }
}

/** Calls `f` with the id of each source a claim uses (quotes, then citations), possibly more than once. */
export function eachSourceUsedBy(c: CrossClaim, f: (id: string) => void): void {
  if (!c.meta) return;
  for (const q of c.meta.appearances) f(q.source);
  for (const q of c.meta.evidence) f(q.source);
  for (const id of citedIdsOf(c)) f(id);
}

/** Runs the cross-file checks over a loaded knowledge base. */
export function crossCheck(kb: CrossInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sources = indexById(kb.sources, out);
  const claims = indexById(kb.claims, out);
  const used = new Set<string>();
  const use = (id: string) => used.add(id);
  for (const c of kb.claims) {
    if (!c.meta) continue;
    checkClaimRefs(c, sources, claims, out);
    eachSourceUsedBy(c, use);
  }
  for (const [id, s] of sources) {
    if (!used.has(id)) out.push(diagnostic(s.file, 'unused-source', 'warning', `no claim quotes or cites source '${id}'`, at(s, 'id')));
  }
  return out;
}
