import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleBlocks, maskFrontmatter, markdownBlocks } from '../src/check/blocks.js';
import { plainArticleBlocks } from '../src/check/plain-article.js';
import { fuzzParams } from './helpers/fuzz.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const HOOK = path.resolve(__dirname, 'helpers', 'log-imports.mjs');
/** The CLI from dist/'s modules, not the bundle: which of claimkb's modules load is what is checked. */
const UNBUNDLED = path.resolve(__dirname, 'helpers', 'cli-unbundled.mjs');

describe('articles of plain paragraphs and headings, read without remark', () => {
  it('gives the blocks remark gives, for every article it accepts (property)', () => {
    const words = ['Widget', 'said', '2024', 'the', 'é', '1.', '12)', '@b', '#', '##', '#x', '*em*', '_u_', '`c`', '[a](u)', '<b>', '&amp;', '\\*', '===', '---', '>', '-', '+', 'C#', '“q”', '!', '|', '~'];
    const indent = fc.constantFrom('', ' ', '  ', '    ', '\t');
    const tail = fc.constantFrom('', '', '', ' ', '  ', '\t', '\r', ' #');
    const any = fc.tuple(indent, fc.array(fc.constantFrom(...words), { maxLength: 6 }), tail).map(([i, ws, t]) => i + ws.join(' ') + t);
    const prose = fc.tuple(fc.constantFrom('Widget', 'said', '2024', 'é', 'Über', '@b'), fc.array(fc.constantFrom(...words.slice(0, 6)), { maxLength: 6 })).map(([w, ws]) => [w, ...ws].join(' '));
    const heading = fc.tuple(fc.constantFrom('#', '##', '######', '#######'), fc.constantFrom(' ', '  ', ''), fc.constantFrom('Title', 'C# now', 'Ends #', 'x')).map(([h, s, t]) => h + s + t);
    const line = fc.oneof({ weight: 8, arbitrary: prose }, { weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: heading }, { weight: 1, arbitrary: any });
    const frontmatter = fc.constantFrom('', '---\ntitle: x\n---\n');
    let accepted = 0;
    fc.assert(
      fc.property(frontmatter, fc.array(line, { maxLength: 12 }), (front, lines) => {
        const source = front + lines.join('\n');
        const plain = plainArticleBlocks(maskFrontmatter(source));
        if (plain !== null && plain.length > 0) accepted++;
        if (plain !== null) expect(plain).toEqual(markdownBlocks(source));
      }),
      fuzzParams(2000),
    );
    expect(accepted).toBeGreaterThan(100); // the property is not vacuous
  });

  it('leaves to remark whatever may be markdown syntax', () => {
    const cases = [
      'A *word*.',
      'A [link](u).',
      'Text\n1. item',
      'Text\n  indented',
      'Trailing space \nnext',
      'Windows\r\nline',
      'A &amp; B',
      'A <b>bold</b>',
      '# Title #',
      '#  Two spaces',
      'Title\n=====',
      '@first',
      '- item',
      '> quote',
    ];
    for (const source of cases) expect(plainArticleBlocks(source), JSON.stringify(source)).toBeNull();
    const plain = '# The model\n\nFirst line\nsecond line @name.\n\n## Then\nMore text, 2024.';
    expect(plainArticleBlocks(plain)).toEqual(markdownBlocks(plain));
    expect(plainArticleBlocks(plain)!.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'The model'],
      ['paragraph', 'First line\nsecond line @name.'],
      ['heading', 'Then'],
      ['paragraph', 'More text, 2024.'],
    ]);
    expect(articleBlocks('A *word*.', 'markdown')).toEqual(markdownBlocks('A *word*.'));
  });

  it('claimkb check loads remark only for an article that needs it, and never search\'s code, zod or yaml', () => {
    const root = copyFixture('check-basic');
    expect(spawnSync(process.execPath, [BIN, 'build', '--root', root], { encoding: 'utf8', env: { ...process.env, CI: '1' } }).status).toBe(0);
    const loaded = (article: string) => {
      const file = path.join(tempDir(), 'article.md');
      writeFileSync(file, article);
      const log = path.join(tempDir(), 'imports.log');
      const r = spawnSync(process.execPath, ['--import', HOOK, UNBUNDLED, 'check', file, '--root', root], { encoding: 'utf8', env: { ...process.env, CI: '1', CLAIMKB_IMPORT_LOG: log } });
      expect(r.status, r.stderr).not.toBe(2);
      const text = readFileSync(log, 'utf8');
      expect(text).toMatch(/check\/check\.js/); // the log is written
      expect(text).not.toMatch(/search\/(?:open|mapped|search)\.js|index\/index-file\.js|node_modules\/(?:zod|yaml)\//); // nor search's code, zod or YAML
      return /remark-parse|micromark/.test(text);
    };
    expect(loaded('# A plain article\n\nThe bridge opened in 2025. It cost a billion.\n')).toBe(false);
    expect(loaded('# A plain article\n\nThe bridge *opened* in 2025.\n')).toBe(true);
  });
});
