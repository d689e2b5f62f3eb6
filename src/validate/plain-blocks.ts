/**
 * The paragraphs of a body made only of plain paragraphs, found without a markdown parser. Parsing a
 * body with remark costs about a millisecond; most claim bodies are plain prose, whose block structure
 * is simply text separated by blank lines. A body qualifies only when no line could start anything but
 * paragraph text: every non-blank line starts, without indentation, with a letter or a digit (not a
 * list number such as `1.`), except that a paragraph's later lines may also start with `[` or `@` (a
 * wrapped citation; a link reference definition can only start a paragraph, and no block starts with
 * `@`). Anything else is left to remark.
 * A property test checks that both give the same paragraphs.
 */

/** A block of a body: its kind and its [start, end) offsets in the body. */
export interface BodyBlock {
  type: 'paragraph' | 'heading' | 'tableCell';
  start: number;
  end: number;
}

/** How a paragraph's first line may start: a letter or a digit. */
export const FIRST_LINE = /^[\p{L}\p{N}]/u;
/** How a paragraph's later lines may start: also `[` or `@` (a wrapped citation). */
export const LATER_LINE = /^[\p{L}\p{N}[@]/u;
/** A list number (`1.`, `12)`): such a line may start a list, so it is left to remark. */
export const LIST_NUMBER = /^\d{1,9}[.)]/;
/** A blank line: only spaces and tabs. */
export const BLANK = /^[ \t]*$/;

/** The paragraphs of a body made only of plain paragraphs, or null when remark must parse it. */
export function plainParagraphs(body: string): BodyBlock[] | null {
  const blocks: BodyBlock[] = [];
  let open: BodyBlock | null = null;
  for (let at = 0; at <= body.length; ) {
    let end = body.indexOf('\n', at);
    if (end < 0) end = body.length;
    const line = body.slice(at, end);
    if (BLANK.test(line)) open = null;
    else if (!(open ? LATER_LINE : FIRST_LINE).test(line) || LIST_NUMBER.test(line)) return null;
    else if (open) open.end = end;
    else blocks.push((open = { type: 'paragraph', start: at, end }));
    at = end + 1;
  }
  return blocks;
}
