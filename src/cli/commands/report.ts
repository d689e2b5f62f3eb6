/**
 * `claimkb report [--root DIR] [--out DIR] [--assume-fresh] [--json]`: the support report of the last build.
 */
import { formatReport } from '../../report/format.js';
import { SCHEMA_VERSION } from '../../version.js';
import { FRESHNESS_HELP, FRESHNESS_OPTIONS, folders, parse } from '../args.js';
import type { Io } from '../io.js';
import { readReport } from '../outputs.js';

const HELP = `usage: claimkb report [--root DIR] [--out DIR] [--assume-fresh] [--json]\n\nPrints the support report (from the fresh outputs, or a build in memory).\n\n${FRESHNESS_HELP}`;

/** Runs the report command. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const { values } = parse(args, FRESHNESS_OPTIONS, false);
  if (values.help) return io.out(HELP), 0;
  const { root, out } = folders(values);
  const report = await readReport(root, out, io, { assumeFresh: values['assume-fresh'] });
  io.out(values.json ? `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...report }, null, 2)}\n` : formatReport(report));
  return report.summary.diagnostics.error > 0 ? 1 : 0;
}
