/**
 * How many worker threads a build uses by default.
 */
import { availableParallelism } from 'node:os';

/**
 * Below this many files to parse, a build parses on the main thread unless told how many jobs to use:
 * workers take a few hundred ms to start, and on a 2-core machine they only paid off from about 5,000
 * files (measured: 1,100 files 1.6 s on one thread, 2.2 s on two workers; 5,500 files 4.5 s and 4.4 s;
 * 11,000 files 8.7 s and 6.8 s).
 */
export const MIN_FILES_FOR_WORKERS = 5000;

/** At most this many worker threads by default. */
export const MAX_JOBS = 8;

/** The default number of parallel jobs: the cores available, at most MAX_JOBS. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_JOBS));
}
