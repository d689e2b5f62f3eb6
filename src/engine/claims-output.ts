/**
 * claims.json's pieces for a build. A claim's text there is a function of its resolution key, so a claim
 * that the previous claims.json holds under the same id and key (its claims map says so: emit/claims-map.ts)
 * is copied from there, in runs of adjacent claims read through one buffer; every other claim's text is
 * its record's fragment (from the build cache's records, or this build's). A rebuild after a few edits
 * then reads a few records instead of the whole records file (61 MB at 10,000 claims).
 */
import type { ArrayPiece, CopiedItems } from '../emit/claims-json.js';
import type { PreviousClaims } from '../emit/claims-map.js';
import { FileWindow } from '../file-window.js';
import type { ClaimEntry } from './claims.js';
import type { RecordBytes } from './record.js';
import { CacheUnusable } from './types.js';

/** Items [ranges[0], ranges[last]) of the previous claims.json, read through `window()` (one for the whole file). */
function copiedFrom(ranges: number[], window: () => FileWindow): CopiedItems {
  return { ranges, copy: (write) => window().copy(ranges[0]!, ranges[ranges.length - 1]!, write) }; // each piece is written or copied before write returns (emit/buffered.ts)
}

/**
 * The pieces of claims.json's claims array for `entries` (sorted by id), made as they are written:
 * runs copied from `previous` (null: none), and the other claims' fragments from `record`, each read
 * only when its turn comes (a build from scratch never holds every record at once; a damaged one
 * throws CacheUnusable, which writing the outputs lets through).
 */
export function* claimPieces(entries: readonly ClaimEntry[], previous: PreviousClaims | null, record: (e: ClaimEntry) => RecordBytes): Generator<ArrayPiece> {
  let file: FileWindow | undefined;
  const window = () => (file ??= new FileWindow(previous!.fd, () => new CacheUnusable('claimkb: claims.json is shorter than its claims map says')));
  const ids = previous?.ids ?? [];
  let run: number[] | null = null;
  let j = 0;
  for (const e of entries) {
    while (j < ids.length && ids[j]! < e.id) j++;
    if (previous && ids[j] === e.id && previous.hasKey(j, e.key)) {
      const [start, end] = [previous.ranges[2 * j]!, previous.ranges[2 * j + 1]!];
      if (run && run[run.length - 1]! + 2 === start) run.push(start, end); // `,\n` between: one piece
      else {
        if (run) yield copiedFrom(run, window);
        run = [start, end];
      }
      continue;
    }
    if (run) yield copiedFrom(run, window);
    run = null;
    yield record(e).fragment;
  }
  if (run) yield copiedFrom(run, window);
}
