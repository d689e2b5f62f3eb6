import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { fuzzParams } from './helpers/fuzz.js';
import matter from 'gray-matter';
import { afterEach, describe, expect, it } from 'vitest';
import { FRONTMATTER_LIMITS, parseFrontmatter, positionOf, runGrayMatter } from '../src/load/frontmatter.js';
import { decodeContent } from '../src/load/read.js';
import { parse, pos, where } from './helpers/frontmatter.js';


const CLAIM = `---
id: blog-dates-research-to-2024
claim: The persona selection model research was published in 2024.
verdict: refuted
flags: [wrong-date]
appearances:
  - source: blockchain-news-blog
    quote: "In 2024, Anthropic published"
evidence:
  - source: anthropic-psm-summary
    quote: "Feb 23, 2026"
    stance: refutes
    note: The post's own dateline.
  - source: anthropic-psm-full-post
    stance: supports
    quote: >-
      The persona selection model
      was published
published: 2026-02-23
number: 012345
---
The blog dates the research to 2024 [@blockchain-news-blog].
`;

describe('parseFrontmatter: valid claim', () => {
  it('parses data with YAML 1.2 core semantics (dates stay strings)', () => {
    const fm = parse(CLAIM);
    expect(fm.diagnostics).toEqual([]);
    expect(fm.data).toMatchObject({
      id: 'blog-dates-research-to-2024',
      verdict: 'refuted',
      flags: ['wrong-date'],
      evidence: [
        { source: 'anthropic-psm-summary', quote: 'Feb 23, 2026', stance: 'refutes', note: "The post's own dateline." },
        { source: 'anthropic-psm-full-post', stance: 'supports', quote: 'The persona selection model was published' },
      ],
      published: '2026-02-23',
      number: 12345,
    });
    expect(fm.body).toBe('The blog dates the research to 2024 [@blockchain-news-blog].\n');
    expect(fm.bodyStart).toEqual({ line: 22, column: 1 });
  });

  it('records the exact position of every nested value and key', () => {
    const fm = parse(CLAIM);
    expect(pos(fm.positions.get('evidence.1.quote'))).toBe('16:12');
    expect(pos(fm.keyPositions.get('evidence.1.quote'))).toBe('16:5');
    expect(pos(fm.positions.get('evidence.0.quote'))).toBe('11:12');
    expect(pos(fm.positions.get('evidence.1'))).toBe('14:5');
    expect(pos(fm.positions.get('appearances.0.quote'))).toBe('8:12');
    expect(pos(fm.positions.get('flags.0'))).toBe('5:9');
    expect(pos(fm.positions.get('id'))).toBe('2:5');
    expect(pos(fm.keyPositions.get('verdict'))).toBe('4:1');
  });

  it('positionOf falls back to the deepest known prefix', () => {
    const fm = parse(CLAIM);
    expect(positionOf(fm, ['evidence', 1, 'quote'])).toEqual({ line: 16, column: 12 });
    expect(positionOf(fm, ['evidence', 1, 'note'])).toEqual({ line: 14, column: 5 });
    expect(positionOf(fm, ['evidence', 7, 'stance'])).toEqual({ line: 10, column: 3 });
    expect(positionOf(fm, ['topics'])).toEqual({ line: 2, column: 1 });
  });

  it('gives the same positions for CRLF input decoded by decodeContent, and drops a BOM', () => {
    const crlf = '\ufeff' + CLAIM.replace(/\n/g, '\r\n');
    const decoded = decodeContent(new TextEncoder().encode(crlf), 'claims/x.md');
    if (!decoded.ok) throw new Error(decoded.diagnostic.message);
    const fm = parse(decoded.text);
    expect(fm.diagnostics).toEqual([]);
    expect(pos(fm.positions.get('evidence.1.quote'))).toBe('16:12');
    expect(fm.bodyStart).toEqual({ line: 22, column: 1 });
    // parseFrontmatter also copes with raw CRLF text and a BOM by itself.
    expect(pos(parse(crlf).positions.get('evidence.1.quote'))).toBe('16:12');
  });

  it('points an empty value at its key and accepts trailing spaces on delimiter lines', () => {
    const fm = parse('---  \nid: a\nnotes:\n--- \nbody');
    expect(fm.data).toEqual({ id: 'a', notes: null });
    expect(pos(fm.positions.get('notes'))).toBe('3:1');
    expect(fm.body).toBe('body');
    expect(fm.bodyStart).toEqual({ line: 5, column: 1 });
  });

  it('resolves a harmless alias', () => {
    expect(parse('---\na: &x hello\nb: *x\n---\n').data).toEqual({ a: 'hello', b: 'hello' });
  });
});

describe('parseFrontmatter: delimiters', () => {
  it('frontmatter-missing: the file does not start with ---', () => {
    const fm = parse('id: a\n---\nbody\n');
    expect(where(fm)).toEqual(['1:1 frontmatter-missing']);
    expect(fm.data).toBeNull();
    expect(fm.body).toBe('id: a\n---\nbody\n');
    expect(where(parse('----\nid: a\n---\n'))).toEqual(['1:1 frontmatter-missing']);
  });

  it('frontmatter-unclosed: no closing line; the body does not vanish in silence, it is pointed at', () => {
    const fm = parse('---\nid: a\nclaim: b\n\nSome body text\n');
    expect(where(fm)).toEqual(['5:1 frontmatter-unclosed']);
    expect(fm.diagnostics[0]!.message).toContain("the body seems to start on this line; add a '---' line before it");
    expect(fm.diagnostics[0]!.message).toContain('the body is not checked');
    expect([fm.data, fm.body]).toEqual([null, '']);
    // Lines that YAML may hold (keys, list items, indented text, comments, blank lines) are skipped.
    expect(where(parse('---\nid: a\nlist:\n  - x\n# note\n\n"q": 1\n- y\n\nBody [@src].\n'))).toEqual(['10:1 frontmatter-unclosed']);
    // With nothing that looks like a body, it is reported at the opening line.
    const bare = parse('---\nid: a\nclaim: b\n');
    expect(where(bare)).toEqual(['1:1 frontmatter-unclosed']);
    expect(bare.diagnostics[0]!.message).toContain('no body was checked');
    expect(where(parse('---'))).toEqual(['1:1 frontmatter-unclosed']);
  });

  it('frontmatter-unclosed: a closing line that is not exactly ---', () => {
    const fm = parse('---\nid: a\n----\nbody');
    expect(where(fm)).toEqual(['3:1 frontmatter-unclosed']);
    expect(fm.diagnostics[0]!.message).toBe("the frontmatter's closing line must be exactly '---'; found '----'");
    expect([fm.data, fm.body]).toEqual([null, 'body']);
  });

  it('frontmatter-too-large: a frontmatter over the limit is not parsed', () => {
    const fm = parse(`---\nnotes: ${'x'.repeat(FRONTMATTER_LIMITS.maxChars)}\n---\nbody`);
    expect(where(fm)).toEqual(['1:1 frontmatter-too-large']);
    expect(fm.body).toBe('body');
  });

  it('stays linear on many blank lines (gray-matter alone is quadratic there)', () => {
    const started = Date.now();
    const fm = parse(`---\na: 1${'\n'.repeat(300_000)}---\nbody`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(where(fm)).toEqual(['1:1 frontmatter-too-large']);
  });

  it('bypasses gray-matter’s content-keyed cache', () => {
    const before = Object.keys((matter as unknown as { cache: object }).cache).length;
    parse('---\nid: cache-probe\n---\n');
    expect(Object.keys((matter as unknown as { cache: object }).cache).length).toBe(before);
  });
});

describe('parseFrontmatter: engines are refused and never run', () => {
  const marker = path.join(tmpdir(), `claimkb-pwned-${randomUUID()}`);
  const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`;
  afterEach(() => rmSync(marker, { force: true }));

  it('the payload is live: gray-matter with its default engines runs it', () => {
    matter(`---js\n${payload}\n---\n`, {});
    expect(existsSync(marker)).toBe(true);
  });

  it.each(['---js', '---javascript', '---JS', '--- js', '---coffee', '---toml', '---constructor', '---__proto__', '---yaml', '---foo  '])(
    '%s → frontmatter-engine at the opening line',
    (opening) => {
      const fm = parse(`${opening}\n${payload}\n---\nbody\n`);
      expect(where(fm)).toEqual(['1:1 frontmatter-engine']);
      expect(fm.diagnostics[0]!.message).toBe(`only YAML frontmatter is accepted; found '${opening.trimEnd()}' (it is never run)`);
      expect(fm.data).toBeNull();
      expect(existsSync(marker)).toBe(false);
    },
  );

  it.each(['---js', '---javascript', '---JS', '--- js', '---coffee', '---toml', '---constructor', '---__proto__'])(
    'the gray-matter code path refuses %s by itself',
    (opening) => {
      const result = runGrayMatter(`${opening}\n${payload}\n---\nbody\n`);
      expect(result).toEqual({ refused: expect.any(String) });
      expect(existsSync(marker)).toBe(false);
    },
  );

  it('the gray-matter code path splits plain YAML frontmatter', () => {
    expect(runGrayMatter('---\nid: a\n---\nbody')).toEqual({ matterEnd: 9 });
    expect(runGrayMatter('---\nid: a\n')).toEqual({ matterEnd: 10 });
  });
});

describe('parseFrontmatter: the top level must be a mapping', () => {
  it.each([
    ['---\n---\nbody', '1:1', 'frontmatter is empty; expected a mapping of fields'],
    ['---\n# only a comment\n---\nbody', '1:1', 'frontmatter is empty; expected a mapping of fields'],
    ['---\njust a sentence\n---\n', '2:1', 'frontmatter must be a mapping of fields (key: value lines); found a string'],
    ['---\n- a\n- b\n---\n', '2:1', 'frontmatter must be a mapping of fields (key: value lines); found a list'],
    ['---\nnull\n---\n', '2:1', 'frontmatter must be a mapping of fields (key: value lines); found null'],
  ])('%j', (text, at, message) => {
    const fm = parse(text);
    expect(where(fm)).toEqual([`${at} frontmatter-not-object`]);
    expect(fm.diagnostics[0]!.message).toBe(message);
    expect(fm.data).toBeNull();
  });
});

describe('parseFrontmatter: no prototype pollution', () => {
  it('refuses __proto__ at the top level and leaves Object.prototype alone', () => {
    const fm = parse('---\nid: a\n__proto__: {polluted: 1}\n---\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(where(fm)).toEqual(['3:1 frontmatter-key']);
    expect(fm.data).toEqual({ id: 'a' });
    expect(Object.getPrototypeOf(fm.data)).toBe(Object.prototype);
    expect(Object.hasOwn(fm.data!, '__proto__')).toBe(false);
  });

  it('refuses nested, quoted and aliased forms too', () => {
    const text = '---\na:\n  b:\n    __proto__:\n      polluted: 1\nc: {"__proto__": {polluted: 1}}\nd: &p {polluted: 1}\nconstructor: {prototype: *p}\n---\n';
    const fm = parse(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(where(fm)).toEqual(['4:5 frontmatter-key', '6:5 frontmatter-key', '8:1 frontmatter-key']);
    expect(fm.data).toEqual({ a: { b: {} }, c: {}, d: { polluted: 1 } });
    const a = (fm.data as { a: { b: object } }).a;
    expect(Object.getPrototypeOf(a.b)).toBe(Object.prototype);
  });

  it('keeps ordinary keys that shadow Object.prototype methods as own data', () => {
    const fm = parse('---\ntoString: x\nhasOwnProperty: y\n---\n');
    expect(Object.getOwnPropertyDescriptor(fm.data, 'toString')).toMatchObject({ value: 'x', enumerable: true });
    expect(where(fm)).toEqual([]);
  });

  it('refuses keys that are not plain text', () => {
    expect(where(parse('---\n? [a]\n: x\n---\n'))).toEqual(['2:3 frontmatter-key']);
  });
});

describe('parseFrontmatter never throws', () => {
  it('on arbitrary YAML-ish text', () => {
    const alphabet = fc.constantFrom(...'ab:- \n\t[]{}"\'&*!#|>?,.%@`\\~0\ufeff\r'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), fc.boolean(), (chars, opened) => {
        parse((opened ? '---\n' : '') + chars.join('') + (opened ? '\n---\nbody' : ''));
      }),
      fuzzParams(1500),
    );
  });
});
