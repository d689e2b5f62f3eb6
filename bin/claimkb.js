#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ into dist/ by `npm ci` (the prepare script), which also
// bundles it into dist/cli-bundle/ (scripts/bundle-cli.js): one CommonJS file that starts faster than
// dist/'s ES modules. The bundle is used only when it is newer than dist/cli/main.js, so code compiled
// with tsc alone after the last bundle never runs an older bundle. The launcher itself is CommonJS
// (bin/package.json): an ES module entry costs every command about 5 ms of Node's module loader.
'use strict';
const { statSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const BUNDLE = path.join(__dirname, '..', 'dist', 'cli-bundle', 'main.js');
const COMPILED = path.join(__dirname, '..', 'dist', 'cli', 'main.js');

function bundleIsFresh() {
  try {
    return statSync(BUNDLE).mtimeMs >= statSync(COMPILED).mtimeMs;
  } catch {
    return false;
  }
}

function internalError(error) {
  process.stderr.write(`claimkb: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}

function start({ main }) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, internalError);
}

if (bundleIsFresh()) start(require('./load-bundle.cjs').loadBundle(BUNDLE));
else import(pathToFileURL(COMPILED).href).then(start, internalError);
