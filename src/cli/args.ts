/**
 * Shared argument handling: node's parseArgs with the common options, and help text.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ClaimkbError } from '../diagnostics.js';

/** Options every command takes. */
export const COMMON_OPTIONS = {
  root: { type: 'string', default: '.' },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The option of the commands that read the prebuilt outputs (search, check, show, report), and its help. */
export const FRESHNESS_OPTIONS = { 'assume-fresh': { type: 'boolean', default: false } } as const satisfies NonNullable<ParseArgsConfig['options']>;
/** FRESHNESS_OPTIONS's help text. */
export const FRESHNESS_HELP = `Before it reads the outputs of the last build, this command checks that no content file changed since
(it stats them all), and uses a build in memory if one did. --assume-fresh skips that check and uses
the last build's outputs even if files were edited since: for scripts that run many commands right
after a build.
`;

/** Parses `args` strictly; unknown options are usage errors. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: O,
  positionals = true,
): ReturnType<typeof parseArgs<{ args: string[]; options: typeof COMMON_OPTIONS & O; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...options }, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new ClaimkbError(`${(error as Error).message}; see --help`);
  }
}

/** The root and output folders from parsed options (out defaults to <root>/build). */
export function folders(values: { root?: string | undefined; out?: string | undefined }): { root: string; out: string } {
  const root = path.resolve(values.root ?? '.');
  return { root, out: path.resolve(values.out ?? path.join(root, 'build')) };
}

/** Splits repeatable, comma-separated option values: `--flag a,b --flag c` → [a, b, c]. */
export function list(values: readonly string[] | string | undefined): string[] {
  const all = values === undefined ? [] : Array.isArray(values) ? values : [values as string];
  return all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** Checks that every value of option `--name` is one of `allowed`; a usage error names the valid ones. */
export function oneOf(name: string, values: readonly string[], allowed: readonly string[]): string[] {
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length > 0) throw new ClaimkbError(`--${name} '${bad[0]}' is not one of: ${allowed.join(', ')}`);
  return [...values];
}
