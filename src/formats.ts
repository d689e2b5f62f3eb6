/**
 * The spellings frontmatter values must have: ids, partial dates, URLs, and the word for a value the
 * sources do not give. Plain functions, shared by the zod schemas (schema.ts) and the validation that
 * needs no zod (validate/plain-meta.ts).
 */

/** The spelling of an identifier: lowercase kebab-case, as in the file name's stem. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The word that stands for a value the sources do not give. */
export const UNKNOWN = 'unknown';

/** True when `value` is YYYY, YYYY-MM or YYYY-MM-DD and names a real calendar date. */
export function isPartialIsoDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/** True for a partial ISO date that exists, or "unknown". */
export const isDateOrUnknown = (v: string): boolean => v === UNKNOWN || isPartialIsoDate(v);
/** True for an http(s) URL without white space, or "unknown". */
export const isUrlOrUnknown = (v: string): boolean => v === UNKNOWN || /^https?:\/\/[^\s]+$/.test(v);
