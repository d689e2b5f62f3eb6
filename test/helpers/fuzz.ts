import type { Parameters as FcParameters } from 'fast-check';

/**
 * fast-check settings for the property tests. CI runs a fixed seed, so a run is reproducible and a
 * failure is the same failure on the next run; `FUZZ_SEED` picks another seed and `FUZZ_RUNS`
 * scales the number of runs (`npm run fuzz` sets both to explore further).
 */
export function fuzzParams<T>(numRuns: number): FcParameters<T> {
  const seed = process.env.FUZZ_SEED === 'random' ? Date.now() ^ (Math.random() * 0x100000000) : Number(process.env.FUZZ_SEED ?? 20260223);
  const runs = process.env.FUZZ_RUNS ? Math.max(numRuns, Number(process.env.FUZZ_RUNS)) : numRuns;
  return { numRuns: runs, seed, endOnFailure: true };
}
