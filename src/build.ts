/**
 * `build` composes the pipeline stages: load → validate (per file, then cross-file) → verify quotes →
 * assess support → index → emit. It returns data; the CLI prints it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type MiniSearch from 'minisearch';
import { countBySeverity, type Diagnostic } from './diagnostics.js';
import { writeAtomically } from './emit/atomic.js';
import { renderOutputs } from './emit/outputs.js';
import { buildIndex } from './index/documents.js';
import type { SearchDoc } from './index/options.js';
import { STAMP_FILE, computeStamp } from './index/stamp.js';
import { loadKnowledgeBase, type LoadOptions } from './load/load.js';
import type { KnowledgeBase, ResolvedClaim, ResolvedSource } from './model.js';
import { buildReport, type Report } from './report/report.js';
import { resolve } from './support/resolve.js';
import { crossCheck, indexById } from './validate/cross.js';
import { verifyQuotes } from './verify/verify.js';

/** Options of build. */
export interface BuildOptions extends LoadOptions {
  /** The knowledge base folder (holding claims/ and sources/). */
  root: string;
  /** Where to write the outputs; null to write nothing. Default: `<root>/build`. */
  out?: string | null;
  /** Treat warnings as failures: outputs are then not replaced when there are warnings. */
  strict?: boolean;
}

/** Everything a build produced. */
export interface BuildResult {
  kb: KnowledgeBase;
  claims: ResolvedClaim[];
  sources: ResolvedSource[];
  report: Report;
  index: MiniSearch<SearchDoc>;
  /** sha256 over every content file's path and hash. */
  contentHash: string;
  /** True when the build is clean (no errors; no warnings under strict). */
  ok: boolean;
  /** The output folder written, or null when nothing was written (not asked, or not clean). */
  wrote: string | null;
}

/** A hash over the paths and content hashes of every file of the knowledge base. */
export function contentHashOf(kb: KnowledgeBase): string {
  const lines = [...kb.sources, ...kb.claims].map((f) => `${f.file}\t${f.hash}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Checks, verifies and resolves a loaded knowledge base, without writing anything. */
export function analyze(kb: KnowledgeBase) {
  const diagnostics: Diagnostic[] = [...kb.diagnostics];
  for (const f of [...kb.sources, ...kb.claims]) diagnostics.push(...f.diagnostics);
  diagnostics.push(...crossCheck(kb));
  const ignore: Diagnostic[] = [];
  const sources = indexById(kb.sources, ignore);
  const claims = indexById(kb.claims, ignore);
  const verified = verifyQuotes([...claims.values()], sources);
  diagnostics.push(...verified.diagnostics);
  const resolved = resolve(claims, sources, verified.quotes);
  const report = buildReport(resolved.claims, resolved.sources, diagnostics);
  return { ...resolved, report };
}

/** Builds the knowledge base under `options.root`, writing the outputs atomically when clean. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const stamp = computeStamp(root);
  const kb = await loadKnowledgeBase(root, options);
  const { claims, sources, report } = analyze(kb);
  const index = buildIndex(claims, sources);
  const contentHash = contentHashOf(kb);
  const counts = countBySeverity(report.diagnostics);
  const ok = counts.error === 0 && !(options.strict && counts.warning > 0);
  const out = options.out === undefined ? path.join(root, 'build') : options.out;
  let wrote: string | null = null;
  if (ok && out !== null) {
    // The stamp is committed with the outputs, so it never describes other outputs than those beside it.
    await writeAtomically(out, { ...renderOutputs({ claims, sources, report, index, contentHash }), [STAMP_FILE]: stamp });
    wrote = out;
  }
  return { kb, claims, sources, report, index, contentHash, ok, wrote };
}
