/**
 * The inline citation syntax of claim bodies: pandoc's `[@id]`, `[@a; @b]`, `[@a, p. 3]`.
 * Pure string functions, so the search path can use them without loading remark.
 */

/** Matches one bracketed citation group such as `[@a; @b, p. 3]` (it may wrap onto the next line). */
const GROUP = /\[([^\[\]]*?@[a-z0-9][^\[\]]*?)\]/g;
/** Matches one `@id` inside a group; an id is kebab-case. */
const KEY = /(^|[\s;])@([a-z0-9]+(?:-[a-z0-9]+)*)/g;

/** A citation key and its offset in the scanned text. */
export interface CitationHit {
  id: string;
  offset: number;
}

/** Finds every `@id` inside `[...]` groups of `text`, with the offset of each `@`. */
export function findCitations(text: string): CitationHit[] {
  const hits: CitationHit[] = [];
  for (const group of text.matchAll(GROUP)) {
    const inner = group[1]!;
    const base = group.index! + 1;
    for (const key of inner.matchAll(KEY)) {
      hits.push({ id: key[2]!, offset: base + key.index! + key[1]!.length });
    }
  }
  return hits;
}

const FACT_MARKERS = [
  /\d/, // numbers, years, dates, percentages
  /[“”"«»]/, // quotations
  /\b(?:said|says|say|wrote|writes|write|told|tells|according to|reported|reports|published|publishes|states|stated|claims|claimed|argues|argued|found|finds|shows|showed|described|describes|attributes|attributed|quotes|quoted|credits|credited|dated)\b/i,
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/,
];

/** True when a paragraph states facts: it has numbers, quotations, dates or attributions. */
export function statesFacts(text: string): boolean {
  return FACT_MARKERS.some((re) => re.test(text));
}
