#!/usr/bin/env node
// Runs the claimkb CLI exactly as users run it: it loads bin/claimkb.js (the CommonJS bundle with V8's
// code cache when that is fresh, else dist/'s ES modules), with this process's arguments. When the
// process exits, it writes its peak resident set size (worker threads included: they live in this
// process) to the file named by CLAIMKB_BENCH_RSS_FILE. CommonJS, as the launcher is: an ES module
// entry would add Node's module loader (about 5 ms) to every figure.
'use strict';
const { writeFileSync } = require('node:fs');

const rssFile = process.env.CLAIMKB_BENCH_RSS_FILE;
if (rssFile) process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS * 1024)));
require('../../bin/claimkb.js');
