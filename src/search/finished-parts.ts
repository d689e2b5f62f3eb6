/**
 * A finished index built in memory (index/builder.ts) as the parts a partial load reads (partial.ts):
 * the same values index.json would give for them, so that a search over it ranks as one over the
 * index.json rendered from it, without rendering the whole index and loading it into MiniSearch.
 */
import type { FinishedIndex, IndexDoc } from '../index/builder.js';
import { FIELDS } from '../index/terms.js';
import { averageFieldLengths, FIELD_IDS } from '../index/render.js';
import type { IndexParts, Postings } from './partial.js';

const F = FIELDS.length;

/** A document's stored fields, parsed. */
const storedOf = (d: IndexDoc) => JSON.parse(typeof d.stored === 'string' ? d.stored : Buffer.from(d.stored).toString('utf8')) as Record<string, unknown>;

/** An object with a key per document short id, for the documents `value` gives something for. */
function byShortId<T>(docs: readonly IndexDoc[], value: (d: IndexDoc) => T | null): Record<string, T> {
  const out: Record<string, T> = {};
  docs.forEach((d, short) => {
    const v = value(d);
    if (v !== null) out[short] = v;
  });
  return out;
}

/** The parts of `fin` (see the module comment). */
export function finishedParts(fin: FinishedIndex): IndexParts {
  const words = Array.from(fin.order, (id) => fin.words[id]!);
  return {
    words,
    documentCount: fin.docs.length,
    fieldIds: { ...FIELD_IDS },
    averageFieldLength: averageFieldLengths(fin.docs),
    postings: (rank) => {
      const out: Postings = {};
      for (let f = 0; f < F; f++) {
        const from = fin.start[rank * F + f]!;
        const to = fin.start[rank * F + f + 1]!;
        if (from === to) continue;
        const field: Record<string, number> = {};
        for (let k = from; k < to; k++) field[fin.doc[k]!] = fin.freq[k]!;
        out[f] = field;
      }
      return out;
    },
    documentIds: () => byShortId(fin.docs, (d) => d.id),
    fieldLength: () => byShortId(fin.docs, (d) => (d.lengths.some((l) => l !== null) ? [...d.lengths] : null)),
    storedFields: () => byShortId(fin.docs, storedOf),
    stored: (short) => storedOf(fin.docs[short]!),
  };
}
