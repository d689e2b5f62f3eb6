/** Helpers shared by the quote-matching tests. */
import { matchQuote, prepareSource, type MatchResult, type QuoteMatch, type QuoteMiss } from '../../src/verify/match.js';

/** Matches and expects a hit; returns it with the matched original text. */
export function hit(text: string, quote: string): QuoteMatch & { slice: string } {
  const r = matchQuote(prepareSource(text), quote);
  if (!r.ok) throw new Error(`expected a match for ${JSON.stringify(quote)}`);
  return { ...r.match, slice: text.slice(r.match.start, r.match.end) };
}

/** Matches and expects a miss. */
export function miss(text: string, quote: string): QuoteMiss {
  const r: MatchResult = matchQuote(prepareSource(text), quote);
  if (r.ok) throw new Error(`expected no match for ${JSON.stringify(quote)}, got ${JSON.stringify(r.match)}`);
  return r.miss;
}
