/**
 * Where commands write: an injectable pair of streams, so tests can capture output.
 */

/** The output functions of a command. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Reads standard input (for `check -`), all of it or, given `maxBytes`, at most one byte more than that. */
  readStdin(maxBytes?: number): Promise<string>;
  /** True when stderr is a terminal and not under CI (progress is shown only then). */
  errIsTty: boolean;
  /** Work longer than this (ms) shows progress; for tests (default: PROGRESS_DELAY_MS). */
  progressDelayMs?: number;
}

/** The process's own streams. */
export function processIo(): Io {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    readStdin: async (maxBytes = Infinity) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        if ((total += (chunk as Buffer).length) > maxBytes) break;
      }
      return Buffer.concat(chunks).subarray(0, maxBytes + 1).toString('utf8');
    },
    errIsTty: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}
