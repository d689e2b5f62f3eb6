/**
 * Stage 1, load: discover the content files and parse each one.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic } from '../diagnostics.js';
import type { KnowledgeBase, ParsedClaim, ParsedFile, ParsedSource } from '../model.js';
import { discover, type FoundFile } from './discover.js';
import { parseFile } from './parse-file.js';
import { MAX_FILE_BYTES } from './read.js';

/** Options of loadKnowledgeBase. */
export interface LoadOptions {
  /** Parses many files at once (e.g. on worker threads, or from a cache); defaults to parsing in this thread. */
  parseAll?: (files: readonly FoundFile[]) => Promise<ParsedFile[]>;
}

/** Reads and parses one found file, refusing files over the size limit before reading them. */
export async function parseFound(found: FoundFile): Promise<ParsedFile> {
  if (found.size > MAX_FILE_BYTES) {
    const msg = `file is ${found.size} bytes; the limit is ${MAX_FILE_BYTES} bytes (MAX_FILE_BYTES)`;
    const d = diagnostic(found.file, 'file-too-large', 'error', msg);
    const parsed = parseFile(found.kind, found.file, new Uint8Array());
    return { ...parsed, diagnostics: [d] };
  }
  return parseFile(found.kind, found.file, await readFile(found.abs));
}

async function parseSequential(files: readonly FoundFile[]): Promise<ParsedFile[]> {
  const out: ParsedFile[] = [];
  for (const f of files) out.push(await parseFound(f));
  return out;
}

/** Loads every source and claim under `root`. Content problems become diagnostics; only caller errors throw. */
export async function loadKnowledgeBase(root: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const absRoot = path.resolve(root);
  const found = await discover(absRoot);
  const parsed = await (options.parseAll ?? parseSequential)(found.files);
  const sources = parsed.filter((p): p is ParsedSource => p.kind === 'source');
  const claims = parsed.filter((p): p is ParsedClaim => p.kind === 'claim');
  return { root: absRoot, sources, claims, diagnostics: found.diagnostics };
}
