/**
 * Terms for matching article sentences with claims: words folded to lower case without accents,
 * stop words dropped, and a light suffix stemmer so "published", "publishes" and "publishing" meet.
 */

/** Function words that carry no content for matching. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves dont isnt wasnt arent werent doesnt didnt hasnt havent wont wouldnt shouldnt couldnt cant one ones may might ' +
    'must shall upon via per like even though yet still already well much many whose whether either neither thus hence ' +
    'according said says say saying reported reports stated states told tells wrote writes noted notes').split(' '),
);

const SUFFIXES: ReadonlyArray<[string, string]> = [
  ['ational', 'ate'], ['ization', 'ize'], ['isation', 'ize'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'],
  ['ations', 'ate'], ['ation', 'ate'], ['ments', ''], ['ment', ''], ['ingly', ''], ['edly', ''], ['ness', ''], ['ities', ''],
  ['ity', ''], ['ings', ''], ['ing', ''], ['ies', 'y'], ['ied', 'y'], ['ed', ''], ['ly', ''], ['es', ''], ['s', ''],
];

/** A light suffix-stripping stemmer; words of three letters or fewer, and numbers, are kept whole. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  for (const [suffix, replacement] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, word.length - suffix.length) + replacement;
      return base.endsWith('e') && base.length > 4 ? base.slice(0, -1) : base;
    }
  }
  return word.endsWith('e') && word.length > 3 ? word.slice(0, -1) : word;
}

const WORD = /\p{L}[\p{L}\p{N}]*(?:['’]\p{L}+)?|\p{N}+(?:[.,]\p{N}+)*/gu;

/** American spelling for common British forms: behaviour → behavior, anthropomorphise → anthropomorphize, analyse → analyze. */
export function americanize(word: string): string {
  if (word.length < 6 || !(word.includes('our') || word.includes('is') || word.includes('ys'))) return word; // what every rule needs
  return word
    .replace(/(?<=[a-z]{3})our(s|ed|ing|ite|ites|able)?$/, 'or$1')
    .replace(/(?<=[a-z]{4})is(e|es|ed|ing|ation|ations)$/, 'iz$1')
    .replace(/(?<=[a-z]{3})ys(e|es|ed|ing)$/, 'yz$1');
}

const FOLDED = new Map<string, string>();
const TERMS = new Map<string, string | null>();

/** One matched word, folded: possessive 's and apostrophes removed, American spelling (memoized). */
function fold(raw: string): string {
  let w = FOLDED.get(raw);
  if (w === undefined) {
    const bare = raw.includes("'") || raw.includes('’') ? raw.replace(/['’]s$/, '').replace(/['’]/g, '') : raw;
    w = americanize(bare);
    if (FOLDED.size < 100_000) FOLDED.set(raw, w);
  }
  return w;
}

/** The matched words of a text before `fold`: lower case, NFKD, accents stripped. */
function rawWords(text: string): string[] {
  const lower = text.toLowerCase();
  const folded = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : lower;
  return folded.match(WORD) ?? [];
}

/** The words of a text, folded (NFKD, accents stripped, lower case, American spelling), possessive 's removed. */
export function words(text: string): string[] {
  return rawWords(text).map(fold);
}

/** The content term of a folded word: null for stop words and single letters, else its stem (memoized). */
export function termOf(word: string): string | null {
  let t = TERMS.get(word);
  if (t === undefined) {
    t = STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word)) ? null : stem(word.replace(/,/g, ''));
    if (TERMS.size < 100_000) TERMS.set(word, t);
  }
  return t;
}

/** The content terms of a text: words that are not stop words, stemmed; numbers keep their digits. */
export function contentTerms(text: string): string[] {
  return contentTermsOf(words(text));
}

/** The content terms of words as `words` gives them. */
export function contentTermsOf(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    const t = termOf(w);
    if (t !== null) out.push(t);
  }
  return out;
}

/** The distinct content terms of a text, in first-seen order. */
export function termSet(text: string): string[] {
  return termSetOf(words(text));
}

/** termSet of words as `words` gives them. */
export function termSetOf(ws: readonly string[]): string[] {
  return [...new Set(contentTermsOf(ws))];
}

/** Negation cues (apostrophes removed, as `words` gives them), used to tell "did not publish" from "published". */
export const NEGATIONS: ReadonlySet<string> = new Set(
  ('not no never neither nor cannot cant isnt wasnt arent werent doesnt didnt dont hasnt havent wont ' +
    'wouldnt shouldnt couldnt deny denies denied reject rejects rejected').split(' '),
);

/** A negation cue covers at most this many content words after it ("did not publish the post": publish, post). */
export const NEGATION_WINDOW = 4;

/** The content terms in the scope of a negation cue (the NEGATION_WINDOW content words after it). */
export function negatedTerms(text: string): Set<string> {
  return negatedTermsOf(words(text));
}

/** negatedTerms of words as `words` gives them. */
export function negatedTermsOf(ws: readonly string[]): Set<string> {
  const out = new Set<string>();
  let left = 0;
  for (const w of ws) {
    if (NEGATIONS.has(w)) left = NEGATION_WINDOW;
    else if (left > 0) {
      const t = termOf(w);
      if (t !== null) {
        out.add(t);
        left--;
      }
    }
  }
  return out;
}

/** What scoring needs of one matched word: its content term (or null) and whether it is a negation cue. */
interface Token {
  term: string | null;
  negation: boolean;
}

const TOKENS = new Map<string, Token>();

/** The token of a matched word before `fold` (memoized). */
function tokenOf(raw: string): Token {
  const w = fold(raw);
  const t: Token = { term: termOf(w), negation: NEGATIONS.has(w) };
  if (TOKENS.size < 100_000) TOKENS.set(raw, t);
  return t;
}

/** A text's distinct content terms (termSet) and its negated terms (negatedTerms). */
export interface TextTerms {
  terms: string[];
  negated: ReadonlySet<string>;
}

/** The negated terms of the many texts that negate nothing (one set, never changed). */
const NO_TERMS: ReadonlySet<string> = new Set();

/**
 * termSet and negatedTerms of a text in one pass, with one memo lookup per word: what check works out
 * for every passage of every candidate claim, and for every sentence.
 */
export function textTerms(text: string): TextTerms {
  const terms = new Set<string>();
  let negated: Set<string> | null = null;
  let left = 0;
  for (const raw of rawWords(text)) {
    const t = TOKENS.get(raw) ?? tokenOf(raw);
    if (t.term !== null) terms.add(t.term);
    if (t.negation) left = NEGATION_WINDOW;
    else if (left > 0 && t.term !== null) {
      (negated ??= new Set()).add(t.term);
      left--;
    }
  }
  return { terms: [...terms], negated: negated ?? NO_TERMS };
}
