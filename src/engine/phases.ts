/**
 * The parse phases of a build: each content file's digest comes from the build cache when its content
 * is known, otherwise from parsing it (on worker threads when there are many). Sources are done first
 * (claims are verified against them); claims are handed to the resolver in path order as they come.
 */
import type { FoundFile } from '../load/discover.js';
import type { LoadOptions } from '../load/load.js';
import type { ParsedClaim, ParsedFile, ParsedSource } from '../model.js';
import type { Progress } from '../progress.js';
import { claimDigest, compactClaim, expandClaim, sourceDigest, type ClaimDigest, type FileDigest, type SourceDigest } from './digest.js';
import type { FileInput } from './inputs.js';
import { parseAll, type ParseAllOptions, type WorkerPool } from './pool.js';
import type { ParseResult, ParseTask } from './parse-one.js';

/** A claim as the phase hands it on: its digest and, when parsed in this build, the parse (or a worker's resolution). */
export type ClaimArrival = (digest: ClaimDigest, parsed?: ParseResult) => void;

/** What the phases share. */
export interface PhaseContext {
  /** Digests of the cache by file (each for the kind and content hash it has). */
  cached: ReadonlyMap<string, FileDigest>;
  jobs: number;
  forceWorkers?: boolean;
  /** The build's workers (null: files are parsed on this thread). */
  pool?: WorkerPool | null;
  progress: Progress;
  /** Parses a file again (a claim digest's positions, when a problem must be reported at them). */
  reparse: (file: string, hash: string) => ParsedFile;
  /** Receives every file parsed in this build (the library keeps them). */
  parsed?: (p: ParsedFile) => void;
  /** The build's index dictionary: claims parsed in this build get their index terms encoded with it. */
  intern?: (word: string) => number;
  /** The sources for workers to resolve the claims they parse against. */
  sources?: ParseAllOptions['sources'];
  /** Every file parsed by the library caller's LoadOptions.parseAll (called once; tests return results in any order), by file. */
  given?: () => Promise<ReadonlyMap<string, ParsedFile>>;
}

/** Calls `parseAll` on every found file once, on first use; its results by file. */
export function parsedOnce(parseAll: NonNullable<LoadOptions['parseAll']>, files: readonly FoundFile[]): () => Promise<ReadonlyMap<string, ParsedFile>> {
  let parsed: Promise<ReadonlyMap<string, ParsedFile>> | null = null;
  return () => (parsed ??= parseAll(files).then((list) => new Map(list.map((p) => [p.file, p] as const))));
}

/** The task of parsing a found file. */
export function taskOf(found: FoundFile): ParseTask {
  return { kind: found.kind, file: found.file, abs: found.abs, size: found.size };
}

/** The cache's digest of an input whose content is known (the digest of its file, of the same kind and content hash), or undefined. */
export function cachedDigest(ctx: PhaseContext, input: FileInput): FileDigest | undefined {
  if (input.hash === null) return undefined;
  const d = ctx.cached.get(input.found.file);
  return d !== undefined && d.kind === input.found.kind && d.hash === input.hash ? d : undefined;
}

/** Takes the inputs at `indices` from the caller's parseAll, handing each result on in input order whatever order it returned them. */
async function parseGiven(ctx: PhaseContext, inputs: readonly FileInput[], indices: readonly number[], onResult: (i: number, r: ParseResult) => void): Promise<void> {
  const byFile = await ctx.given!();
  const [{ resultOf }, { TermEncoder }] = await Promise.all([import('./parse-one.js'), import('../index/encoder.js')]);
  const encoder = ctx.intern ? new TermEncoder(ctx.intern) : undefined;
  for (const i of indices) {
    const parsed = byFile.get(inputs[i]!.found.file);
    if (!parsed) throw new Error(`claimkb: parseAll returned no result for ${inputs[i]!.found.file}`);
    ctx.parsed?.(parsed);
    onResult(i, resultOf(parsed, encoder));
  }
}

/** Parses the inputs at `indices`, handing each result on in order. */
async function parseSome(ctx: PhaseContext, inputs: readonly FileInput[], indices: readonly number[], onResult: (i: number, r: ParseResult) => void): Promise<void> {
  if (ctx.given) return parseGiven(ctx, inputs, indices, onResult);
  const options: ParseAllOptions = {
    ...(ctx.intern ? { intern: ctx.intern } : {}),
    ...(ctx.sources ? { sources: ctx.sources } : {}),
    jobs: ctx.jobs,
    forceWorkers: ctx.forceWorkers,
    pool: ctx.pool ?? null,
    bytes: (k) => inputs[indices[k]!]!.bytes,
    onResult: (k, r) => {
      if (r.parsed) ctx.parsed?.(r.parsed);
      onResult(indices[k]!, r);
    },
  };
  await parseAll(indices.map((i) => taskOf(inputs[i]!.found)), options);
}

/** Fills `digests` with the cache's digests of the inputs; returns the indices of the inputs to parse. */
function fromCache<D extends FileDigest>(ctx: PhaseContext, inputs: readonly FileInput[], digests: Array<D | undefined>): number[] {
  const missing: number[] = [];
  inputs.forEach((input, i) => {
    const d = cachedDigest(ctx, input);
    if (d) digests[i] = d as D;
    else missing.push(i);
  });
  return missing;
}

/** The digests of the sources (in input order) and the sources parsed in this build, by file. */
export async function sourcePhase(ctx: PhaseContext, inputs: readonly FileInput[]): Promise<{ digests: SourceDigest[]; parsed: Map<string, ParsedSource> }> {
  const digests: SourceDigest[] = new Array(inputs.length);
  const parsed = new Map<string, ParsedSource>();
  const missing = fromCache(ctx, inputs, digests);
  ctx.progress.phase('reading sources', inputs.length);
  ctx.progress.tick(inputs.length - missing.length);
  await parseSome(ctx, inputs, missing, (i, r) => {
    const p = r.parsed as ParsedSource;
    digests[i] = sourceDigest(p);
    parsed.set(p.file, p);
    ctx.progress.tick();
  });
  return { digests, parsed };
}

/** The digests of the claims (in input order), each handed to `arrive` in input order as soon as it is known. */
export async function claimPhase(ctx: PhaseContext, inputs: readonly FileInput[], arrive: ClaimArrival): Promise<ClaimDigest[]> {
  const digests: Array<ClaimDigest | undefined> = new Array(inputs.length);
  const waiting = new Map<number, ParseResult>();
  const missing = fromCache(ctx, inputs, digests);
  ctx.progress.phase('reading claims', inputs.length);
  let next = 0;
  const drain = (): void => {
    for (; next < inputs.length && digests[next]; next++) {
      const r = waiting.get(next);
      waiting.delete(next);
      arrive(digests[next]!, r);
      // keep only the compact digest: positions are read again from the file if a problem needs them
      if (r?.parsed) digests[next] = expandClaim(compactClaim(digests[next]!), (f, h) => ctx.reparse(f, h) as ParsedClaim);
      ctx.progress.tick();
    }
  };
  drain();
  const lazy = (f: string, h: string) => ctx.reparse(f, h) as ParsedClaim;
  await parseSome(ctx, inputs, missing, (i, r) => {
    digests[i] = r.digest ? expandClaim(r.digest, lazy) : claimDigest(r.parsed as ParsedClaim);
    waiting.set(i, r);
    drain();
  });
  drain();
  return digests as ClaimDigest[];
}
