/**
 * Joins parsed claims, verified quotes and sources into resolved claims and sources, deriving support.
 */
import { cmp } from '../diagnostics.js';
import type { ParsedClaim, ParsedSource, ResolvedClaim, ResolvedEvidence, ResolvedQuote, ResolvedSource } from '../model.js';
import type { ClaimQuotes } from '../verify/verify.js';
import { eachSourceUsedBy, type CrossClaim } from '../validate/cross.js';
import { assessSupport } from './assess.js';

const EMPTY: ClaimQuotes = { appearances: [], evidence: [] };

/** What resolving a claim reads of its sources: their frontmatter (title, reliability). */
export type SourceMetaLookup = ReadonlyMap<string, { meta: ParsedSource['meta'] }>;

/** Resolves one claim with valid frontmatter: its quotes' sources and matches, and its derived support. */
export function resolveClaim(c: ParsedClaim, sources: SourceMetaLookup, quotes: ClaimQuotes): ResolvedClaim {
  const meta = c.meta!;
  const title = (id: string) => sources.get(id)?.meta?.title ?? null;
  const pos = (key: string) => c.positions[key] ?? { line: 1, column: 1 };
  const appearances: ResolvedQuote[] = meta.appearances.map((a, i) => ({
    source: a.source, sourceTitle: title(a.source), quote: a.quote, at: pos(`appearances.${i}.quote`), match: quotes.appearances[i] ?? null,
  }));
  const evidence: ResolvedEvidence[] = meta.evidence.map((e, i) => {
    const r: ResolvedEvidence = { source: e.source, sourceTitle: title(e.source), quote: e.quote, stance: e.stance, at: pos(`evidence.${i}.quote`), match: quotes.evidence[i] ?? null };
    if (e.note !== undefined) r.note = e.note;
    return r;
  });
  const support = assessSupport(meta.verdict, evidence.map((e) => ({ evidence: e, match: e.match, reliability: sources.get(e.source)?.meta?.reliability })));
  return {
    id: meta.id, file: c.file, claim: meta.claim, verdict: meta.verdict,
    flags: [...meta.flags].sort(), dubious: meta.flags.length > 0,
    topics: [...new Set(meta.topics)].sort(), related: [...new Set(meta.related)].sort(),
    appearances, evidence, support,
    cites: [...new Set(c.citations.map((x) => x.id))].sort(), body: c.body,
  };
}

/** Resolves every valid claim (first file of each id) and every valid source, sorted by id. */
export function resolve(
  claims: ReadonlyMap<string, ParsedClaim>,
  sources: ReadonlyMap<string, ParsedSource>,
  quotes: ReadonlyMap<string, ClaimQuotes>,
): { claims: ResolvedClaim[]; sources: ResolvedSource[] } {
  const resolved = [...claims.values()].map((c) => resolveClaim(c, sources, quotes.get(c.file) ?? EMPTY));
  resolved.sort((a, b) => cmp(a.id, b.id));
  const usedBy = usedByOf(claims.values());
  const digests = [...sources.values()].map((s) => ({ file: s.file, meta: s.meta!, words: countWords(s.body) }));
  return { claims: resolved, sources: resolveSources(digests, usedBy) };
}

/**
 * The ids of the claims that quote or cite each source, from the resolved claims (first file of each id:
 * the ids are distinct, so a claim that uses a source twice is the last id of that source's list).
 */
export function usedByOf(claims: Iterable<CrossClaim>): Map<string, string[]> {
  const usedBy = new Map<string, string[]>();
  for (const c of claims) {
    if (!c.meta) continue;
    const claim = c.meta.id;
    eachSourceUsedBy(c, (id) => {
      const list = usedBy.get(id);
      if (list === undefined) usedBy.set(id, [claim]);
      else if (list[list.length - 1] !== claim) list.push(claim);
    });
  }
  return usedBy;
}

/** The sources as emitted, sorted by id: frontmatter, file, the claims that use each (sorted) and its word count. */
export function resolveSources(
  sources: ReadonlyArray<{ file: string; meta: NonNullable<ParsedSource['meta']>; words: number }>,
  usedBy: ReadonlyMap<string, string[]>,
): ResolvedSource[] {
  const out: ResolvedSource[] = sources.map((s) => ({ ...s.meta, file: s.file, usedBy: [...(usedBy.get(s.meta.id) ?? [])].sort(cmp), words: s.words }));
  out.sort((a, b) => cmp(a.id, b.id));
  return out;
}

/** 1 for the ASCII code units JavaScript's `\s` matches. */
const ASCII_SPACE = Uint8Array.from({ length: 128 }, (_, c) => (c === 0x20 || (c >= 0x09 && c <= 0x0d) ? 1 : 0));

/** True for the code units JavaScript's `\s` matches (all in the Basic Multilingual Plane). */
function isSpace(c: number): boolean {
  if (c < 0x80) return ASCII_SPACE[c] === 1;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Counts whitespace-separated words: the matches of `/\S+/g`, counted without making them strings (a build counts every source's). */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
