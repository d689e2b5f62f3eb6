// Logs which modules a command loads, to the file named by CLAIMKB_IMPORT_LOG (used to check which
// packages a command loads): node --import ./test/helpers/log-imports.mjs …
// ES modules are logged by a resolve hook as they are imported; modules loaded with require (CommonJS
// packages, and ES modules required synchronously) are listed from require's cache when the process exits.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.CLAIMKB_IMPORT_LOG;
register(new URL('./import-hooks.mjs', import.meta.url), { data: { log } });
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  if (log) appendFileSync(log, Object.keys(cache).map((file) => `required ${file}\n`).join(''));
});
