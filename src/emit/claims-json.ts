/**
 * claims.json written piece by piece: each claim's text is rendered on its own (the build cache keeps
 * it), and the file is the header, the claims' texts and the closing lines. The bytes are exactly those
 * of `JSON.stringify({ ...header, claims }, null, 2)` (a test proves it), without holding the whole
 * file in memory.
 */
import type { ResolvedClaim } from '../model.js';

/** What JSON.stringify([[x]], null, 2) puts before x (which it indents by two levels of two spaces, as claims.json does). */
const WRAP_HEAD = '[\n  [\n';
/** What it puts after x. */
const WRAP_TAIL = '\n  ]\n]';

/**
 * One claim as it appears in claims.json's `claims` array, without the separating comma: JSON.stringify
 * indents it by two levels itself when it is nested two levels deep, which is faster than indenting
 * its lines afterwards (a string in JSON holds no line break, so every line break is the layout's).
 */
export function claimFragment(claim: ResolvedClaim): string {
  return JSON.stringify([[claim]], null, 2).slice(WRAP_HEAD.length, -WRAP_TAIL.length);
}

const bytesOf = (chunk: string | Uint8Array): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);

/**
 * Writes `{ ...header, [key]: [items] }` pretty-printed with two spaces, from the items' fragments
 * (claimFragment's form), followed by a newline. With `at`, records each item's byte range in the
 * file: start, end, … (what the claims map keeps).
 */
export function writePrettyArray(
  header: Readonly<Record<string, unknown>>,
  key: string,
  count: number,
  fragments: Iterable<string | Uint8Array>,
  write: (chunk: string | Uint8Array) => void,
  at?: number[],
): void {
  const head = JSON.stringify(header, null, 2);
  const open = `${head.slice(0, -2)},\n  ${JSON.stringify(key)}: `;
  if (count === 0) {
    write(`${open}[]\n}\n`);
    return;
  }
  write(`${open}[\n`);
  let offset = at ? bytesOf(`${open}[\n`) : 0;
  let i = 0;
  for (const fragment of fragments) {
    if (i++ > 0) write(',\n');
    write(fragment);
    if (!at) continue;
    if (i > 1) offset += 2; // the comma and line break before it
    at.push(offset, (offset += bytesOf(fragment)));
  }
  if (i !== count) throw new Error(`claimkb: expected ${count} fragments, got ${i}`);
  write('\n  ]\n}\n');
}
