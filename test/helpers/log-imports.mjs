// Registers a module resolve hook that appends every resolved URL to the file named by CLAIMKB_IMPORT_LOG
// (used to check which packages a command loads): node --import ./test/helpers/log-imports.mjs …
import { register } from 'node:module';

register(new URL('./import-hooks.mjs', import.meta.url), { data: { log: process.env.CLAIMKB_IMPORT_LOG } });
