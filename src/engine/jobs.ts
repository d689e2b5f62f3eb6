/**
 * How many worker threads a build uses by default.
 */
import { availableParallelism } from 'node:os';

/** At most this many worker threads by default. */
export const MAX_JOBS = 8;

/** The default number of parallel jobs: the cores available, at most MAX_JOBS. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_JOBS));
}
