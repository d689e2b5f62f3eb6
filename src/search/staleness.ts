/**
 * Whether the prebuilt outputs still describe the knowledge base: the staleness stamp the build wrote
 * beside them against a fresh one (index/stamp.ts). A module of its own, so that check loads nothing of search.
 */
import { readCommitted } from '../emit/committed.js';
import { STAMP_FILE, computeStamp, isCurrentStamp } from '../index/stamp.js';

/** How the read commands (search, check, show, report) treat the prebuilt outputs. */
export interface FreshnessOptions {
  /**
   * Use the prebuilt outputs without checking that the content files are unchanged since the build
   * (the check stats every file: most of a cold search of a large knowledge base). The outputs are
   * still checked for what they are (version, options, integrity); edits since the build are not
   * seen. Default false.
   */
  assumeFresh?: boolean;
}

/** Why the outputs in `out` cannot be trusted for `root`, or null when they are fresh (or assumed fresh). */
export function staleness(root: string, out: string, options: FreshnessOptions = {}): string | null {
  if (options.assumeFresh) return null;
  let stamp: string;
  try {
    stamp = readCommitted(out, STAMP_FILE);
  } catch {
    return `no build found in ${out}`;
  }
  if (!isCurrentStamp(stamp)) return `the build in ${out} was made by another version of claimkb`;
  return stamp === computeStamp(root) ? null : `the knowledge base changed since the last build in ${out}`;
}
