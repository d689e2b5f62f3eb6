/**
 * Where commands write: an injectable pair of streams, so tests can capture output.
 */

/** The output functions of a command. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Reads all of standard input (for `check -`). */
  readStdin(): Promise<string>;
  /** True when stderr is a terminal (progress is shown only then). */
  errIsTty: boolean;
}

/** The process's own streams. */
export function processIo(): Io {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    errIsTty: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}
