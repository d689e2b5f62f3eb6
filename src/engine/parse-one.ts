/**
 * Parsing one content file as the build needs it: the parsed file and, for a claim, its index terms.
 * Pure and synchronous, so it runs the same on a worker thread (parse-worker.ts) and on the main thread.
 */
import { contentTerms } from '../check/terms.js';
import type { TermEncoder } from '../index/encoder.js';
import { indexedTextOf } from '../index/terms.js';
import { parseFile, type FileKind } from '../load/parse-file.js';
import { readContentBytesSync } from '../load/read.js';
import type { ParsedFile, ResolvedClaim } from '../model.js';
import type { CompactClaim } from './digest.js';
import type { Resolution } from './resolve-one.js';

/** A file to parse: what discovery found (plain data, so it can be posted to a worker). */
export interface ParseTask {
  kind: FileKind;
  file: string;
  abs: string;
  size: number;
}

/**
 * A parsed file and, for a claim with usable frontmatter, what it adds to the search index (its terms
 * encoded as a block: index/builder.ts) and the distinct content terms of its sentence (check's weights).
 * A claim parsed and resolved on a worker thread comes as its compact digest and its resolution instead
 * of the parsed file (which is only sent when the library keeps it).
 */
export interface ParseResult {
  parsed?: ParsedFile;
  digest?: CompactClaim;
  block: Int32Array | null;
  checkTerms: string | null;
  resolution?: Resolution;
  claim?: ResolvedClaim;
}

/** The distinct content terms of a claim sentence, space-separated (check's term weights count them). */
export function checkTermsOf(claim: string): string {
  return [...new Set(contentTerms(claim))].join(' ');
}

/**
 * Reads (unless `bytes` are given) and parses one file, as load.ts's parseFound does: an unreadable or
 * too large file becomes its one diagnostic. With an `encoder`, a claim's index terms are computed and encoded.
 */
export function parseOne(task: ParseTask, bytes?: Uint8Array, encoder?: TermEncoder): ParseResult & { parsed: ParsedFile } {
  const read = bytes ? { ok: true as const, bytes } : readContentBytesSync(task.abs, task.file);
  const parsed = read.ok ? parseFile(task.kind, task.file, read.bytes) : { ...parseFile(task.kind, task.file, new Uint8Array()), diagnostics: [read.diagnostic] };
  return resultOf(parsed, encoder);
}

/** The result of a parsed file: with an `encoder`, a claim's index terms computed and encoded. */
export function resultOf(parsed: ParsedFile, encoder?: TermEncoder): ParseResult & { parsed: ParsedFile } {
  if (parsed.kind !== 'claim' || !parsed.meta || !encoder) return { parsed, block: null, checkTerms: null };
  return { parsed, block: encoder.encode(indexedTextOf(parsed.meta, parsed.body)), checkTerms: checkTermsOf(parsed.meta.claim) };
}
