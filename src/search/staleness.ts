/**
 * Whether the prebuilt outputs still describe the knowledge base: the staleness stamp the build wrote
 * beside them against a fresh one (index/stamp.ts). A module of its own, so that check loads nothing of search.
 */
import { readCommitted } from '../emit/committed.js';
import { STAMP_FILE, computeStamp, isCurrentStamp } from '../index/stamp.js';

/** Why the outputs in `out` cannot be trusted for `root`, or null when they are fresh. */
export function staleness(root: string, out: string): string | null {
  let stamp: string;
  try {
    stamp = readCommitted(out, STAMP_FILE);
  } catch {
    return `no build found in ${out}`;
  }
  if (!isCurrentStamp(stamp)) return `the build in ${out} was made by another version of claimkb`;
  return stamp === computeStamp(root) ? null : `the knowledge base changed since the last build in ${out}`;
}
