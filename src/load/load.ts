/**
 * Stage 1, load: discover the content files and parse each one.
 */
import path from 'node:path';
import { cmp } from '../diagnostics.js';
import type { KnowledgeBase, ParsedClaim, ParsedFile, ParsedSource } from '../model.js';
import { discover, type FoundFile } from './discover.js';
import { parseFile } from './parse-file.js';
import { readContentBytes } from './read.js';

/** Options of loadKnowledgeBase. */
export interface LoadOptions {
  /** Parses many files at once (e.g. on worker threads, or from a cache); defaults to parsing in this thread. */
  parseAll?: (files: readonly FoundFile[]) => Promise<ParsedFile[]>;
}

/** Reads and parses one found file; an unreadable or too large file becomes its one diagnostic (read.ts). */
export async function parseFound(found: FoundFile): Promise<ParsedFile> {
  const read = await readContentBytes(found.abs, found.file);
  if (read.ok) return parseFile(found.kind, found.file, read.bytes);
  return { ...parseFile(found.kind, found.file, new Uint8Array()), diagnostics: [read.diagnostic] };
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
  // In path order whatever order parseAll returns (worker threads, a cache): "first defined at" must not vary.
  const parsed = [...(await (options.parseAll ?? parseSequential)(found.files))].sort((a, b) => cmp(a.file, b.file));
  const sources = parsed.filter((p): p is ParsedSource => p.kind === 'source');
  const claims = parsed.filter((p): p is ParsedClaim => p.kind === 'claim');
  return { root: absRoot, sources, claims, diagnostics: found.diagnostics };
}
