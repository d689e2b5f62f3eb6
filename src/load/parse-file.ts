/**
 * Parses one content file into a ParsedFile: decode, split frontmatter, validate against the schema,
 * check the id against the file name, and (for claims) analyse the body. Pure and per-file, so its
 * result can be cached by content hash and computed on any thread.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { compiledModule } from '../compiled.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ParsedClaim, ParsedSource } from '../model.js';
import { analyzeBody } from '../validate/body.js';
import { plainClaimMeta, plainSourceMeta } from '../validate/plain-meta.js';
import { checkSchema } from '../validate/schema-check.js';
import { parseFrontmatter, positionOf, type Frontmatter } from './frontmatter.js';
import { decodeContent } from './read.js';
import { simpleFrontmatter } from './simple-frontmatter.js';
import { LineIndex } from '../text.js';

/** Which folder a file came from. */
export type FileKind = 'claim' | 'source';

function stemOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

/** Parses the raw bytes of `file` (a path relative to the root) as a claim or a source. */
export function parseFile(kind: FileKind, file: string, bytes: Uint8Array): ParsedClaim | ParsedSource {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const base = { file, stem: stemOf(file), hash, body: '', bodyStart: { line: 1, column: 1 }, positions: {} };
  const decoded = decodeContent(bytes, file);
  if (!decoded.ok) return empty(kind, { ...base, diagnostics: [decoded.diagnostic] });
  const fm = simpleFrontmatter(decoded.text, new LineIndex(decoded.text)) ?? parseFrontmatter(decoded.text, file);
  const positions = Object.fromEntries([...fm.positions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const common = { ...base, body: fm.body, bodyStart: fm.bodyStart, positions };
  const diagnostics: Diagnostic[] = [...fm.diagnostics];
  if (kind === 'source') {
    const meta = validate(kind, fm, file, diagnostics);
    return { kind, ...common, meta, diagnostics: checkId(meta?.id, common.stem, fm, file, diagnostics) };
  }
  const meta = validate(kind, fm, file, diagnostics);
  const body = analyzeBody(fm.body, fm.bodyStart, file);
  diagnostics.push(...body.diagnostics);
  return { kind, ...common, meta, citations: body.citations, diagnostics: checkId(meta?.id, common.stem, fm, file, diagnostics) };
}

function empty(kind: FileKind, base: Omit<ParsedSource, 'kind' | 'meta'>): ParsedClaim | ParsedSource {
  return kind === 'claim' ? { kind, ...base, meta: null, citations: [] } : { kind, ...base, meta: null };
}

const require = createRequire(import.meta.url);
let schemas: typeof import('../schema.js') | null = null;

/** The zod schemas, loaded on first use (Node 20.19+ requires ES modules synchronously): a valid frontmatter never needs them. */
function zodSchemas(): typeof import('../schema.js') {
  return (schemas ??= require(compiledModule('../schema.js', import.meta.url)) as typeof import('../schema.js'));
}

type Meta<K extends FileKind> = (K extends 'claim' ? ParsedClaim['meta'] : ParsedSource['meta']) | null;

function validate<K extends FileKind>(kind: K, fm: Frontmatter, file: string, out: Diagnostic[]): Meta<K> {
  if (fm.data === null) return null;
  const plain = kind === 'claim' ? plainClaimMeta(fm.data) : plainSourceMeta(fm.data);
  if (plain) return plain as Meta<K>;
  const schema = kind === 'claim' ? zodSchemas().ClaimSchema : zodSchemas().SourceSchema;
  const result = checkSchema<unknown>(schema, fm.data, file, (path, key) =>
    (key && fm.keyPositions.get(path.join('.'))) || positionOf(fm, path),
  );
  out.push(...result.diagnostics);
  return result.value as Meta<K>;
}

function checkId(id: string | undefined, stem: string, fm: Frontmatter, file: string, out: Diagnostic[]): Diagnostic[] {
  if (id !== undefined && id !== stem) {
    const msg = `id '${id}' differs from the file name '${stem}.md'; rename one so they match`;
    out.push(diagnostic(file, 'id-mismatch', 'error', msg, positionOf(fm, ['id'])));
  }
  return out;
}
