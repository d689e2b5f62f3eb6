/**
 * `claimkb build [--root DIR] [--out DIR] [--strict] [--json] [--jobs N] [--no-cache]`
 */
import { ClaimkbError } from '../../diagnostics.js';
import { defaultJobs, MIN_FILES_FOR_WORKERS } from '../../engine/jobs.js';
import { runEngine } from '../../engine/run.js';
import { SILENT, progressOn } from '../../progress.js';
import { formatReport } from '../../report/format.js';
import { SCHEMA_VERSION } from '../../version.js';
import { folders, parse } from '../args.js';
import type { Io } from '../io.js';
import { stepDone } from '../../timings.js';

const HELP = `usage: claimkb build [--root DIR] [--out DIR] [--strict] [--json] [--jobs N] [--no-cache]

Validates every file, verifies every quote, derives support, prints the report, and writes
claims.json, sources.json, index.json, index.map.json and report.json to --out (default <root>/build)
when clean. Files and claims unchanged since the last build are taken from the build cache in
<out>/.cache/build; when nothing changed, nothing is parsed or written.
  --root DIR   the knowledge base folder (default .)
  --out DIR    the output folder (default <root>/build)
  --strict     warnings fail the build too
  --json       print the report as JSON
  --jobs N     parse on N worker threads (1: none; default: one per core when there are
               ${MIN_FILES_FOR_WORKERS} files or more to parse, else none)
  --no-cache   ignore the build cache (it is still written)
Exit: 0 clean, 1 content errors (or warnings with --strict), 2 usage or internal error.
`;

function jobsOf(value: string | undefined): number {
  if (value === undefined) return defaultJobs();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ClaimkbError(`--jobs expects a positive whole number, got '${value}'`);
  return n;
}

/** Runs the build command. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  stepDone('start: Node, the command and its modules');
  const { values } = parse(args, { strict: { type: 'boolean', default: false }, jobs: { type: 'string' }, 'no-cache': { type: 'boolean', default: false } }, false);
  if (values.help) return io.out(HELP), 0;
  const { root, out } = folders(values);
  const progress = values.json || !io.errIsTty ? SILENT : progressOn(io.err, { ...(io.progressDelayMs === undefined ? {} : { delayMs: io.progressDelayMs }) });
  let result;
  try {
    const jobs = jobsOf(values.jobs);
    // --jobs N asks for N workers whatever the size; by default they start only for many files.
    result = await runEngine({ root, out, strict: values.strict, jobs, forceWorkers: values.jobs !== undefined && jobs > 1, cache: !values['no-cache'], keep: false, progress });
  } finally {
    progress.done();
  }
  if (values.json) io.out(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ok: result.ok, wrote: result.wrote !== null, ...result.report }, null, 2)}\n`);
  else {
    io.out(formatReport(result.report));
    if (!result.ok) io.err(`claimkb: the build failed; the previous outputs in ${out} were left as they were\n`);
  }
  return result.ok ? 0 : 1;
}
