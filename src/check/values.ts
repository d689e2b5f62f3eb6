/**
 * The checkable values of a text: dates (possibly partial, or a weekday), numbers with their unit
 * class (percent, money, multiplier, count) and names of people or organisations credited with
 * something. conflicts.ts compares them between an article sentence and a claim.
 */

/** A date as far as the text gives it; missing parts are undefined. */
export interface DateValue {
  kind: 'date';
  /** The words of the text. */
  text: string;
  year?: number;
  month?: number;
  day?: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
}

/** A number, normalized (15.7 trillion → 15.7e12), with its unit class. */
export interface NumberValue {
  kind: 'number';
  text: string;
  value: number;
  unit: 'percent' | 'money' | 'multiplier' | 'count';
  /** For money, the currency sign or word; for counts, the stemmed noun that follows (may be empty). */
  of: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RE = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, b: 1e9, bn: 1e9, trillion: 1e12, t: 1e12, tn: 1e12 };
const WORD_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, dozen: 12, twice: 2, double: 2, triple: 3,
};

const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** Date patterns, most specific first; each returns the parts it found. */
const DATE_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Partial<DateValue>]> = [
  [/\b(\d{4})-(\d{2})(?:-(\d{2}))?\b/g, (m) => ({ year: +m[1]!, month: +m[2]!, ...(m[3] ? { day: +m[3] } : {}) })],
  [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => ({ month: +m[1]!, day: +m[2]!, year: +m[3]! })],
  [new RegExp(`\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'g'), (m) => ({ month: monthOf(m[1]!), day: +m[2]!, year: +m[3]! })],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\.?,?\\s+(\\d{4})\\b`, 'g'), (m) => ({ day: +m[1]!, month: monthOf(m[2]!), year: +m[3]! })],
  [new RegExp(`\\b(${MONTH_RE})\\.?,?\\s+(?:of\\s+)?(\\d{4})\\b`, 'g'), (m) => ({ month: monthOf(m[1]!), year: +m[2]! })],
  [new RegExp(`\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g'), (m) => ({ month: monthOf(m[1]!), day: +m[2]! })],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\b`, 'g'), (m) => ({ day: +m[1]!, month: monthOf(m[2]!) })],
  [/\b((?:19|20)\d\d)\b(?!\s*(?:%|percent)|[.,]\d)/g, (m) => ({ year: +m[1]! })],
  [/\b(January|February|March|April|June|July|August|September|October|November|December)\b/g, (m) => ({ month: monthOf(m[1]!) })],
  [/\b(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day\b/g, (m) => ({ weekday: WEEKDAYS.indexOf(m[1]!.slice(0, 3).toLowerCase()) })],
];

/** Runs patterns in order over `text`; a later pattern never matches inside an earlier match. */
function scan<T>(text: string, patterns: Array<[RegExp, (m: RegExpExecArray) => T | null]>): Array<T & { text: string; at: number }> {
  const taken: Array<[number, number]> = [];
  const out: Array<T & { text: string; at: number }> = [];
  for (const [re, make] of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      const v = make(m);
      if (v === null) continue;
      taken.push([s, e]);
      out.push({ ...v, text: m[0].trim(), at: s });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The date patterns that need no digit (month names, weekdays): all a text without digits can match. */
const WORD_DATE_PATTERNS = DATE_PATTERNS.filter(([re]) => !/\\d/.test(re.source));

/** The dates in a text. */
export function extractDates(text: string): DateValue[] {
  return scan(text, /\d/.test(text) ? DATE_PATTERNS : WORD_DATE_PATTERNS).map(({ at: _at, ...d }) => ({ kind: 'date', ...d }) as DateValue);
}

const num = (s: string) => Number(s.replace(/,/g, ''));
const scaled = (n: number, word: string | undefined) => n * (word ? (SCALE[word.toLowerCase()] ?? 1) : 1);
const SCALE_RE = '(thousand|million|billion|trillion|bn|mn|tn|[kmbt](?![\\p{L}]))';

/** Number patterns, most specific first (compiled once: extractNumbers runs for every candidate claim). */
const NUMBER_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Omit<NumberValue, 'kind' | 'text'> | null]> = [
  [/(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)/gi, (m) => ({ value: num(m[1]!), unit: 'percent', of: '' })],
  [new RegExp(`([$€£¥])\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s*${SCALE_RE})?`, 'giu'), (m) => ({ value: scaled(num(m[2]!), m[3]), unit: 'money', of: m[1]! })],
  [new RegExp(`(\\d[\\d,]*(?:\\.\\d+)?)\\s*(?:${SCALE_RE}\\s*)?(dollars|euros|pounds|usd|eur)\\b`, 'giu'), (m) => ({ value: scaled(num(m[1]!), m[2]), unit: 'money', of: m[3]!.toLowerCase() })],
  [/(\d+(?:\.\d+)?)\s*(?:x|×|-?fold|times)(?![\w])/gi, (m) => ({ value: num(m[1]!), unit: 'multiplier', of: '' })],
  [/\b(twice|double[ds]?|triple[ds]?)\b/gi, (m) => ({ value: WORD_NUMBERS[m[1]!.toLowerCase().replace(/[ds]$/, '')] ?? 2, unit: 'multiplier', of: '' })],
  [new RegExp(`(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s+${SCALE_RE})?(?:\\s+(\\p{L}+))?`, 'giu'), (m) => ({ value: scaled(num(m[1]!), m[2]), unit: 'count', of: noun(m[3]) })],
  [/\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozen)\s+(\p{L}+)/giu, (m) => ({ value: WORD_NUMBERS[m[1]!.toLowerCase()]!, unit: 'count', of: noun(m[2]) })],
];

/** The number patterns that need no digit (twice, three …): all a text without digits can match. */
const WORD_NUMBER_PATTERNS = NUMBER_PATTERNS.filter(([re]) => !/\\d/.test(re.source));

/** The numbers in a text, skipping those that are part of dates. */
export function extractNumbers(text: string): NumberValue[] {
  const masked = maskDates(text);
  return scan(masked, /\d/.test(text) ? NUMBER_PATTERNS : WORD_NUMBER_PATTERNS).map(({ at, ...n }) => ({ kind: 'number', ...n, text: text.slice(at, at + n.text.length) }) as NumberValue);
}

/** Reduces a counted noun to a comparable stem ("authors" → "author"). */
function noun(word: string | undefined): string {
  const w = (word ?? '').toLowerCase();
  return w.length > 3 ? w.replace(/(?:es|s)$/, '') : w;
}

/** Replaces every date in `text` with spaces (offsets kept), so its digits are not read as numbers. */
export function maskDates(text: string): string {
  if (!/\d/.test(text)) return text; // every time and masked date pattern has a digit
  let out = text.replace(/\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?/gi, (m) => ' '.repeat(m.length));
  for (const [re] of DATE_PATTERNS.slice(0, 8)) {
    re.lastIndex = 0;
    out = out.replace(re, (m) => ' '.repeat(m.length));
  }
  return out;
}

/** The ISO form of a date's known parts (2026-02-23, 2026-02, 2026), or its weekday name. */
export function isoOf(d: DateValue): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d.year === undefined) {
    const md = [d.month && `--${pad(d.month)}`, d.day && pad(d.day)].filter(Boolean).join('-');
    return md || (d.weekday !== undefined ? ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.weekday]! : '');
  }
  return [String(d.year), d.month && pad(d.month), d.month && d.day && pad(d.day)].filter(Boolean).join('-');
}
