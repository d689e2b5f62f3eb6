/**
 * Stage 3, verify quotes: every appearance and evidence quote is matched against its source's body
 * (tiers in match.ts). A quote that is not found is an error at the quote, with the closest passage as a hint.
 */
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { ParsedClaim, ParsedSource, QuoteLocation } from '../model.js';
import { LineIndex } from '../text.js';
import { elisionParts, MAX_ELISION_PARTS, matchQuote, normalizeText, prepareSource, type PreparedSource } from './match.js';

/** The verification result of one claim's quotes, index-aligned with its frontmatter lists. */
export interface ClaimQuotes {
  appearances: (QuoteLocation | null)[];
  evidence: (QuoteLocation | null)[];
}

/** A source body made ready for matching, with its position mapping. */
interface ReadySource {
  file: string;
  prepared: PreparedSource;
  lines: LineIndex;
  bodyStart: Position;
}

function toFile(src: ReadySource, offset: number): Position {
  const p = src.lines.position(offset);
  return p.line === 1
    ? { line: src.bodyStart.line, column: src.bodyStart.column + p.column - 1 }
    : { line: src.bodyStart.line + p.line - 1, column: p.column };
}

function hintFor(src: ReadySource, closest: { start: number; end: number; text: string } | null): string | undefined {
  if (!closest) return undefined;
  const p = toFile(src, closest.start);
  return `closest passage at ${src.file}:${p.line}:${p.column}: "${closest.text.replace(/\s+/g, ' ').trim()}"`;
}

/** What to say about a quote that matched nowhere: the usual tiers, or why it could never match. */
function whyMissed(quote: string, source: PreparedSource): string {
  const nq = normalizeText(quote).trim();
  const parts = elisionParts(nq);
  if (nq.length === 0 || parts?.length === 0) return 'the quote has nothing to match once its ellipses are left out';
  if (parts && parts.length > MAX_ELISION_PARTS) return `the quote has ${parts.length} parts between ellipses; at most ${MAX_ELISION_PARTS} are matched`;
  const needed = parts ? parts.reduce((n, p) => n + p.length, 0) : nq.length;
  const have = source.normalized.text.length;
  if (needed > have) return `the quote needs ${needed} characters but the source's body has ${have}`;
  return 'tried exact, normalized and elided matching';
}

function verifyOne(claim: ParsedClaim, key: string, source: ReadySource | undefined, quote: string, out: Diagnostic[]): QuoteLocation | null {
  if (!source) return null; // unknown source: reported by the cross-file checks
  const result = matchQuote(source.prepared, quote);
  if (result.ok) {
    const { tier, start, end, occurrences } = result.match;
    return { tier, start: toFile(source, start), end: toFile(source, end), occurrences };
  }
  const at = claim.positions[`${key}.quote`] ?? claim.positions[key] ?? { line: 1, column: 1 };
  const msg = `quote not found in source '${source.file}' (${whyMissed(quote, source.prepared)})`;
  out.push(diagnostic(claim.file, 'quote-not-found', 'error', msg, at, hintFor(source, result.miss.closest)));
  return null;
}

/** What verification reads of a source: its file, its body and where the body starts. */
export type VerifySource = Pick<ParsedSource, 'file' | 'body' | 'bodyStart'>;

/** Verifies claims' quotes one claim at a time, preparing each source once for all of them. */
export class QuoteVerifier {
  private readonly ready = new Map<string, ReadySource>();

  /** `lookup` gives the source of an id (its first file), or undefined for an unknown id. */
  constructor(private readonly lookup: (id: string) => VerifySource | undefined) {}

  private get(id: string): ReadySource | undefined {
    let r = this.ready.get(id);
    if (!r) {
      const s = this.lookup(id);
      if (!s) return undefined;
      r = { file: s.file, prepared: prepareSource(s.body), lines: new LineIndex(s.body), bodyStart: s.bodyStart };
      this.ready.set(id, r);
    }
    return r;
  }

  /** Verifies the quotes of one claim; problems are added to `out`. A claim without usable frontmatter has none. */
  verify(c: ParsedClaim, out: Diagnostic[]): ClaimQuotes {
    if (!c.meta) return { appearances: [], evidence: [] };
    return {
      appearances: c.meta.appearances.map((a, i) => verifyOne(c, `appearances.${i}`, this.get(a.source), a.quote, out)),
      evidence: c.meta.evidence.map((e, i) => verifyOne(c, `evidence.${i}`, this.get(e.source), e.quote, out)),
    };
  }
}

/** Verifies every quote of every claim; `sources` maps source ids to their (first) parsed file. */
export function verifyQuotes(
  claims: readonly ParsedClaim[],
  sources: ReadonlyMap<string, ParsedSource>,
): { quotes: Map<string, ClaimQuotes>; diagnostics: Diagnostic[] } {
  const verifier = new QuoteVerifier((id) => sources.get(id));
  const quotes = new Map<string, ClaimQuotes>();
  const diagnostics: Diagnostic[] = [];
  for (const c of claims) {
    if (c.meta) quotes.set(c.file, verifier.verify(c, diagnostics));
  }
  return { quotes, diagnostics };
}
