import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter, type Frontmatter } from '../src/load/frontmatter.js';
import { simpleFrontmatter } from '../src/load/simple-frontmatter.js';
import { LineIndex } from '../src/text.js';
import { fuzzParams } from './helpers/fuzz.js';

const simple = (text: string) => simpleFrontmatter(text, new LineIndex(text));
const comparable = (fm: Frontmatter) => ({
  data: fm.data,
  body: fm.body,
  bodyStart: fm.bodyStart,
  positions: [...fm.positions].sort(),
  keyPositions: [...fm.keyPositions].sort(),
  diagnostics: fm.diagnostics,
});

describe('simple frontmatter without yaml', () => {
  it('gives the data and positions of the general parser, for every input it accepts (property)', () => {
    const special = fc.constantFrom('"', '\\', '#', ':', ',', '[', ']', '\u00a0', '\u2028', '\u0085', '\t', '\ufeff', '😀', 'é', '&', '*', '!', "'", "''", '(', '-', '%', '@', '|', '>', ' ');
    const chars = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('a', 'Z', 'é', ' ') }, { weight: 1, arbitrary: special });
    const text = fc.array(chars, { maxLength: 8 }).map((cs) => cs.join(''));
    const quoted = text.map((t) => `"${t}"`);
    const single = fc.oneof(text.map((t) => `'${t}'`), fc.constantFrom("'it''s'", "''''", "'a''''b'"));
    const plain = fc.tuple(fc.constantFrom('A', 'note', 'x', 'T'), text).map(([a, b]) => a + b);
    const odds = fc.constantFrom('true', 'True', 'null', 'NULL', 'false', '2024', '2026-02-23', 'A', 'x y', '-a', 'a-', '~', '');
    const word = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('supported', 'claim-1', 'yes', 'a-b', 'a1b') }, { weight: 1, arbitrary: odds });
    const item = fc.oneof(word, quoted);
    const list = fc.tuple(fc.array(item, { maxLength: 4 }), fc.constantFrom(', ', ', ', ',', ' ,')).map(([xs, sep]) => `[${xs.join(sep)}]`);
    const value = fc.oneof({ weight: 3, arbitrary: word }, { weight: 3, arbitrary: quoted }, { weight: 2, arbitrary: single }, { weight: 3, arbitrary: plain }, { weight: 2, arbitrary: list });
    const key = fc.constantFrom('id', 'claim', 'flags', 'evidence', 'source', 'quote', 'note', 'stance', 'topics', 'related', 'title', 'constructor', 'a1', 'B', 'x-y');
    const sep = fc.oneof({ weight: 15, arbitrary: fc.constant(': ') }, { weight: 1, arbitrary: fc.constantFrom(':', ':  ', ' : ') });
    const pairs = fc.uniqueArray(fc.tuple(key, sep, value), { selector: ([k]) => k, minLength: 1, maxLength: 4 });
    const inline = fc.tuple(sep, value).map(([sp, v]) => (k: string) => [`${k}${sp}${v}`]);
    const block = fc.array(pairs, { minLength: 1, maxLength: 3 }).map((items) => (k: string) => [
      `${k}:`,
      ...items.flatMap((ps) => ps.map(([ik, sp, iv], j) => `${j === 0 ? '  - ' : '    '}${ik}${sp}${iv}`)),
    ]);
    const entries = fc.uniqueArray(fc.tuple(key, fc.oneof({ weight: 3, arbitrary: inline }, { weight: 1, arbitrary: block })), { selector: ([k]) => k, maxLength: 8 });
    const odd = fc.constantFrom('', ' ', '# note', '   - a', '  -x: y', '---x', '  more text', '     more: text', 'id: again', '    stance: supports');
    const lines = fc.tuple(entries, fc.array(fc.tuple(fc.nat(), odd), { maxLength: 1 })).map(([es, extra]) => {
      const out = es.flatMap(([k, render]) => render(k));
      for (const [at, l] of extra) out.splice(at % (out.length + 1), 0, l);
      return out;
    });
    const close = fc.oneof({ weight: 10, arbitrary: fc.constant('---') }, { weight: 1, arbitrary: fc.constantFrom('--- ', '----') });
    let accepted = 0;
    fc.assert(
      fc.property(lines, close, (ls, c) => {
        const text = `---\n${ls.join('\n')}\n${c}\nBody [@a].\n`;
        const fast = simple(text);
        if (fast === null) return;
        accepted++;
        expect(comparable(fast)).toEqual(comparable(parseFrontmatter(text, 'x.md')));
      }),
      fuzzParams(3000),
    );
    expect(accepted).toBeGreaterThan(200); // the property is not vacuous
  });

  it('reads most of this repository’s files, exactly as the general parser does', () => {
    const root = path.resolve(__dirname, '..');
    const files = ['claims', 'sources'].flatMap((d) => readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)));
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = simple(text);
      if (fast === null) continue;
      accepted++;
      expect(comparable(fast)).toEqual(comparable(parseFrontmatter(text, 'x.md')));
    }
    expect(accepted).toBeGreaterThan(files.length * 0.8);
  });

  it('leaves other forms to the general parser', () => {
    for (const text of ['---\nid: a # c\n---\n', '---\nid: 2024\n---\n', '---\nid: "a\\"b"\n---\n', '---\nid: a\nid: b\n---\n', '---\n---\n', '---\nid: a\n', '---js\nid: a\n---\n']) {
      expect(simple(text)).toBeNull();
    }
  });
});
