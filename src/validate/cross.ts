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

function checkClaimRefs(c: CrossClaim, sources: ReadonlySet<string>, claims: ReadonlySet<string>, out: Diagnostic[]): void {
  const meta = c.meta!;
  const lists = [['appearances', meta.appearances], ['evidence', meta.evidence]] as const;
  for (const [name, items] of lists) {
    items.forEach((item, i) => {
      if (!sources.has(item.source)) {
        const msg = `unknown source '${item.source}' in ${name}[${i}]; expected the id of a file in sources/`;
        out.push(diagnostic(c.file, 'unknown-source', 'error', msg, at(c, `${name}.${i}.source`)));
      }
    });
  }
  meta.related.forEach((id, i) => {
    const pos = () => at(c, `related.${i}`); // positions are looked up only to report a problem
    if (id === meta.id) out.push(diagnostic(c.file, 'related-self', 'warning', `claim lists itself as related`, pos()));
    else if (!claims.has(id)) out.push(diagnostic(c.file, 'unknown-related', 'error', `unknown related claim '${id}'; expected the id of a file in claims/`, pos()));
  });
  if (citedIdsOf(c).every((id) => sources.has(id))) return;
  for (const cite of c.citations) {
    if (!sources.has(cite.id)) out.push(diagnostic(c.file, 'unknown-citation', 'error', `citation [@${cite.id}] names no source; expected the id of a file in sources/`, cite));
  }
}

/** The ids of sources each claim uses (quotes or citations). */
export function sourcesUsedBy(c: CrossClaim): string[] {
  if (!c.meta) return [];
  const ids = new Set<string>([...c.meta.appearances, ...c.meta.evidence].map((q) => q.source));
  for (const id of citedIdsOf(c)) ids.add(id);
  return [...ids];
}

/** Runs the cross-file checks over a loaded knowledge base. */
export function crossCheck(kb: CrossInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sources = indexById(kb.sources, out);
  const claims = indexById(kb.claims, out);
  const sourceIds = new Set(sources.keys());
  const claimIds = new Set(claims.keys());
  const used = new Set<string>();
  for (const c of kb.claims) {
    if (!c.meta) continue;
    checkClaimRefs(c, sourceIds, claimIds, out);
    for (const id of sourcesUsedBy(c)) used.add(id);
  }
  for (const [id, s] of sources) {
    if (!used.has(id)) out.push(diagnostic(s.file, 'unused-source', 'warning', `no claim quotes or cites source '${id}'`, at(s, 'id')));
  }
  return out;
}
