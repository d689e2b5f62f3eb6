/**
 * Step 4a of check: does an article sentence state a different date, number or name than a claim?
 * Values are compared only where they are comparable (a year with a year, a percentage with a
 * percentage, a count of authors with a count of authors). One agreeing pair means no conflict of
 * that kind, so a sentence that also mentions unrelated dates is not flagged for them.
 */
import { extractDates, extractNumbers, isoOf, type DateValue, type NumberValue } from './values.js';
import { contentTerms, STOP_WORDS, words } from './terms.js';

/** A value the article states differently from the knowledge base. */
export interface Conflict {
  kind: 'date' | 'number' | 'name';
  /** The value as the article words it. */
  article: string;
  /** The knowledge base's value (dates in ISO form). */
  kb: string;
}

/** Two numbers agree when they differ by at most this fraction of the larger (rounding, "15.7" vs "15.70"). */
export const NUMBER_TOLERANCE = 0.005;

/** Finds the first comparable pair that disagrees, unless some comparable pair agrees. */
function clash<A, K>(article: A[], kb: K[], comparable: (a: A, k: K) => boolean, equal: (a: A, k: K) => boolean): [A, K] | null {
  let first: [A, K] | null = null;
  for (const a of article) {
    for (const k of kb) {
      if (!comparable(a, k)) continue;
      if (equal(a, k)) return null;
      first ??= [a, k];
    }
  }
  return first;
}

const PARTS = ['year', 'month', 'day'] as const;

function weekdayOf(d: DateValue): number | undefined {
  if (d.year === undefined || d.month === undefined || d.day === undefined) return d.weekday;
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** True when two dates share a known part (or one is a weekday and the other a full date). */
export function datesComparable(a: DateValue, b: DateValue): boolean {
  if (PARTS.some((p) => a[p] !== undefined && b[p] !== undefined)) return true;
  return (a.weekday !== undefined || b.weekday !== undefined) && weekdayOf(a) !== undefined && weekdayOf(b) !== undefined;
}

/** True when every part known on both sides is equal. */
export function datesEqual(a: DateValue, b: DateValue): boolean {
  if (PARTS.some((p) => a[p] !== undefined && b[p] !== undefined && a[p] !== b[p])) return false;
  const wa = weekdayOf(a);
  const wb = weekdayOf(b);
  return wa === undefined || wb === undefined || wa === wb;
}

/** True when two numbers measure the same kind of thing (same unit; counts of the same noun). */
export function numbersComparable(a: NumberValue, b: NumberValue): boolean {
  if (a.unit !== b.unit) return false;
  return a.unit !== 'count' || (a.of !== '' && a.of === b.of);
}

/** True when two numbers are equal within NUMBER_TOLERANCE. */
export function numbersEqual(a: NumberValue, b: NumberValue): boolean {
  return Math.abs(a.value - b.value) <= NUMBER_TOLERANCE * Math.max(Math.abs(a.value), Math.abs(b.value));
}

const VERBS = 'said|says|reported|reports|stated|states|noted|notes|wrote|writes|posted|posts|tweeted|tweets|published|publishes|announced|announces|found|finds|claimed|claims|argued|argues|highlighted|emphasized|explained|explains|told|co-?wrote|authored';
const RUN = /(?:\p{Lu}[\p{L}\p{N}&-]*|@\w+)(?:['’]s\b)?(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}\p{N}&-]*))*/gu;
const BEFORE_AGENT = /\b(?:according to|by|from)\s+(?:the\s+)?$/i;
const AFTER_AGENT = new RegExp(`^(?:['’]s(?:\\s+\\p{Ll}+){1,2})?,?\\s+(?:${VERBS})\\b`, 'u');
const NOT_NAMES = new Set(
  ('According AI X Twitter January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday').split(' '),
);

const isNameWord = (w: string) => !NOT_NAMES.has(w) && !STOP_WORDS.has(w.toLowerCase());

/**
 * Names of people, organisations and things in a text: runs of two or more capitalized words
 * ("Chris Olah", "Harbor Bridge"), and single capitalized words in the place of a source
 * ("according to PwC", "by Anthropic", "as Olah said", "Anthropic's account posted"). A single word that
 * opens the sentence before a verb ("Another claimed", "Critics said") is too often not a name to count.
 */
export function namesOf(text: string): string[] {
  const out = new Set<string>();
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    const run = m[0].replace(/['’]s$/, '');
    const parts = run.split(/\s+/);
    const whole = parts.length;
    while (parts.length > 0 && !isNameWord(parts[0]!)) parts.shift();
    if (parts.length === 0 || !parts.every((w) => !NOT_NAMES.has(w))) continue;
    const after = text.slice(m.index + run.length);
    const first = parts.length === whole && !/[\p{L}\p{N}]/u.test(text.slice(0, m.index));
    const agent = BEFORE_AGENT.test(text.slice(0, m.index)) || (AFTER_AGENT.test(after) && (!first || /^['’]s\b/.test(after)));
    if (parts.length >= 2 || agent) out.add(parts.join(' '));
  }
  return [...out];
}

/** True when any word (three letters or more) of the name occurs in the text's words. */
function mentions(textWords: ReadonlySet<string>, name: string): boolean {
  return words(name).some((w) => w.length >= 3 && textWords.has(w));
}

/** The checkable values of a text, extracted once and compared with many claims. */
export interface Values {
  readonly dates: DateValue[];
  readonly numbers: NumberValue[];
  readonly names: string[];
  readonly words: ReadonlySet<string>;
}

/**
 * The values of a text, each kind extracted on first use: most candidate claims of a sentence are
 * never compared, and a comparison reads only the kinds the sentence states.
 */
class TextValues implements Values {
  private d: DateValue[] | undefined;
  private n: NumberValue[] | undefined;
  private a: string[] | undefined;
  private w: ReadonlySet<string> | undefined;
  constructor(private readonly text: string) {}
  get dates(): DateValue[] {
    return (this.d ??= extractDates(this.text));
  }
  get numbers(): NumberValue[] {
    return (this.n ??= extractNumbers(this.text));
  }
  get names(): string[] {
    return (this.a ??= namesOf(this.text));
  }
  get words(): ReadonlySet<string> {
    return (this.w ??= new Set(words(this.text)));
  }
}

/** The dates, numbers and credited names of a text (each kind extracted on first use). */
export function valuesOf(text: string): Values {
  return new TextValues(text);
}

/** A name conflict: the claim credits someone, and the sentence credits someone else without naming any of them. */
function nameClash(sentence: Values, claim: Values): Conflict | null {
  if (sentence.names.length === 0 || claim.names.length === 0) return null;
  if (claim.names.some((n) => mentions(sentence.words, n))) return null;
  return { kind: 'name', article: sentence.names[0]!, kb: claim.names.join(', ') };
}

/** How much a name the sentence replaces counts as shared: names are looser slots than dates and numbers. */
export const NAME_SLOT_WEIGHT = 0.5;

/** The conflicts of a sentence with a claim, and the claim's terms that stand in the conflicting values. */
export interface Comparison {
  conflicts: Conflict[];
  /**
   * Content terms of the claim's values that the sentence states otherwise ("2025" when the sentence
   * says 2023), with the fraction of their weight that scoring counts as shared: the sentence speaks
   * of the same slot, with another value (1 for dates and numbers, NAME_SLOT_WEIGHT for names).
   */
  slots: Map<string, number>;
}

/** The claim values comparable with some article value. */
function comparableValues<A, K extends { text: string }>(article: A[], kb: K[], comparable: (a: A, k: K) => boolean): string[] {
  return kb.filter((k) => article.some((a) => comparable(a, k))).map((k) => k.text);
}

const asValues = (v: string | Values) => (typeof v === 'string' ? valuesOf(v) : v);

/**
 * Compares an article sentence with a claim's text (either as text or as extracted values): at most
 * one conflict per kind. A value the sentence leaves out is no conflict.
 */
export function compareValues(sentenceText: string | Values, claimText: string | Values): Comparison {
  const sentence = asValues(sentenceText);
  const claim = asValues(claimText);
  const conflicts: Conflict[] = [];
  const slots = new Map<string, number>();
  const fill = (texts: string[], share: number) => {
    for (const t of texts.flatMap((x) => contentTerms(x))) slots.set(t, Math.max(slots.get(t) ?? 0, share));
  };
  // a kind the sentence does not state gives no conflict, so the claim's values of that kind are not extracted
  const dates = sentence.dates.length === 0 ? null : clash(sentence.dates, claim.dates, datesComparable, datesEqual);
  if (dates) {
    conflicts.push({ kind: 'date', article: dates[0].text, kb: isoOf(dates[1]) });
    fill(comparableValues(sentence.dates, claim.dates, datesComparable), 1);
  }
  const numbers = sentence.numbers.length === 0 ? null : clash(sentence.numbers, claim.numbers, numbersComparable, numbersEqual);
  if (numbers) {
    conflicts.push({ kind: 'number', article: numbers[0].text, kb: numbers[1].text });
    fill(comparableValues(sentence.numbers, claim.numbers, numbersComparable), 1);
  }
  const name = nameClash(sentence, claim);
  if (name) {
    conflicts.push(name);
    fill([name.kb], NAME_SLOT_WEIGHT);
  }
  return { conflicts, slots };
}

/** The conflicts between an article sentence and a claim's text: at most one per kind. */
export function findConflicts(sentence: string, claim: string): Conflict[] {
  return compareValues(sentence, claim).conflicts;
}
