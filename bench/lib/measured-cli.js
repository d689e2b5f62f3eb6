#!/usr/bin/env node
// Runs the claimkb CLI exactly as bin/claimkb.js does, then writes the process's peak resident set size
// (worker threads included: they live in this process) to the file named by CLAIMKB_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';
import { main } from '../../dist/cli/main.js';

const code = await main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`claimkb: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
});
if (process.env.CLAIMKB_BENCH_RSS_FILE) writeFileSync(process.env.CLAIMKB_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
process.exitCode = code;
