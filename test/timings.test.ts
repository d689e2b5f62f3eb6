import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTimings } from '../src/timings.js';
import { copyFixture } from './helpers/kb.js';

const BIN = path.resolve(__dirname, '..', 'bin', 'claimkb.js');
const build = (root: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [BIN, 'build', '--root', root], { encoding: 'utf8', env: { ...process.env, CI: '1', CLAIMKB_TIMINGS: '', ...env } });

/** The step labels of printed timings, checking that each line is a whole number of ms, a count of page faults and a label. */
function labelsOf(stderr: string): string[] {
  return stderr.split('\n').slice(1, -1).map((line) => {
    expect(line).toMatch(/^ {0,6}\d+ {1,7}\d+ {2}\S/);
    return line.replace(/^ *\d+ +\d+ {2}/, '');
  });
}

describe('step timings (CLAIMKB_TIMINGS)', () => {
  it('formats each step (time and page faults) from the end of the one before, and the totals', () => {
    expect(formatTimings([['one', 12.4, 300], ['two', 40, 1234]])).toBe(
      'claimkb: step timings (ms, wall clock, from the start of the process; minor page faults)\n     12     300  one\n     28     934  two\n     40    1234  total\n',
    );
  });

  it('are printed on stderr by a build only when asked for, and change nothing else', () => {
    const root = copyFixture('valid');
    const plain = build(root, {});
    expect([plain.status, plain.stderr]).toEqual([0, '']);
    const timed = build(root, { CLAIMKB_TIMINGS: '1' });
    expect(timed.status).toBe(0);
    expect(timed.stdout).toBe(plain.stdout);
    const labels = labelsOf(timed.stderr);
    // a rebuild with nothing changed stops after the no-change check
    expect(labels).toEqual(['start: Node, the command and its modules', 'discovery: list and lstat the content files', 'staleness stamp, files.json, changed files', 'checking whether anything changed', 'exit', 'total']);
    const file = path.join(root, 'claims', 'widget-model-published-2026.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(claim: .*)\.$/m, '$1, as edited.'));
    const edited = build(root, { CLAIMKB_TIMINGS: '1' });
    expect(edited.status).toBe(0);
    expect(labelsOf(edited.stderr).slice(4)).toEqual([
      'loading the rest of the build', 'opening the build cache', 'sources: parsed or taken from the cache', 'claims: parsed and resolved, or taken from the cache',
      'sources, report, cross-file checks, content hash', 'sorting the index postings', 'writing the outputs', "check's cache", 'saving the build cache', 'exit', 'total',
    ]);
  });

  it('are printed by search and check too', () => {
    const root = copyFixture('check-basic');
    expect(build(root, {}).status).toBe(0);
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--root', root], { encoding: 'utf8', env: { ...process.env, CI: '1', CLAIMKB_TIMINGS: '1' } });
    expect(labelsOf(run(['search', 'bridge']).stderr)).toEqual(['start: Node, the command and its modules', 'staleness check: stat the content files', 'opening the index map and searching', 'exit', 'total']);
    expect(labelsOf(run(['check', path.join(root, 'article.md')]).stderr)).toEqual([
      'start: Node, the command and its modules', 'staleness check: stat the content files', "reading check's cache", 'checking the article', 'exit', 'total',
    ]);
  });
});
