#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ into dist/ by `npm ci` (the prepare script), which also
// bundles it into dist/cli-bundle/ (scripts/bundle-cli.js): one CommonJS file that starts faster than
// dist/'s ES modules. The bundle is used only when it is newer than dist/cli/main.js, so code compiled
// with tsc alone after the last bundle never runs an older bundle.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const BUNDLE = fileURLToPath(new URL('../dist/cli-bundle/main.js', import.meta.url));
const COMPILED = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function bundleIsFresh() {
  try {
    return statSync(BUNDLE).mtimeMs >= statSync(COMPILED).mtimeMs;
  } catch {
    return false;
  }
}

const { main } = bundleIsFresh() ? createRequire(import.meta.url)('./load-bundle.cjs').loadBundle(BUNDLE) : await import('../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`claimkb: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
