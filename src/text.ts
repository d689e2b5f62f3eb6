/**
 * Offsets and positions in a text: a line index built once per file.
 */
import type { Position } from './diagnostics.js';

/** Maps string offsets of one text to 1-based line:column positions. */
export class LineIndex {
  /** Offsets at which each line starts. */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The position of `offset` (clamped into the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }

  /** The offset of a 1-based position. */
  offset(pos: Position): number {
    return (this.starts[pos.line - 1] ?? this.text.length) + pos.column - 1;
  }
}
