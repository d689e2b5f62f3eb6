/**
 * The no-change build: when every content file has the content the last build saw (by the build
 * cache's stat records, or by hashing), the discovery diagnostics are the same and the outputs that
 * build wrote are still in place, the report is the one that build made, and nothing is parsed or
 * written. Same report, same exit code, same outputs as a full build.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cmp, type Diagnostic } from '../diagnostics.js';
import type { JournalBase } from '../cache/journal.js';
import { writeFilesState, type FilesState, type Fingerprint } from '../cache/state.js';
import { writeAtomically } from '../emit/atomic.js';
import { STAGING_PREFIX, readCommitted } from '../emit/committed.js';
import { LOCK_FILE } from '../emit/lock.js';
import { STAMP_FILE } from '../index/stamp.js';
import { OUTPUT_NAMES } from './output-names.js';
import { TOOL_VERSION } from '../version.js';
import { sameStat } from '../fingerprint.js';
import { fileStats, type FileInput, type FileStat } from './inputs.js';
import type { Report } from '../report/report.js';
import { isOk, type EngineResult } from './types.js';

/** What the no-change check needs. */
export interface UnchangedInput {
  out: string;
  root: string;
  strict: boolean;
  inputs: readonly FileInput[];
  discovery: readonly Diagnostic[];
  filesState: (FilesState & { base: JournalBase }) | null;
  /** filesState's records by path. */
  recorded: ReadonlyMap<string, FileStat> | null;
  stamp: string;
  now: number;
}

/** The knowledge base's content hash: sha256 over every file's path and content hash (contentHashOf's). */
export function contentHashOfFiles(files: ReadonlyArray<{ file: string; hash: string }>): string {
  const lines = files.map((f) => `${f.file}\t${f.hash}`).sort(cmp);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** A hash of everything a build's report depends on: the content, the discovery diagnostics and the tool version. */
export function inputKeyOf(contentHash: string, discovery: readonly Diagnostic[]): string {
  return createHash('sha256').update(`${TOOL_VERSION}\n${contentHash}\n${JSON.stringify(discovery)}`).digest('hex');
}

/** True when every output is still the file the last build wrote. */
function intact(out: string, written: readonly Fingerprint[]): boolean {
  const names = written.map((f) => f.name).sort(cmp).join('\n');
  if (names !== [...OUTPUT_NAMES].sort(cmp).join('\n')) return false;
  return written.every((f) => {
    const s = lstatSync(path.join(out, f.name), { throwIfNoEntry: false });
    return s !== undefined && s.isFile() && sameStat(f, s);
  });
}

/**
 * True when the output folder holds a staging folder or a lock: a build is writing, or one was killed
 * there, and its committed outputs may not be moved into place yet (readers already see them). Only a
 * writer, under the lock, may settle that, so the build does not take the no-change path.
 */
function unsettled(out: string): boolean {
  try {
    return readdirSync(out).some((n) => n.startsWith(STAGING_PREFIX) || n.startsWith(LOCK_FILE));
  } catch {
    return true;
  }
}

function readStamp(out: string): string | null {
  try {
    return readCommitted(out, STAMP_FILE);
  } catch {
    return null;
  }
}

/** The last build's report from its JSON text, or null when it does not parse as one. */
function reportOf(json: string): Report | null {
  try {
    const report = JSON.parse(json) as Report | null;
    return typeof report === 'object' && report !== null && Array.isArray(report.diagnostics) ? report : null;
  } catch {
    return null;
  }
}

/**
 * True when a file was added, removed or edited since the build cache's records: the content is then
 * not the last build's, which is known without hashing every file's path and hash again (a file only
 * touched keeps its recorded hash, and the content hash decides).
 */
function editedSinceRecords(u: UnchangedInput): boolean {
  if (!u.recorded || u.recorded.size !== u.inputs.length) return true;
  return u.inputs.some((i) => !i.trusted && u.recorded!.get(i.found.file)?.hash !== i.hash);
}

/** The result of the last build when nothing changed since, or null (then a full build runs). */
export async function unchangedBuild(u: UnchangedInput): Promise<EngineResult | null> {
  const last = u.filesState?.last;
  if (!last || u.inputs.some((i) => i.hash === null) || editedSinceRecords(u)) return null;
  const hashes = u.inputs.map((i) => i.hash!);
  const contentHash = contentHashOfFiles(u.inputs.map((i, k) => ({ file: i.found.file, hash: hashes[k]! })));
  if (contentHash !== last.contentHash || inputKeyOf(contentHash, u.discovery) !== last.inputKey) return null;
  const report = reportOf(last.reportJson);
  if (!report) return null;
  const ok = isOk(report, u.strict);
  if (ok && (last.outputs === null || unsettled(u.out) || !intact(u.out, last.outputs))) return null;
  // Same contents, other stat (a file touched): the stamp is replaced as the outputs would be, atomically.
  if (ok && readStamp(u.out) !== u.stamp) await writeAtomically(u.out, { [STAMP_FILE]: u.stamp });
  if (u.inputs.some((i) => !i.trusted)) {
    writeFilesState(u.out, u.root, { files: fileStats(u.inputs, hashes, u.recorded, u.now), last }, u.filesState!.base);
  }
  return { report, ok, wrote: ok ? u.out : null, contentHash, unchanged: true, resolved: 0 };
}
