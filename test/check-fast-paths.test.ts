import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { namesOf, valuesOf } from '../src/check/conflicts.js';
import { decide, scoreCandidates } from '../src/check/decide.js';
import { prepareKb, type CheckKb, type Passage } from '../src/check/kb.js';
import { retrieve, Scratch, tokenize } from '../src/check/retrieve.js';
import { passageScore, sentenceTerms, type SentenceTerms } from '../src/check/score.js';
import { segmentArticle } from '../src/check/segment.js';
import { negatedTerms, termSet, textTerms, words } from '../src/check/terms.js';
import { extractDates, extractNumbers } from '../src/check/values.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture, tempDir } from './helpers/kb.js';

/** Words that exercise the tokenizer: stop words, negation cues, stems, apostrophes, accents, British spellings, numbers. */
const VOCAB = [
  'The', 'not', "didn't", 'never', 'denied', 'no', 'published', 'publishing', 'behaviour', 'analysed', 'Olah’s', "team's",
  'café', 'Über', 'naïve', '2024', '15.7', '1,000', '40%', '$3', 'x2', 'a', 'I', 'it', 'data', 'models', 'U.S.', 'e.g.',
  '—', '(', ')', ';', ',', '.', '"', 'ﬁnance', 'ǅ', '٣', 'three', 'organisation', 'colours', 'rejects', 'according',
];
const text = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...VOCAB) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 30 }).map((ws) => ws.join(' '));

describe('textTerms: termSet and negatedTerms in one pass', () => {
  it('gives what termSet and negatedTerms give, for any text (property)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const once = textTerms(t);
        expect(once).toEqual({ terms: termSet(t), negated: negatedTerms(t) });
        expect(textTerms(t)).toEqual(once); // memoized words give the same answer
      }),
      fuzzParams(2000),
    );
  });
});

describe("check's copy of MiniSearch's default tokenizer", () => {
  it('splits as MiniSearch.getDefault("tokenize") does (property)', () => {
    const reference = MiniSearch.getDefault('tokenize') as (text: string) => string[];
    const piece = fc.oneof(fc.constantFrom(...VOCAB, '\n', '\r\n', '\u00a0', '\u2028', '\u3000', '¿', '«»', '-', '_', '@', '#', '&', '😀', 'ａ'), fc.string({ maxLength: 4, unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const t = parts.join('');
        expect(tokenize(t)).toEqual(reference(t));
      }),
      fuzzParams(2000),
    );
  });

  it('lets claimkb check run without loading minisearch', () => {
    const root = copyFixture('check-basic');
    const bin = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
    const env = { ...process.env, CI: '1' };
    expect(spawnSync(process.execPath, [bin, 'build', '--root', root], { encoding: 'utf8', env }).status).toBe(0);
    const file = path.join(tempDir(), 'article.md');
    writeFileSync(file, '# A plain article\n\nThe bridge opened in 2025. It cost a billion.\n');
    const hook = path.resolve(__dirname, 'helpers', 'log-imports.mjs');
    const unbundled = path.resolve(__dirname, 'helpers', 'cli-unbundled.mjs'); // dist/'s modules
    // bin/claimkb.js runs the bundle: the log shows its loader (the bundle is compiled by it) and the packages it requires.
    for (const [cli, loaded] of [[bin, /bin\/load-bundle\.cjs/], [unbundled, /check\/retrieve\.js/]] as const) {
      const log = path.join(tempDir(), 'imports.log');
      const r = spawnSync(process.execPath, ['--import', hook, cli, 'check', file, '--root', root], { encoding: 'utf8', env: { ...env, CLAIMKB_IMPORT_LOG: log } });
      expect(r.status, r.stderr).not.toBe(2);
      const text = readFileSync(log, 'utf8');
      expect(text).toMatch(loaded); // the log is written
      expect(text).not.toMatch(/node_modules\/minisearch\//);
    }
  });
});

describe('values extracted on first use', () => {
  it('are what the extractors give, whichever kind is read first (property)', () => {
    const order = fc.shuffledSubarray(['dates', 'numbers', 'names', 'words'] as const, { minLength: 4 });
    fc.assert(
      fc.property(text, order, (t, kinds) => {
        const v = valuesOf(t);
        const expected = { dates: extractDates(t), numbers: extractNumbers(t), names: namesOf(t), words: new Set(words(t)) };
        for (const k of kinds) expect(v[k]).toEqual(expected[k]);
      }),
      fuzzParams(1000),
    );
  });
});

/** passageScore as it was written before the shared weight was summed first. */
function referenceScore(sentence: SentenceTerms, passage: Passage, weight: (t: string) => number, slots: ReadonlyMap<string, number>): number {
  if (passage.terms.length < 4) return 0;
  let shared = 0;
  let total = 0;
  for (const t of passage.terms) {
    const w = weight(t);
    total += w;
    if (sentence.terms.has(t)) shared += w;
    else shared += w * (slots.get(t) ?? 0);
  }
  if (shared === 0) return 0;
  const p = shared / sentence.weight;
  const r = shared / total;
  return (5 * p * r) / (4 * p + r);
}

describe('passageScore', () => {
  it('gives exactly the single-loop score (property)', () => {
    const terms = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), { maxLength: 10 });
    const weights = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), fc.double({ min: 0.01, max: 9, noNaN: true }));
    const slots = fc.dictionary(fc.constantFrom('a', 'e', 'i', 'j'), fc.constantFrom(0, 0.5, 1));
    fc.assert(
      fc.property(terms, terms, weights, slots, (s, p, w, sl) => {
        const weight = (t: string) => w[t] ?? 0.7;
        const sentence = sentenceTerms(s, new Set(), weight);
        const passage: Passage = { kind: 'claim', text: p.join(' '), terms: p, negated: new Set() };
        const slotMap = new Map(Object.entries(sl));
        expect(passageScore(sentence, passage, weight, slotMap)).toBe(referenceScore(sentence, passage, weight, slotMap));
      }),
      fuzzParams(3000),
    );
  });
});

describe('scoreCandidates with a threshold', () => {
  let kb: CheckKb;
  const root = path.resolve(__dirname, '..');
  beforeAll(async () => {
    const result = await build({ root, out: null });
    kb = prepareKb(result.index, result.claims);
  });

  it('decides as when every candidate is compared, and scores every candidate alike', () => {
    const dir = path.join(root, 'test', 'eval', 'articles');
    const scratch = new Scratch(kb.postings.size);
    let compared = 0;
    for (const file of readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f))) {
      for (const s of segmentArticle(readFileSync(path.join(dir, file), 'utf8'), file.endsWith('.txt') ? 'text' : 'markdown')) {
        const own = textTerms(s.text);
        const terms = sentenceTerms(own.terms, own.negated, kb.weight);
        const ids = retrieve(kb.postings, s.text, scratch);
        const all = scoreCandidates(s.text, terms, ids, kb);
        for (const threshold of [0.1, 0.2, 0.33, 0.5]) {
          const lazy = scoreCandidates(s.text, terms, ids, kb, threshold);
          expect(lazy.map((m) => m.score)).toEqual(all.map((m) => m.score));
          expect(decide(lazy, threshold)).toEqual(decide(all, threshold));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(400); // the eval articles have about 150 sentences each
  });
});
