/**
 * Resolves the claims of a build one by one, in path order: verifies the quotes, derives support, and
 * keeps of each claim only its record (what the report, the index's stored fields and check read),
 * while its claims.json text and index terms go to the cache's blob files. A claim whose resolution key
 * (its content and its sources' contents) is in the cache is not resolved again.
 */
import { claimFragment } from '../emit/claims-json.js';
import type { Diagnostic } from '../diagnostics.js';
import { slimClaim } from '../check/cache.js';
import type { ClaimInput } from '../check/kb.js';
import type { IndexBuilder } from '../index/builder.js';
import { storedFieldsJson, toSearchDoc } from '../index/documents.js';
import { docTermsOf, indexedTextOf, type DocTerms } from '../index/terms.js';
import type { ParsedClaim, ResolvedClaim } from '../model.js';
import { reportClaimOf, type ReportClaim } from '../report/report.js';
import { resolveClaim } from '../support/resolve.js';
import type { QuoteVerifier } from '../verify/verify.js';
import { resolutionKey, type ClaimDigest, type SourceDigest } from './digest.js';
import type { BlobRef, BlobSource, Sink } from '../cache/blobs.js';

/** What the build keeps of a resolved claim. */
export interface ClaimRecord {
  id: string;
  report: ReportClaim;
  /** The index's stored fields, as JSON. */
  stored: string;
  check: ClaimInput;
  /** The diagnostics of its quotes. */
  verify: Diagnostic[];
}

/** A resolved claim in the cache: its record and where its claims.json text and index block are. */
export interface CachedClaim {
  key: string;
  record: ClaimRecord;
  fragment: BlobRef;
  terms: BlobRef;
}

/** Where a claim of this build comes from: new blobs (file -1: this build's sink) or the cache's. */
export interface ClaimEntry extends CachedClaim {
  /** True when it was resolved in this build (its blobs are in this build's sinks). */
  fresh: boolean;
}

/** What the resolver needs from the rest of the build. */
export interface ResolverContext {
  sources: ReadonlyMap<string, SourceDigest>;
  verifier: QuoteVerifier;
  builder: IndexBuilder;
  cached: ReadonlyMap<string, CachedClaim>;
  oldFragments: BlobSource | null;
  oldTerms: BlobSource | null;
  /** Where this build's claims.json texts and index blocks go (null: nowhere, nothing is written). */
  fragments: Sink | null;
  terms: Sink | null;
  /** Parses a claim again from disk (its content must still have the digest's hash). */
  reparse(digest: ClaimDigest): { parsed: ParsedClaim; terms: DocTerms | null };
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
    if (cached && this.ctx.oldTerms && this.ctx.oldFragments) {
      const block = new Int32Array(toArrayBuffer(this.ctx.oldTerms.read(cached.terms)));
      this.ctx.builder.add(cached.record.id, cached.record.stored, block);
      this.entries.push({ ...cached, fresh: false });
      return;
    }
    const fresh = parsed ? { parsed, terms: terms ?? null } : this.ctx.reparse(digest);
    this.entries.push({ ...this.resolve(key, fresh.parsed, fresh.terms), fresh: true });
    this.resolvedCount++;
  }

  private resolve(key: string, parsed: ParsedClaim, terms: DocTerms | null): CachedClaim {
    const { ctx } = this;
    const verify: Diagnostic[] = [];
    const quotes = ctx.verifier.verify(parsed, verify);
    const claim = resolveClaim(parsed, ctx.sources, quotes);
    const stored = storedFieldsJson(toSearchDoc(claim, (id) => ctx.sources.get(id)?.meta?.reliability));
    const record: ClaimRecord = { id: claim.id, report: reportClaimOf(claim), stored, check: slimClaim(claim), verify };
    const block = ctx.builder.encode(terms ?? docTermsOf(indexedTextOf(parsed.meta!, parsed.body)));
    ctx.builder.add(claim.id, stored, block);
    const [fo, fn] = ctx.fragments?.append(claimFragment(claim)) ?? [0, 0];
    const [to, tn] = ctx.terms?.append(new Uint8Array(block.buffer, block.byteOffset, block.byteLength)) ?? [0, 0];
    ctx.keep?.(claim);
    return { key, record, fragment: [-1, fo, fn], terms: [-1, to, tn] };
  }
}

/** A copy of a buffer's bytes as an ArrayBuffer (aligned for typed arrays). */
function toArrayBuffer(buf: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(buf.length);
  new Uint8Array(copy).set(buf);
  return copy;
}
