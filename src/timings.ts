/**
 * Step timings for performance work: with CLAIMKB_TIMINGS set in the environment, a command prints on
 * stderr, when it exits, how long each step of a build took (wall clock, main thread) and how many
 * minor page faults the process took meanwhile (memory touched for the first time: on the virtual
 * machines this was measured on, about 4 µs each, so a step that makes or reads much new data shows
 * it here), one line per step in the order they ended. Without it, marking a step costs one boolean
 * test. The timings are a measuring instrument, not part of any output: nothing else changes when
 * they are on.
 */

/** The environment variable that turns the timings on. */
export const TIMINGS_ENV = 'CLAIMKB_TIMINGS';

const enabled = Boolean(process.env[TIMINGS_ENV]);
const steps: Array<[label: string, endMs: number, faults: number]> = [];

const faultsNow = () => process.resourceUsage().minorPageFault;

/** Records that the step `label` ends now (the step began when the previous one ended, or when the process started). */
export function stepDone(label: string): void {
  if (!enabled) return;
  if (steps.length === 0) process.once('exit', printTimings);
  steps.push([label, performance.now(), faultsNow()]);
}

/** The timings as printed: a header, one line per step (ms, then minor page faults), and the totals. */
export function formatTimings(marks: ReadonlyArray<readonly [label: string, endMs: number, faults: number]>): string {
  const ms = (n: number) => n.toFixed(0).padStart(7);
  const faults = (n: number) => String(n).padStart(8);
  const lines = marks.map(([label, end, f], i) => `${ms(end - (i > 0 ? marks[i - 1]![1] : 0))}${faults(f - (i > 0 ? marks[i - 1]![2] : 0))}  ${label}\n`);
  const [, total, totalFaults] = marks.length > 0 ? marks[marks.length - 1]! : ['', 0, 0];
  return `claimkb: step timings (ms, wall clock, from the start of the process; minor page faults)\n${lines.join('')}${ms(total)}${faults(totalFaults)}  total\n`;
}

function printTimings(): void {
  process.stderr.write(formatTimings([...steps, ['exit', performance.now(), faultsNow()]]));
}
