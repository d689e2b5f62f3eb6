/**
 * Resolves the claims of a build one by one, in path order: verifies the quotes, derives support, and
 * writes what the outputs need of each claim (its claims.json text, index stored fields, check's data,
 * its report share) as a record to the cache's blob files, with its index terms. A claim whose
 * resolution key (its content and its sources' contents) is in the cache is not resolved again.
 */
import { claimFragment } from '../emit/claims-json.js';
import type { Diagnostic } from '../diagnostics.js';
import { slimClaim } from '../check/cache.js';
import { contentTerms } from '../check/terms.js';
import type { IndexBuilder } from '../index/builder.js';
import { storedFieldsJson, toSearchDoc } from '../index/documents.js';
import { docTermsOf, indexedTextOf, type DocTerms } from '../index/terms.js';
import type { ParsedClaim, ResolvedClaim } from '../model.js';
import { reportClaimOf, type ReportClaim } from '../report/report.js';
import { resolveClaim } from '../support/resolve.js';
import type { QuoteVerifier } from '../verify/verify.js';
import { resolutionKey, type ClaimDigest, type SourceDigest } from './digest.js';
import { encodeRecord, recordSegment } from './record.js';
import type { BlobReader, BlobRef, Sink } from '../cache/blobs.js';

/** A resolved claim in the cache: its key, id, where its record and index block are, its quotes' diagnostics. */
export interface CachedClaim {
  key: string;
  id: string;
  record: BlobRef;
  terms: BlobRef;
  verify: Diagnostic[];
}

/** A claim of this build: from the cache, or resolved in this build (then its blobs are in this build's sinks). */
export interface ClaimEntry extends CachedClaim {
  fresh: boolean;
  /** Its share of the report (claims resolved in this build). */
  report?: ReportClaim;
}

/** What the resolver needs from the rest of the build. */
export interface ResolverContext {
  sources: ReadonlyMap<string, SourceDigest>;
  verifier: QuoteVerifier;
  builder: IndexBuilder;
  cached: ReadonlyMap<string, CachedClaim>;
  oldRecords: BlobReader | null;
  oldTerms: BlobReader | null;
  /** Where this build's records and index blocks go (null: nowhere, nothing is written). */
  records: Sink | null;
  terms: Sink | null;
  /** Parses a claim again from disk (its content must still have the digest's hash). */
  reparse(digest: ClaimDigest): ParsedClaim;
  /** Receives each claim resolved in this build (the library keeps them). */
  keep?: (claim: ResolvedClaim) => void;
}

/** Resolves claims in path order; the first file of each id wins, as in the cross-file checks. */
export class ClaimResolver {
  private readonly seen = new Set<string>();
  /** The claims taken (the first file of each id with usable frontmatter), in path order. */
  readonly digests: ClaimDigest[] = [];
  readonly entries: ClaimEntry[] = [];
  resolvedCount = 0;

  constructor(private readonly ctx: ResolverContext) {}

  /** Takes the next claim: its digest and, when it was parsed in this build, the parse. */
  take(digest: ClaimDigest, parsed?: ParsedClaim, terms?: DocTerms | null): void {
    if (!digest.meta || this.seen.has(digest.meta.id)) return;
    this.seen.add(digest.meta.id);
    this.digests.push(digest);
    const key = resolutionKey(digest, (id) => this.ctx.sources.get(id));
    const cached = this.ctx.cached.get(key);
    if (cached && this.ctx.oldTerms && this.ctx.oldRecords) {
      const stored = Buffer.from(recordSegment(this.ctx.oldRecords.read(cached.record), 'stored'));
      this.ctx.builder.add(cached.id, stored, int32View(this.ctx.oldTerms.read(cached.terms)));
      this.entries.push({ ...cached, fresh: false });
      return;
    }
    const p = parsed ?? this.ctx.reparse(digest);
    this.entries.push(this.resolve(key, p, terms ?? null));
    this.resolvedCount++;
  }

  private resolve(key: string, parsed: ParsedClaim, terms: DocTerms | null): ClaimEntry {
    const { ctx } = this;
    const verify: Diagnostic[] = [];
    const quotes = ctx.verifier.verify(parsed, verify);
    const claim = resolveClaim(parsed, ctx.sources, quotes);
    const doc = toSearchDoc(claim, (id) => ctx.sources.get(id)?.meta?.reliability);
    const stored = storedFieldsJson(doc);
    const report = reportClaimOf(claim);
    const block = ctx.builder.encode(terms ?? docTermsOf(indexedTextOf(parsed.meta!, parsed.body)));
    ctx.builder.add(claim.id, stored, block);
    const record = ctx.records?.append(encodeRecord({
      fragment: claimFragment(claim), stored, best: JSON.stringify(doc.best), check: JSON.stringify(slimClaim(claim)),
      terms: [...new Set(contentTerms(claim.claim))].join(' '), report: JSON.stringify(report),
    })) ?? [0, 0];
    const blockRef = ctx.terms?.append(new Uint8Array(block.buffer, block.byteOffset, block.byteLength)) ?? [0, 0];
    ctx.keep?.(claim);
    return { key, id: claim.id, record: [-1, ...record], terms: [-1, ...blockRef], verify, fresh: true, report };
  }
}

/** The bytes as 32-bit integers: a view when they are aligned, else a copy. */
function int32View(bytes: Uint8Array): Int32Array {
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Int32Array(Uint8Array.from(bytes).buffer);
}
