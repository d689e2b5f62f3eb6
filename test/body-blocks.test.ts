import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { remarkBlocks } from '../src/validate/body.js';
import { findCitations, statesFacts } from '../src/validate/citations.js';
import { plainParagraphs } from '../src/validate/plain-blocks.js';
import { fuzzParams } from './helpers/fuzz.js';

/** What a body's blocks lead to: per block, its kind, start, citations and whether it states facts. */
function outcome(body: string, blocks: ReturnType<typeof remarkBlocks>) {
  return blocks.map((b) => {
    const raw = body.slice(b.start, b.end);
    return { type: b.type, start: b.start, cites: findCitations(raw).map((h) => [h.id, b.start + h.offset]), facts: statesFacts(raw) };
  });
}

describe('plain paragraphs without remark', () => {
  it('finds the paragraphs remark finds, for every body it accepts (property)', () => {
    const words = ['Widget', 'said', '2024', 'the', '1.', '12)', '[@lab-report]', '[@a;', '@b]', '@c', '[@a; @b, p. 3]', '`[@code]`', '*', '-', '#', '>', '<div>', '===', '---', '[x]: /u', '“quoted”', 'é', '\\', '|', '~~~', '```'];
    const indent = fc.constantFrom('', ' ', '  ', '    ', '\t');
    const any = fc.tuple(indent, fc.array(fc.constantFrom(...words), { maxLength: 6 })).map(([i, ws]) => i + ws.join(' '));
    const prose = fc.tuple(fc.constantFrom('Widget', 'said', '2024', 'é', '[@a]', '@b];'), fc.array(fc.constantFrom(...words), { maxLength: 6 })).map(([w, ws]) => [w, ...ws].join(' '));
    const line = fc.oneof({ weight: 8, arbitrary: prose }, { weight: 2, arbitrary: fc.constant('') }, { weight: 1, arbitrary: any });
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const body = lines.join('\n');
        const plain = plainParagraphs(body);
        if (plain !== null && plain.length > 0) accepted++;
        if (plain !== null) expect(outcome(body, plain)).toEqual(outcome(body, remarkBlocks(body)));
      }),
      fuzzParams(2000),
    );
    expect(accepted).toBeGreaterThan(100); // the property is not vacuous
  });

  it('accepts the prose bodies of this repository and of the generated benchmark claims, with the same analysis', () => {
    const root = path.resolve(__dirname, '..', 'claims');
    const bodies = readdirSync(root).map((f) => readFileSync(path.join(root, f), 'utf8').split(/^---$/m).slice(2).join('---'));
    const generated = 'Hirawa gragh the of, bledant [@source-00001]\n[@source-00002; @source-00003] and 2024 said.\n\nSecond paragraph 41 percent.';
    let accepted = 0;
    for (const body of [...bodies, generated]) {
      const plain = plainParagraphs(body);
      if (plain === null) continue;
      accepted++;
      expect(outcome(body, plain)).toEqual(outcome(body, remarkBlocks(body)));
    }
    expect(plainParagraphs(generated)).not.toBeNull();
    expect(accepted).toBeGreaterThan(bodies.length / 2);
  });

  it('leaves anything but plain paragraphs to remark', () => {
    for (const body of ['# Heading', 'Text\n===', 'Text\n- item', '1. first', '> quote', '    code', '[ref]: /url', 'Text\n\n```\ncode\n```', 'a\n<div>']) {
      expect(plainParagraphs(body)).toBeNull();
    }
    expect(plainParagraphs('One line.\n\nTwo\nlines [@x].\n')).toEqual([
      { type: 'paragraph', start: 0, end: 9 },
      { type: 'paragraph', start: 11, end: 26 },
    ]);
  });
});
