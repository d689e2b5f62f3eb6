/**
 * `claimkb build [--root DIR] [--out DIR] [--strict] [--json]`
 */
import { build } from '../../build.js';
import { countBySeverity } from '../../diagnostics.js';
import { formatReport } from '../../report/format.js';
import { SCHEMA_VERSION } from '../../version.js';
import { folders, parse } from '../args.js';
import type { Io } from '../io.js';

const HELP = `usage: claimkb build [--root DIR] [--out DIR] [--strict] [--json]

Validates every file, verifies every quote, derives support, prints the report, and writes
claims.json, sources.json, index.json and report.json to --out (default <root>/build) when clean.
  --root DIR   the knowledge base folder (default .)
  --out DIR    the output folder (default <root>/build)
  --strict     warnings fail the build too
  --json       print the report as JSON
Exit: 0 clean, 1 content errors (or warnings with --strict), 2 usage or internal error.
`;

/** Runs the build command. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { strict: { type: 'boolean', default: false } }, false);
  if (values.help) return io.out(HELP), 0;
  void positionals;
  const { root, out } = folders(values);
  const result = await build({ root, out, strict: values.strict });
  if (values.json) io.out(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ok: result.ok, wrote: result.wrote !== null, ...result.report }, null, 2)}\n`);
  else {
    io.out(formatReport(result.report));
    if (!result.ok) io.err(`claimkb: the build failed; the previous outputs in ${out} were left as they were\n`);
  }
  const counts = countBySeverity(result.report.diagnostics);
  return counts.error > 0 || (values.strict && counts.warning > 0) ? 1 : 0;
}
