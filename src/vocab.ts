/**
 * Controlled vocabularies of claimkb: verdicts, flags, source kinds, reliability, stances.
 * Each value carries its one-line meaning; the README's tables are written from these.
 */

/** A claim's verdict, its meaning, and its mappings to ClaimReview and AVeriTeC. */
export interface VerdictInfo {
  /** What the verdict asserts about the claim. */
  meaning: string;
  /** The ClaimReview `reviewRating` we publish for it (alternateName, ratingValue on a 1–5 scale). */
  claimReview: { alternateName: string; ratingValue: number };
  /** The closest AVeriTeC label. */
  averitec: 'Supported' | 'Refuted' | 'Conflicting Evidence/Cherrypicking' | 'Not Enough Evidence';
}

/** The verdicts a claim can carry. */
export const VERDICTS = {
  supported: {
    meaning: 'The claim is true as stated: reliable evidence supports it and none refutes it.',
    claimReview: { alternateName: 'True', ratingValue: 5 },
    averitec: 'Supported',
  },
  misleading: {
    meaning: 'Partly true, or true words that leave a false impression (missing context, cherry-picking, distortion).',
    claimReview: { alternateName: 'Misleading', ratingValue: 2 },
    averitec: 'Conflicting Evidence/Cherrypicking',
  },
  refuted: {
    meaning: 'The claim is false: the evidence contradicts it.',
    claimReview: { alternateName: 'False', ratingValue: 1 },
    averitec: 'Refuted',
  },
  unverified: {
    meaning: 'The corpus holds no evidence either way; the claim may be true but nothing here shows it.',
    claimReview: { alternateName: 'Unproven', ratingValue: 3 },
    averitec: 'Not Enough Evidence',
  },
} as const satisfies Record<string, VerdictInfo>;

/** A verdict name. */
export type Verdict = keyof typeof VERDICTS;
/** All verdict names, sorted. */
export const VERDICT_NAMES = Object.keys(VERDICTS).sort() as Verdict[];

/**
 * Flags mark why a claim is dubious, in the spirit of Wikidata's reasons for a deprecated rank.
 * A claim with at least one flag is dubious.
 */
export const FLAGS = {
  'fabricated-statistic': 'A figure presented as fact that no source produced; it appears to have been invented.',
  'unverifiable-statistic': 'A figure given without a traceable source, which nothing in the corpus confirms or refutes.',
  'misattributed-figure': 'A real or invented figure credited to a person, organisation or study that did not produce it.',
  misattribution: 'Words, findings or positions credited to someone who did not say or hold them.',
  'wrong-date': 'A date, year or time that contradicts the record.',
  mischaracterization: 'A real statement or finding described so as to change its meaning.',
  misquote: 'Quoted words that differ from what the quoted party actually said.',
  'internal-contradiction': 'The text contradicts itself on this point.',
  'unsupported-claim': 'Something asserted as fact (often about an organisation’s plans or results) with no source at all.',
  'opinion-as-fact': 'A personal view or reaction reported as though it were an established fact.',
} as const satisfies Record<string, string>;

/** A flag name. */
export type Flag = keyof typeof FLAGS;
/** All flag names, sorted. */
export const FLAG_NAMES = Object.keys(FLAGS).sort() as Flag[];

/** Kinds of source document. */
export const SOURCE_KINDS = {
  primary: 'Written by the people whose work or words the claims are about.',
  news: 'A news outlet’s report.',
  blog: 'A blog or content-marketing post.',
  aggregator: 'A page that collects links, headlines or posts from elsewhere.',
  transcript: 'A transcript of spoken words.',
  social: 'A social-media post.',
  other: 'Anything else.',
} as const satisfies Record<string, string>;

/** A source kind. */
export type SourceKind = keyof typeof SOURCE_KINDS;

/** Reliability ratings of a source; `low` needs a reason. */
export const RELIABILITY = {
  high: 'Primary or carefully sourced; trusted for facts within its competence.',
  medium: 'Generally accurate but secondary, paraphrased or unedited; corroborate important facts.',
  low: 'Known errors, fabrications or no sourcing; never enough on its own.',
} as const satisfies Record<string, string>;

/** A reliability rating. */
export type Reliability = keyof typeof RELIABILITY;

/** Stances an evidence item takes towards its claim. */
export const STANCES = {
  supports: 'The quoted passage shows the claim is true.',
  refutes: 'The quoted passage shows the claim is false.',
  context: 'The passage is relevant background but neither proves nor disproves the claim.',
} as const satisfies Record<string, string>;

/** An evidence stance. */
export type Stance = keyof typeof STANCES;
