#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js and the parse worker's entry) into two CommonJS files in
// dist/cli-bundle/, which bin/claimkb.js loads with `require` when they are newer than dist/. A cold
// process then reads two files instead of resolving, reading and linking some 30 ES modules one by one
// (with the code cache below, a cold search started in 55 instead of 75 ms; README, Performance).
// The packages stay outside (required from node_modules, several of them only on first use), and
// `import.meta.url` becomes the bundle file's URL, so modules found beside the caller at run time
// (compiled.ts: the parse worker, schema.js) are looked up beside the bundle: the worker's own bundle,
// and dist/schema.js. Run by `npm run compile` (and so by `npm ci` and `npm test`) after tsc.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'cli-bundle');
const URL_VARIABLE = '__claimkbModuleUrl';

rmSync(path.join(outdir, 'main.js.cache'), { force: true }); // never beside another bundle
const result = await build({
  entryPoints: { main: path.join(root, 'dist/cli/main.js'), 'parse-worker': path.join(root, 'dist/engine/parse-worker.js') },
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { 'import.meta.url': URL_VARIABLE },
  banner: { js: `const ${URL_VARIABLE} = require('node:url').pathToFileURL(__filename).href;` },
  logLevel: 'silent',
});
// A warning (an import.meta property other than url, a require esbuild cannot follow…) would be a
// difference between the bundle and dist/: refuse it.
for (const message of [...result.errors, ...result.warnings]) process.stderr.write(`bundle-cli: ${message.text}\n`);
if (result.errors.length + result.warnings.length > 0) process.exit(1);
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
// V8's code cache of the bundle, made by a plain `node` as bin/claimkb.js runs (same flags): bin/load-bundle.cjs.
const cache = spawnSync(process.execPath, ['-e', 'require(process.argv[1]).writeCodeCache(process.argv[2])', path.join(root, 'bin', 'load-bundle.cjs'), path.join(outdir, 'main.js')], { stdio: 'inherit' });
if (cache.status !== 0) process.exit(1);
