/**
 * Progress on stderr for long work: one line, rewritten in place, shown only once the work has taken
 * PROGRESS_DELAY_MS and only when the caller says so (the CLI enables it when stderr is a terminal,
 * without --json, and not under CI). Everything else gets SILENT.
 */

/** Work taking longer than this (ms) shows progress. */
export const PROGRESS_DELAY_MS = 1000;
/** The line is redrawn at most this often (ms). */
export const PROGRESS_INTERVAL_MS = 100;

/** A progress reporter: phases with optional totals, ticks, and a final clear. */
export interface Progress {
  /** Starts a phase, e.g. `parsing files` with the number of files. */
  phase(label: string, total?: number): void;
  /** Counts `n` more units of the current phase. */
  tick(n?: number): void;
  /** Clears the line (if one was drawn). */
  done(): void;
}

/** A reporter that shows nothing. */
export const SILENT: Progress = { phase() {}, tick() {}, done() {} };

/** Options of progressOn (the delays are for tests). */
export interface ProgressOptions {
  delayMs?: number;
  intervalMs?: number;
  now?: () => number;
}

/** A reporter that writes to `write` (stderr), in place, after the delay. */
export function progressOn(write: (text: string) => void, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? PROGRESS_DELAY_MS;
  const interval = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const started = now();
  let label = '';
  let total: number | undefined;
  let count = 0;
  let drawnAt = -Infinity;
  let drawn = false;
  const draw = (force: boolean): void => {
    const t = now();
    if (t - started < delay || (!force && t - drawnAt < interval)) return;
    const counts = total === undefined ? '' : ` ${count}/${total}`;
    write(`\rclaimkb: ${label}${counts}\u001b[K`);
    drawnAt = t;
    drawn = true;
  };
  return {
    phase(name, n) {
      [label, total, count] = [name, n, 0];
      draw(true);
    },
    tick(n = 1) {
      count += n;
      draw(false);
    },
    done() {
      if (drawn) write('\r\u001b[K');
      drawn = false;
    },
  };
}
