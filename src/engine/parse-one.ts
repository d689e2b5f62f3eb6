/**
 * Parsing one content file as the build needs it: the parsed file and, for a claim, its index terms.
 * Pure and synchronous, so it runs the same on a worker thread (parse-worker.ts) and on the main thread.
 */
import { readFileSync } from 'node:fs';
import { docTermsOf, indexedTextOf, type DocTerms } from '../index/terms.js';
import { tooLargeFile } from '../load/load.js';
import { parseFile, type FileKind } from '../load/parse-file.js';
import { MAX_FILE_BYTES } from '../load/read.js';
import type { ParsedFile } from '../model.js';

/** A file to parse: what discovery found (plain data, so it can be posted to a worker). */
export interface ParseTask {
  kind: FileKind;
  file: string;
  abs: string;
  size: number;
}

/** A parsed file and, for a claim with usable frontmatter, what it adds to the search index. */
export interface ParseResult {
  parsed: ParsedFile;
  terms: DocTerms | null;
}

/** Reads (unless `bytes` are given) and parses one file; files over the size limit are not read. */
export function parseOne(task: ParseTask, bytes?: Uint8Array): ParseResult {
  const parsed = task.size > MAX_FILE_BYTES ? tooLargeFile(task) : parseFile(task.kind, task.file, bytes ?? readFileSync(task.abs));
  const terms = parsed.kind === 'claim' && parsed.meta ? docTermsOf(indexedTextOf(parsed.meta, parsed.body)) : null;
  return { parsed, terms };
}
