/**
 * Resolving one parsed claim against the build's sources: its quotes verified, its support derived, and
 * what the build keeps of it (its record: claims.json text, index stored fields, check's data, its report
 * share). Pure given its inputs, so it runs the same on a worker thread and on the main thread.
 */
import { slimClaim } from '../check/cache.js';
import type { Diagnostic } from '../diagnostics.js';
import { claimFragment } from '../emit/claims-json.js';
import { storedFieldsJson, toSearchDoc } from '../index/documents.js';
import type { ParsedClaim, ParsedSource, ResolvedClaim } from '../model.js';
import { reportClaimOf, type ReportClaim } from '../report/report.js';
import { resolveClaim } from '../support/resolve.js';
import type { QuoteVerifier } from '../verify/verify.js';
import { checkTermsOf } from './parse-one.js';
import { encodeRecord } from './record.js';

/** What resolving a claim needs: the sources by id (the first file of each id) and a verifier over their bodies. */
export interface ResolveEnv {
  sources: ReadonlyMap<string, { meta: ParsedSource['meta'] }>;
  verifier: QuoteVerifier;
  /** Whether to render the record (nothing is written when the build writes nothing). */
  render: boolean;
}

/** A claim resolved: what the build keeps of it. */
export interface Resolution {
  id: string;
  /** The record's bytes (record.ts); empty when not rendered. */
  record: Uint8Array;
  /** The index's stored fields, as JSON. */
  stored: string;
  report: ReportClaim;
  /** The diagnostics of its quotes. */
  verify: Diagnostic[];
}

/** Resolves a parsed claim with usable frontmatter; `checkTerms` when already known. */
export function resolveParsed(parsed: ParsedClaim, checkTerms: string | null, env: ResolveEnv): { resolution: Resolution; claim: ResolvedClaim } {
  const verify: Diagnostic[] = [];
  const quotes = env.verifier.verify(parsed, verify);
  const claim = resolveClaim(parsed, env.sources, quotes);
  const doc = toSearchDoc(claim, (id) => env.sources.get(id)?.meta?.reliability);
  const stored = storedFieldsJson(doc);
  const report = reportClaimOf(claim);
  const record = env.render
    ? encodeRecord({
        fragment: claimFragment(claim), stored, best: JSON.stringify(doc.best), check: JSON.stringify(slimClaim(claim)),
        terms: checkTerms ?? checkTermsOf(claim.claim), report: JSON.stringify(report),
      })
    : new Uint8Array(0);
  return { resolution: { id: claim.id, record, stored, report, verify }, claim };
}
