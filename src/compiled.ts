/**
 * Where a compiled module is, for code that loads one at run time (a worker's script, a module required
 * on first use): beside the caller. When the caller runs from the TypeScript sources (the test runner),
 * the compiled module in dist/ is used instead (`npm test` compiles first), since those cannot be
 * required or run as a worker.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path of the compiled module `relative` (such as `./parse-worker.js`) to the module at `callerUrl` (its import.meta.url). */
export function compiledModule(relative: string, callerUrl: string): string {
  const here = fileURLToPath(callerUrl);
  if (!here.endsWith('.ts')) return fileURLToPath(new URL(relative, callerUrl));
  const src = `${path.sep}src${path.sep}`;
  const at = here.lastIndexOf(src);
  const compiled = path.join(here.slice(0, at), 'dist', path.dirname(here.slice(at + src.length)), relative);
  if (!existsSync(compiled)) throw new Error(`claimkb: compiled module not found at ${compiled}; run npm run compile`);
  return compiled;
}
