/**
 * Step 2 of check: which sentences are check-worthy. A sentence is worth checking when it states
 * something a record can confirm or contradict: a quantity, a date, an attribution, a named study or
 * organisation, a comparison or a cause. Questions, fragments, opinions and scene-setting are not.
 */
import type { Sentence } from './segment.js';
import { maskDates } from './values.js';

/**
 * Why a sentence is worth checking. Strong reasons survive opinion markers; weak ones do not.
 * `claim` is given by check itself, not by a pattern: a sentence with no other reason (and no veto)
 * is still checked when it restates a claim of the knowledge base.
 */
export type WorthyReason = 'quantity' | 'date' | 'attribution' | 'named' | 'comparison' | 'causal' | 'claim';

/** Why a sentence that has some reason is still not worth checking. */
export type Veto = 'question' | 'fragment' | 'opinion' | 'title';

/** The verdict on one sentence. */
export interface Worthiness {
  worthy: boolean;
  reasons: WorthyReason[];
  veto: Veto | null;
}

/** Fewer words than this make a fragment (a dateline, a byline, a label), never worth checking. */
export const MIN_WORDS = 4;

/** Reasons that stand even in a sentence marked as opinion. */
export const STRONG_REASONS: ReadonlySet<WorthyReason> = new Set(['quantity', 'date', 'attribution']);

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const NUMBER_WORDS = 'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|twice|double|doubled|triple|tripled|quadrupled|halved';

/** The patterns of each reason. */
export const REASON_PATTERNS: Record<Exclude<WorthyReason, 'claim'>, RegExp> = {
  quantity: new RegExp(`\\d|%|[$€£¥]|\\b(?:${NUMBER_WORDS}|percent|per cent|\\w+fold)\\b`, 'i'),
  date: new RegExp(
    `\\b(?:${MONTH})\\.?\\s+\\d|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTH})\\b|\\b(?:January|February|March|April|June|July|August|September|October|November|December)\\b|` +
      `\\b(?:1[89]|20)\\d\\d\\b|\\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b|\\b(?:yesterday|last (?:week|month|year)|this (?:week|month|year))\\b`,
    'i',
  ),
  attribution: new RegExp(
    '\\b(?:according to|as (?:reported|noted|stated|detailed|outlined|described) (?:by|in)|as per)\\b|' +
      '\\b(?:said|says|say|told|reported|stated|claimed|announced|tweeted|posted|wrote|argued|noted|found|published|released|' +
      'unveiled|proposed|suggested|showed|predicted|posited|described|outlined|detailed|highlighted|emphasi[sz]ed|acknowledged|' +
      'concluded|observed|admitted|insisted|warned|credited|attributed|co-?wrote|written by|authored|cited|recounted|called)\\b|' +
      '\\b(?:reports?|claims?|notes?|states?|finds?|shows?|suggests?|argues?|predicts?|posits?|writes?|holds?|estimates?|expects?|' +
      'recommends?|warns?|admits?|acknowledges?|concludes?|insists?|contends?|believes?|thinks?)\\s+that\\b',
    'i',
  ),
  named: /(?<=[\p{L}\p{N},;:)\]’'"”]\s+)(?!I\b)\p{Lu}[\p{L}\p{N}]|\b\p{Lu}{2,}\b|@\w/u,
  comparison: /\b(?:more|less|fewer|greater|higher|lower|larger|smaller|better|worse|faster|slower|bigger|earlier|later|older|newer)\s+than\b|\b(?:most|least|largest|biggest|fastest|first|last|outperform\w*|compared (?:to|with)|versus|unlike|exceed\w*|surpass\w*|rather than|instead of)\b/i,
  causal: /\b(?:because|due to|caused?|causes|causing|leads? to|led to|results? in|resulted in|drives?|drove|driven by|explains?|explained|therefore|as a result|thanks to|stems? from|stemmed from|produces?|produced|induces?|induced|triggers?|triggered|enables?|enabled|prevents?|prevented|improv(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|boost(?:s|ed)?|shapes?|shaped|turns? into)\b/i,
};

/** Markers of opinion and scene-setting: first-person views, hedges, evaluative words, invitations. */
export const OPINION = /\b(?:I|we) (?:think|believe|feel|felt|guess|suspect|hope|love|like|liked|enjoy|enjoyed|wonder|find|found it)\b|\bin (?:my|our) (?:view|opinion)\b|\b(?:personally|arguably|frankly|honestly|hopefully|imagine|picture this|let[’']s|let us)\b|\b(?:amazing|fascinating|exciting|delightful|wonderful|terrible|awesome|stunning|beautiful|incredible|thrilling|eerie|uncanny)\b|^(?:Picture|Imagine|Consider|Think about|Remember)\b/i;

/** True when most longer words are capitalized, as in a headline. */
export function isTitleCase(text: string): boolean {
  const long = text.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  if (long.length < 3) return false;
  return long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.6 && !/[.!]$/.test(text.trim());
}

/** The reasons found in a text, in the fixed order of REASON_PATTERNS (digits of dates and times are not quantities). */
export function reasonsOf(text: string): WorthyReason[] {
  const undated = maskDates(text);
  const all = Object.keys(REASON_PATTERNS) as Array<keyof typeof REASON_PATTERNS>;
  return all.filter((r) => REASON_PATTERNS[r].test(r === 'quantity' ? undated : text));
}

/** Decides whether a sentence is worth checking, and why. */
export function assessWorthiness(sentence: Pick<Sentence, 'text' | 'kind'>): Worthiness {
  const text = sentence.text.trim();
  const reasons = reasonsOf(text);
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  let veto: Veto | null = null;
  let kept = reasons;
  if (/\?["'”’)]*$/.test(text)) veto = 'question';
  else if (words < MIN_WORDS) veto = 'fragment';
  else if (sentence.kind === 'heading' || isTitleCase(text)) {
    kept = reasons.filter((r) => r === 'date');
    if (kept.length === 0) veto = 'title';
  } else if (OPINION.test(text)) {
    kept = reasons.filter((r) => STRONG_REASONS.has(r));
    if (kept.length === 0) veto = 'opinion';
  }
  if (veto === 'question' || veto === 'fragment') kept = [];
  return { worthy: kept.length > 0, reasons: kept, veto: kept.length > 0 ? null : veto };
}
