/**
 * Parses many files, on worker threads when there are enough of them to be worth it (one per core by
 * default), otherwise on the main thread. Results are handed to the caller one by one in the order of
 * the tasks, while the workers go on parsing, so the caller's own work overlaps with theirs. Workers are
 * always terminated at the end; a worker that throws or dies fails the whole parse (an internal error).
 */
import { Worker } from 'node:worker_threads';
import { translateBlock } from '../index/builder.js';
import type { ParseResult, ParseTask } from './parse-one.js';
import type { WorkerTask } from './parse-worker.js';
import { MIN_FILES_FOR_WORKERS } from './jobs.js';
import { ChangedDuringBuild } from './types.js';
import { compiledModule } from '../compiled.js';

/** Files sent to a worker at once. */
export const BATCH_FILES = 32;
/** Batches queued per worker, so a worker never waits for the main thread. */
const QUEUED_PER_WORKER = 3;
export { defaultJobs, MAX_JOBS, MIN_FILES_FOR_WORKERS } from './jobs.js';

/** Options of parseAll. */
export interface ParseAllOptions {
  /** Worker threads to use; 1 parses on the main thread. */
  jobs: number;
  /** Use workers even for few files (for tests). */
  forceWorkers?: boolean;
  /** The build's workers, started once and used by every phase; null: parse on this thread; absent: decide here. */
  pool?: WorkerPool | null;
  /** Bytes already read for a task (used on the main thread only; workers read the file themselves). */
  bytes?: (index: number) => Uint8Array | undefined;
  /** The id of an index word in the build's dictionary (claims' terms are encoded with it); none: terms are not computed. */
  intern?: (word: string) => number;
  /** Sent to each worker first: the sources, so that workers resolve the claims they parse. */
  sources?: Extract<WorkerTask, { type: 'sources' }>;
  /** Receives each result, in task order. */
  onResult: (index: number, result: ParseResult) => void;
}

/** True when a build that parses `count` files should parse them on workers. */
export function usesWorkers(count: number, options: Pick<ParseAllOptions, 'jobs' | 'forceWorkers'>): boolean {
  return options.jobs > 1 && count > 0 && (options.forceWorkers === true || count >= MIN_FILES_FOR_WORKERS);
}

/** Parses every task, handing the results to `onResult` in task order: on the pool's workers, else on new workers if worth it, else here. */
export async function parseAll(tasks: readonly ParseTask[], options: ParseAllOptions): Promise<void> {
  if (tasks.length === 0) return;
  if (options.pool) return options.pool.parse(tasks, options);
  if (options.pool === null || !usesWorkers(tasks.length, options)) {
    const [{ parseOne }, { TermEncoder }] = await Promise.all([import('./parse-one.js'), import('../index/encoder.js')]);
    const encoder = options.intern ? new TermEncoder(options.intern) : undefined;
    tasks.forEach((task, i) => options.onResult(i, parseOne(task, options.bytes?.(i), encoder)));
    return;
  }
  const pool = new WorkerPool(Math.min(options.jobs, Math.ceil(tasks.length / BATCH_FILES)));
  try {
    await pool.parse(tasks, options);
  } finally {
    await pool.close();
  }
}

type WorkerReply = { batch: number; results: ParseResult[]; words: string[]; error?: undefined } | { batch: number; error: string; changed: boolean };

/** A worker's encoded blocks in the build's word ids, given the words it reported so far (`table`, extended). */
function translate(reply: { results: ParseResult[]; words: string[] }, table: number[], intern: ParseAllOptions['intern']): void {
  if (!intern) return;
  for (const w of reply.words) table.push(intern(w));
  for (const r of reply.results) if (r.block) translateBlock(r.block, table);
}

/** One parseAll on the pool: feeds batches to workers and delivers the results in batch order; rejects on the first failure. */
class BatchRun {
  private sent = 0;
  private delivered = 0;
  settled = false;
  private readonly arrived = new Map<number, ParseResult[]>();

  constructor(
    private readonly batches: ParseTask[][],
    private readonly options: ParseAllOptions,
    private readonly resolve: () => void,
    private readonly reject: (error: Error) => void,
  ) {}

  /** Sets a worker to work on the run. */
  attach(w: Worker): void {
    if (this.options.sources) w.postMessage(this.options.sources);
    for (let k = 0; k < QUEUED_PER_WORKER; k++) this.send(w);
  }

  /** Fails the run (once). */
  fail(why: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(why instanceof Error ? why : new Error(`claimkb: a parse worker failed: ${String(why)}`));
  }

  private send(w: Worker): void {
    if (this.sent >= this.batches.length) return;
    w.postMessage({ type: 'batch', batch: this.sent, files: this.batches[this.sent++]!, terms: this.options.intern !== undefined } satisfies WorkerTask);
  }

  /** Takes a worker's reply (`table`: that worker's word ids in the build's dictionary). */
  receive(w: Worker, reply: WorkerReply, table: number[]): void {
    if (this.settled) return;
    if (reply.error !== undefined) return this.fail(reply.changed ? new ChangedDuringBuild(reply.error) : reply.error);
    translate(reply, table, this.options.intern);
    this.arrived.set(reply.batch, reply.results);
    this.send(w);
    try {
      this.flush();
    } catch (error) {
      this.fail(error);
    }
  }

  private flush(): void {
    for (let results = this.arrived.get(this.delivered); results; results = this.arrived.get(this.delivered)) {
      this.arrived.delete(this.delivered);
      results.forEach((r, i) => this.options.onResult(this.delivered * BATCH_FILES + i, r));
      this.delivered++;
    }
    if (this.delivered === this.batches.length && !this.settled) {
      this.settled = true;
      this.resolve();
    }
  }
}

/**
 * Worker threads kept for a whole build: started once (they load their modules while the main thread
 * goes on), used by each parse phase in turn, closed at the end. A worker that fails, or dies, fails the
 * run in progress or the next one.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  private run: BatchRun | null = null;
  private failure: Error | null = null;
  private closing = false;

  constructor(size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => this.spawn());
  }

  private spawn(): Worker {
    const w = new Worker(compiledModule('./parse-worker.js', import.meta.url));
    const table: number[] = []; // the worker's dictionary lives as long as it does
    w.on('message', (reply: WorkerReply) => this.run?.receive(w, reply, table));
    w.on('error', (e) => this.fail(e));
    w.on('exit', (code) => this.closing || this.fail(`the worker exited with code ${code}`));
    return w;
  }

  private fail(why: unknown): void {
    this.failure ??= why instanceof Error ? why : new Error(`claimkb: a parse worker failed: ${String(why)}`);
    this.run?.fail(this.failure);
  }

  /** Parses every task on the workers, handing the results to `onResult` in task order. */
  async parse(tasks: readonly ParseTask[], options: ParseAllOptions): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.run) throw new Error('claimkb: the worker pool is already parsing');
    const batches: ParseTask[][] = [];
    for (let i = 0; i < tasks.length; i += BATCH_FILES) batches.push(tasks.slice(i, i + BATCH_FILES));
    try {
      await new Promise<void>((resolve, reject) => {
        this.run = new BatchRun(batches, options, resolve, reject);
        for (const w of this.workers) this.run.attach(w);
      });
    } catch (error) {
      this.failure ??= error as Error; // replies to a failed run may still come: the pool takes no other
      throw error;
    } finally {
      this.run = null;
    }
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
