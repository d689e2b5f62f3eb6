/**
 * The worker thread of the parse pool (pool.ts): parses the batches of files it is sent and posts the
 * results back. Any exception is posted as an error (the main thread turns it into an internal error).
 */
import { parentPort } from 'node:worker_threads';
import { parseOne, type ParseTask } from './parse-one.js';

/** A batch sent by the pool. */
export interface WorkerTask {
  batch: number;
  files: ParseTask[];
}

parentPort?.on('message', (task: WorkerTask) => {
  try {
    parentPort!.postMessage({ batch: task.batch, results: task.files.map((f) => parseOne(f)) });
  } catch (error) {
    parentPort!.postMessage({ batch: task.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
