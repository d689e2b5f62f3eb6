// Loads the CLI bundle (dist/cli-bundle/main.js, scripts/bundle-cli.js) as `require` would, but with
// V8's code cache for it (main.js.cache, written by the bundle script): compiling the bundle's 290 kB
// is most of what loading it costs in a cold process. V8 refuses a cache made by another version of it
// or with other flags (and compiles the source as usual), but of the source it checks only the length:
// given the cache of another bundle of the same length, it would run the other bundle's code. So the
// cache is used only when it is newer than the bundle, and the bundle script deletes it before bundling.
'use strict';
const { readFileSync, statSync, writeFileSync, renameSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

/** The code cache's path for a bundle file. */
const cacheOf = (file) => `${file}.cache`;

/** The bundle's code compiled (with `cachedData` when given) as a CommonJS module function. */
function compile(file, cachedData) {
  return new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
}

/** Runs the compiled bundle as a CommonJS module; returns its exports. */
function run(script, file) {
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/** The cache of `file` if it was written after it, else undefined. */
function freshCache(file) {
  try {
    const cache = cacheOf(file);
    return statSync(cache).mtimeMs >= statSync(file).mtimeMs ? readFileSync(cache) : undefined;
  } catch {
    return undefined;
  }
}

/** The bundle `file` compiled, with its code cache when that is fresh (V8 says in `cachedDataRejected` whether it took it). */
exports.compileBundle = (file) => compile(file, freshCache(file));

/** Loads the bundle `file` and returns its exports. */
exports.loadBundle = (file) => run(exports.compileBundle(file), file);

/** What the cache is made after: each command's help, so that what loading a command compiles is in it. */
const WARM_UP = ['build', 'check', 'report', 'search', 'show'].map((command) => [command, '--help']);

/** Writes the code cache of the bundle `file`, made after loading it and running WARM_UP (output discarded). */
exports.writeCodeCache = async (file) => {
  const script = compile(file, undefined);
  const { main } = run(script, file);
  const silent = { out() {}, err() {}, readStdin: async () => '', errIsTty: false };
  for (const argv of WARM_UP) await main(argv, silent);
  const temporary = `${cacheOf(file)}.${process.pid}`;
  writeFileSync(temporary, script.createCachedData());
  renameSync(temporary, cacheOf(file));
};
