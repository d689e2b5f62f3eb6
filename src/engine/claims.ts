/**
 * Takes the claims of a build one by one, in path order: the first file of each id is resolved (here, or
 * already on a worker thread: resolve-one.ts), and what the outputs need of it (its record and index
 * terms) goes to the cache's blob files. A claim whose resolution key (its content and its sources'
 * contents) is in the cache is not resolved again; an unchanged claim none of whose sources changed keeps
 * the key the cache remembers for it (rememberedKey) instead of computing it again.
 */
import type { BlobReader, BlobRef, Sink } from '../cache/blobs.js';
import type { Diagnostic } from '../diagnostics.js';
import { indexedTextOf } from '../index/terms.js';
import type { ParsedClaim, ResolvedClaim } from '../model.js';
import type { ReportClaim } from '../report/report.js';
import { rememberedKey, resolutionKey, type ClaimDigest, type SourceDigest } from './digest.js';
import type { ParseResult } from './parse-one.js';
import { recordAt } from './record.js';
import { resolveParsed, type ResolveEnv } from './resolve-one.js';
import type { IndexAssembly } from './index-assembly.js';
import { CacheUnusable } from './types.js';

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
  /** The source ids whose file or content changed since the build that saved the cache (digest.ts sourcesChanged). */
  changedSources: ReadonlySet<string>;
  env: ResolveEnv;
  index: IndexAssembly;
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
  take(digest: ClaimDigest, parse?: ParseResult): void {
    if (!digest.meta || this.seen.has(digest.meta.id)) return;
    this.seen.add(digest.meta.id);
    this.digests.push(digest);
    const key = rememberedKey(digest, this.ctx.changedSources) ?? resolutionKey(digest, (id) => this.ctx.sources.get(id));
    const cached = this.ctx.cached.get(key);
    if (cached && this.ctx.oldTerms && this.ctx.oldRecords) {
      // spelled out, not spread: a spread of the parsed cache entry costs about 2 µs a claim
      this.fromCache(cached);
      this.entries.push({ key: cached.key, id: cached.id, record: cached.record, terms: cached.terms, verify: cached.verify, fresh: false });
      return;
    }
    this.entries.push(this.resolve(key, digest, parse));
    this.resolvedCount++;
  }

  /** The resolution key of each claim digest of this build (all claim files, in path order) in this build, or null when it was not resolved (not the first file of its id). */
  keysOf(claims: readonly ClaimDigest[]): Array<string | null> {
    let j = 0;
    return claims.map((c) => (this.digests[j]?.file === c.file ? this.entries[j++]!.key : null));
  }

  /**
   * Adds a cached claim to the index: its stored fields and its block are read only when needed (the
   * record is not read at all when the index and claims.json copy it). Throws CacheUnusable when a blob does not decode.
   */
  private fromCache(cached: CachedClaim): void {
    const stored = () => recordAt(this.ctx.oldRecords, cached.record).stored;
    try {
      this.ctx.index.addCached(cached.id, cached.key, stored, () => int32View(this.ctx.oldTerms!.read(cached.terms)));
    } catch (error) {
      if (error instanceof CacheUnusable) throw error;
      throw new CacheUnusable(`claimkb: the build cache is damaged (${(error as Error).message})`);
    }
  }

  /** Resolves a claim here, unless a worker did (then its resolution is taken as it is). */
  private resolve(key: string, digest: ClaimDigest, parse: ParseResult | undefined): ClaimEntry {
    const { ctx } = this;
    let { resolution, claim, block } = parse ?? { block: null };
    if (!resolution) {
      const parsed = (parse?.parsed ?? ctx.reparse(digest)) as ParsedClaim;
      ({ resolution, claim } = resolveParsed(parsed, parse?.checkTerms ?? null, ctx.env));
      block ??= ctx.index.builder.encodeText(indexedTextOf(parsed.meta!, parsed.body));
    }
    if (!block) throw new Error('claimkb: internal: a resolved claim without its index terms');
    ctx.index.add(resolution.id, key, resolution.stored, block);
    const record = ctx.records?.append(resolution.record) ?? [0, 0];
    const blockRef = ctx.terms?.append(new Uint8Array(block.buffer, block.byteOffset, block.byteLength)) ?? [0, 0];
    if (claim) ctx.keep?.(claim);
    return { key, id: resolution.id, record: [-1, ...record], terms: [-1, ...blockRef], verify: resolution.verify, fresh: true, report: resolution.report };
  }
}

/** The bytes (a block read from the cache) as 32-bit integers: a view when aligned, else a copy. */
export function int32View(bytes: Uint8Array): Int32Array {
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Int32Array(Uint8Array.from(bytes).buffer);
}
