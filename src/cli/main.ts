/**
 * The CLI entry: picks the command, loads only its module, and turns errors into exit codes
 * (0 clean, 1 content errors, 2 usage or internal errors). Commands return their exit code.
 */
import { ClaimkbError } from '../diagnostics.js';
import { TOOL_VERSION } from '../version.js';
import type { Io } from './io.js';
import { processIo } from './io.js';

/** The commands and a one-line description of each; each lives in commands/<name>.js. */
export const COMMANDS = {
  build: 'validate, verify quotes, derive support, write the outputs and print the report',
  check: 'fact-check an article (file or -) against the knowledge base',
  report: 'print the support report',
  search: 'search the claims (full text, fuzzy and prefix) with filters',
  show: 'print one claim in full',
} as const;

/** A command's module. */
interface Command {
  run(args: readonly string[], io: Io): Promise<number>;
}

/** Loads each command's module, and only it, when it runs (written out, so that a bundler sees each one). */
const LOADERS: Record<keyof typeof COMMANDS, () => Promise<Command>> = {
  build: () => import('./commands/build.js'),
  check: () => import('./commands/check.js'),
  report: () => import('./commands/report.js'),
  search: () => import('./commands/search.js'),
  show: () => import('./commands/show.js'),
};

const USAGE = `usage: claimkb <command> [options]

commands:
${Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(8)} ${text}`).join('\n')}

Run 'claimkb <command> --help' for a command's options.`;

/**
 * The message of an unexpected error (a bug): one line, no stack trace unless CLAIMKB_DEBUG is set,
 * since content problems are diagnostics and caller problems are ClaimkbErrors.
 */
export function internalError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (process.env.CLAIMKB_DEBUG && error instanceof Error && error.stack) return `claimkb: internal error: ${error.stack}\n`;
  return `claimkb: internal error: ${message} (a bug: please report it; CLAIMKB_DEBUG=1 shows where it happened)\n`;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`claimkb ${TOOL_VERSION}\n`);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    io.err(`claimkb: unknown command '${name}'\n${USAGE}\n`);
    return 2;
  }
  try {
    const command = await LOADERS[name as keyof typeof COMMANDS]();
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof ClaimkbError) io.err(`${error.message}\n`);
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) io.err(`claimkb ${name}: ${error.message}\n`);
    else io.err(internalError(error));
    return 2;
  }
}
