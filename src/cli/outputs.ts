/**
 * Reads the build's JSON outputs for show and report, or rebuilds in memory when they are stale.
 */
import type { ResolvedClaim } from '../model.js';
import type { Report } from '../report/report.js';
import { readFresh } from '../search/open.js';
import type { Io } from './io.js';

/** The claims and report of a knowledge base, from fresh outputs or an in-memory build. */
export async function readOutputs(root: string, out: string, io: Io): Promise<{ claims: ResolvedClaim[]; report: Report }> {
  const claims = readFresh(root, out, 'claims.json');
  const report = readFresh(root, out, 'report.json');
  if ('text' in claims && 'text' in report) {
    try {
      return { claims: (JSON.parse(claims.text) as { claims: ResolvedClaim[] }).claims, report: JSON.parse(report.text) as Report };
    } catch {
      io.err(`claimkb: the outputs in ${out} are corrupted; rebuilding in memory\n`);
    }
  } else io.err(`claimkb: ${'reason' in claims ? claims.reason : (report as { reason: string }).reason}; using a build in memory\n`);
  const { build } = await import('../build.js');
  const result = await build({ root, out: null });
  return { claims: result.claims, report: result.report };
}
