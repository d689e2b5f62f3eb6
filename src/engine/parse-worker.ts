/**
 * The worker thread of the parse pool (pool.ts): parses the batches of files it is sent and posts the
 * results back, with each claim's index terms encoded against this worker's own dictionary (the words
 * new to it since its last reply are sent along; the main thread maps them to its dictionary). Once it
 * has been sent the sources, it also resolves the claims it parses (resolve-one.ts) and sends their
 * compact digests and resolutions instead of the parsed files. Any exception is posted as an error.
 */
import { parentPort } from 'node:worker_threads';
import { TermEncoder } from '../index/encoder.js';
import type { ParsedClaim, ParsedSource } from '../model.js';
import { claimDigest, compactClaim } from './digest.js';
import { parseOne, type ParseResult, type ParseTask } from './parse-one.js';
import { resolveParsed, type ResolveEnv } from './resolve-one.js';
import { envOf, type SourceInfo } from './source-env.js';
import { ChangedDuringBuild } from './types.js';

/** A message to a worker: the sources to resolve claims against, or a batch of files. */
export type WorkerTask =
  | { type: 'sources'; sources: SourceInfo[]; render: boolean; keep: boolean }
  | { type: 'batch'; batch: number; files: ParseTask[]; terms: boolean };

const dictionary = new Map<string, number>();
let fresh: string[] = [];
const intern = (word: string): number => {
  let id = dictionary.get(word);
  if (id === undefined) {
    dictionary.set(word, (id = dictionary.size));
    fresh.push(word);
  }
  return id;
};
const encoder = new TermEncoder(intern);
let env: ResolveEnv | null = null;
let keep = false;

/** Parses one file and, with the sources known, resolves a claim. */
function work(task: ParseTask, terms: boolean): ParseResult {
  const r = parseOne(task, undefined, terms ? encoder : undefined);
  if (r.parsed.kind !== 'claim' || !env) return r;
  const parsed = r.parsed as ParsedClaim;
  const out: ParseResult = { digest: compactClaim(claimDigest(parsed)), block: r.block, checkTerms: r.checkTerms };
  if (parsed.meta) {
    const resolved = resolveParsed(parsed, r.checkTerms, env);
    out.resolution = resolved.resolution;
    if (keep) out.claim = resolved.claim;
  }
  if (keep) out.parsed = parsed;
  return out;
}

parentPort?.on('message', (task: WorkerTask) => {
  if (task.type === 'sources') {
    const parse = (s: SourceInfo) => parseOne({ kind: 'source', file: s.file, abs: s.abs, size: s.size }).parsed as ParsedSource;
    env = envOf(task.sources, task.render, parse);
    keep = task.keep;
    return;
  }
  try {
    const results = task.files.map((f) => work(f, task.terms));
    const transfer = results.flatMap((r) => (r.block ? [r.block.buffer as ArrayBuffer] : []));
    parentPort!.postMessage({ batch: task.batch, results, words: fresh }, transfer);
    fresh = [];
  } catch (error) {
    const changed = error instanceof ChangedDuringBuild;
    parentPort!.postMessage({ batch: task.batch, changed, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
