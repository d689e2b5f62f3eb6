/**
 * Reads one of the build's JSON outputs for show (claims.json) or report (report.json), or rebuilds in
 * memory when it is stale, from another version or damaged. Each command reads only what it prints:
 * report does not parse the 45 MB of claims.json (10,000 claims), and show reads one claim through
 * the claims map when it can.
 */
import type { ResolvedClaim } from '../model.js';
import type { Report } from '../report/report.js';
import { readFresh } from '../search/open.js';
import { staleness, type FreshnessOptions } from '../search/staleness.js';
import { claimFromMap } from '../emit/claims-map.js';
import { SCHEMA_VERSION, TOOL_VERSION } from '../version.js';
import type { Io } from './io.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The outputs show and report read, by their `kind`. */
type OutputKind = 'claims' | 'report';

/** The lists report.json must have beside its summary. */
const REPORT_LISTS = ['lackingSupport', 'dubious', 'unusedSources', 'perSource', 'diagnostics'];

/** Why the parsed `<kind>.json` cannot be used, or null. */
export function outputProblem(kind: OutputKind, data: unknown): string | null {
  if (!isObject(data)) return `${kind}.json is not a JSON object`;
  if (data.schemaVersion !== SCHEMA_VERSION || data.kind !== kind) return `${kind}.json is not a claimkb ${kind} file of schema version ${SCHEMA_VERSION}`;
  if (data.generator !== `claimkb ${TOOL_VERSION}`) return `${kind}.json was written by ${String(data.generator)}, this is claimkb ${TOOL_VERSION}`;
  if (kind === 'claims') {
    const ok = Array.isArray(data.claims) && data.claims.every((c) => isObject(c) && typeof c.id === 'string');
    return ok ? null : 'claims.json holds no list of claims';
  }
  return isObject(data.summary) && REPORT_LISTS.every((k) => Array.isArray(data[k])) ? null : 'report.json lacks its summary or lists';
}

/** `<kind>.json` parsed when the outputs are fresh and it is usable, else why not. */
function readFreshOutput(kind: OutputKind, root: string, out: string, options: FreshnessOptions): { data: Json } | { reason: string } {
  const fresh = readFresh(root, out, [`${kind}.json`], options);
  if (!('texts' in fresh)) return fresh;
  try {
    const data = JSON.parse(fresh.texts[0]!) as unknown;
    const problem = outputProblem(kind, data);
    return problem === null ? { data: data as Json } : { reason: `the outputs in ${out} cannot be used: ${problem}` };
  } catch (error) {
    return { reason: `the outputs in ${out} are corrupted (${(error as Error).message})` };
  }
}

/** The claims and report of a build in memory (with the build cache of `out`, read only), after saying why on stderr. */
async function inMemory(reason: string, root: string, out: string, io: Io): Promise<{ claims: ResolvedClaim[]; report: Report }> {
  io.err(`claimkb: ${reason}; using a build in memory (run 'claimkb build' to refresh)\n`);
  const { outputsInMemory } = await import('../build.js');
  return outputsInMemory(root, out);
}

/**
 * Claim `id` of a knowledge base (null when there is none): from fresh outputs, through the claims map
 * when it fits (one claim read, emit/claims-map.ts), else from claims.json whole; or from a build in
 * memory. Freshness is checked once.
 */
export async function readClaim(root: string, out: string, io: Io, id: string, options: FreshnessOptions = {}): Promise<ResolvedClaim | null> {
  const stale = staleness(root, out, options);
  const mapped = stale === null ? claimFromMap(out, id) : null;
  if (mapped) return mapped.claim as ResolvedClaim | null;
  const got = stale === null ? readFreshOutput('claims', root, out, { assumeFresh: true }) : { reason: stale }; // fresh: just checked
  const claims = 'data' in got ? (got.data.claims as ResolvedClaim[]) : (await inMemory(got.reason, root, out, io)).claims;
  return claims.find((c) => c.id === id) ?? null;
}

/** The report of a knowledge base, from fresh outputs (report.json only) or a build in memory. */
export async function readReport(root: string, out: string, io: Io, options: FreshnessOptions = {}): Promise<Report> {
  const got = readFreshOutput('report', root, out, options);
  return 'data' in got ? (got.data as unknown as Report) : (await inMemory(got.reason, root, out, io)).report;
}
