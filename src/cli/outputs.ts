/**
 * Reads the build's JSON outputs for show and report, or rebuilds in memory when they are stale,
 * from another version, damaged, or from two different builds.
 */
import type { ResolvedClaim } from '../model.js';
import type { Report } from '../report/report.js';
import { readFresh } from '../search/open.js';
import type { FreshnessOptions } from '../search/staleness.js';
import { SCHEMA_VERSION, TOOL_VERSION } from '../version.js';
import type { Io } from './io.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Why the parsed claims.json and report.json cannot be used together, or null. */
export function outputsProblem(claims: unknown, report: unknown): string | null {
  if (!isObject(claims) || !isObject(report)) return 'claims.json or report.json is not a JSON object';
  for (const [data, kind] of [[claims, 'claims'], [report, 'report']] as const) {
    if (data.schemaVersion !== SCHEMA_VERSION || data.kind !== kind) return `${kind}.json is not a claimkb ${kind} file of schema version ${SCHEMA_VERSION}`;
    if (data.generator !== `claimkb ${TOOL_VERSION}`) return `${kind}.json was written by ${String(data.generator)}, this is claimkb ${TOOL_VERSION}`;
  }
  if (claims.contentHash !== report.contentHash) return 'claims.json and report.json come from different builds';
  if (!Array.isArray(claims.claims) || !claims.claims.every((c) => isObject(c) && typeof c.id === 'string')) return 'claims.json holds no list of claims';
  const lists = ['lackingSupport', 'dubious', 'unusedSources', 'perSource', 'diagnostics'];
  if (!isObject(report.summary) || !lists.every((k) => Array.isArray(report[k]))) return 'report.json lacks its summary or lists';
  return null;
}

/** The claims and report of a knowledge base, from fresh outputs or an in-memory build (with the build cache of `out`, read only). */
export async function readOutputs(root: string, out: string, io: Io, options: FreshnessOptions = {}): Promise<{ claims: ResolvedClaim[]; report: Report }> {
  const fresh = readFresh(root, out, ['claims.json', 'report.json'], options);
  let reason: string;
  if ('texts' in fresh) {
    try {
      const [c, r] = fresh.texts.map((text) => JSON.parse(text) as unknown);
      const problem = outputsProblem(c, r);
      if (problem === null) return { claims: (c as { claims: ResolvedClaim[] }).claims, report: r as Report };
      reason = `the outputs in ${out} cannot be used: ${problem}`;
    } catch (error) {
      reason = `the outputs in ${out} are corrupted (${(error as Error).message})`;
    }
  } else reason = fresh.reason;
  io.err(`claimkb: ${reason}; using a build in memory (run 'claimkb build' to refresh)\n`);
  const { outputsInMemory } = await import('../build.js');
  return outputsInMemory(root, out); // with the build cache of `out`, read only
}
