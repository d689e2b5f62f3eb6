/**
 * Deterministic synthetic text for the benchmark: a seeded PRNG, a vocabulary of several thousand
 * words drawn with a Zipf-like distribution, proper names, numbers and dates, and sentences built from them.
 */

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** One element of a list. */
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    /** True with probability p. */
    chance: (p) => next() < p,
  };
}

/** The most frequent English words: the head of the Zipf distribution. */
const COMMON = `the of and to a in that is was for on it with as he be by at this had not are but from or have an they which
one you were her all she there would their we him been has when who will more no if out so said what up its about into than
them can only other new some could time these two may then do first any my now such like our over man me even most made after
also did many before must through back years where much your way well down should because each just those people how too little
state good very make world still own see men work long get here between both life being under never day same another know while
last might us great old year off come since against go came right used take three states himself few house use during without
again place american around however home small found thought went say part once general high upon school every does got united
left number course war until always away something fact though water less public put think almost hand enough far took head yet
government system better set told nothing night end why called didn find going look asked later knew point next program city
business give group toward young days let room president side social given present several order national possible rather second
face per among form important often things looked early white case john become large big need four within felt along children saw
best church ever least power development light thing seemed family interest want members others mind country area done`.split(/\s+/);

const ONSETS = ['b', 'br', 'c', 'ch', 'cl', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'ee'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'nd', 'st', 'rk', 'nt', 'ck', 'm', 'x'];
const SUFFIXES = ['', '', '', 'ing', 'ed', 'tion', 'ity', 'al', 'er', 'ment', 'ness', 'ic', 'ous', 'ive', 'ly'];

function pseudoWord(r) {
  const syllables = r.int(1, 3);
  let w = '';
  for (let i = 0; i < syllables; i++) w += r.pick(ONSETS) + r.pick(VOWELS) + (i === syllables - 1 ? r.pick(CODAS) : '');
  return w + r.pick(SUFFIXES);
}

/** Builds `size` distinct words (common English first), and a Zipf sampler over them (rank r has weight 1/(r+2.7)). */
export function vocabulary(size, seed) {
  const r = rng(seed);
  const words = [...new Set(COMMON)];
  const seen = new Set(words);
  while (words.length < size) {
    const w = pseudoWord(r);
    if (w.length >= 3 && !seen.has(w)) seen.add(w), words.push(w);
  }
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cumulative[i] = total += 1 / (i + 1 + 2.7);
  /** Draws one word index with the Zipf-like weights. */
  const draw = (rand) => {
    const x = rand.next() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  return { words, draw };
}

/** Proper names (people, organisations, places): capitalized pseudo-words. */
export function properNames(count, seed) {
  const r = rng(seed);
  const out = new Set();
  while (out.size < count) {
    const w = pseudoWord(r);
    out.add(w[0].toUpperCase() + w.slice(1));
  }
  return [...out];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A token that is not a vocabulary word: a number, a percentage, a year, a date, or a name. */
function special(r, names) {
  switch (r.int(0, 5)) {
    case 0: return String(r.int(2, 980));
    case 1: return `${r.int(1, 99)} percent`;
    case 2: return String(r.int(1990, 2026));
    case 3: return `${r.int(1, 28)} ${r.pick(MONTHS)} ${r.int(2000, 2026)}`;
    case 4: return `${r.pick(names)} ${r.pick(names)}`;
    default: return r.pick(names);
  }
}

/** Makes a sentence generator over a vocabulary and names. */
export function sentences(vocab, names) {
  /** One sentence of `min`..`max` words, capitalized, ending with a period; words[] is returned too. */
  return (r, min = 8, max = 24) => {
    const n = r.int(min, max);
    const words = [];
    for (let i = 0; i < n; i++) {
      if (r.chance(0.05)) words.push(...special(r, names).split(' '));
      else words.push(vocab.draw(r));
      if (i > 2 && i < n - 2 && r.chance(0.06)) words[words.length - 1] += ',';
    }
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `${words.join(' ')}.`;
  };
}

/** Wraps a paragraph at about `width` characters, as captured texts often are. */
export function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) lines.push(line), (line = word);
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
