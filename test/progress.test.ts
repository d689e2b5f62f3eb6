import { describe, expect, it } from 'vitest';
import { run as build } from '../src/cli/commands/build.js';
import type { Io } from '../src/cli/io.js';
import { progressOn, SILENT } from '../src/progress.js';
import { copyFixture } from './helpers/kb.js';

function io(errIsTty: boolean, progressDelayMs = 0) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '', errIsTty, progressDelayMs };
  return { io: value, out, err };
}

describe('progress', () => {
  it('shows nothing before the delay, then one line rewritten in place, cleared at the end', () => {
    let now = 0;
    const lines: string[] = [];
    const p = progressOn((t) => lines.push(t), { delayMs: 1000, intervalMs: 100, now: () => now });
    p.phase('reading claims', 10);
    p.tick(3);
    expect(lines).toEqual([]);
    now = 1500;
    p.tick(1);
    expect(lines).toEqual(['\rclaimkb: reading claims 4/10\u001b[K']);
    now = 1550;
    p.tick(1); // within the interval: not redrawn
    now = 1700;
    p.phase('writing outputs');
    p.done();
    expect(lines.slice(1)).toEqual(['\rclaimkb: writing outputs\u001b[K', '\r\u001b[K']);
  });

  it('SILENT shows nothing', () => {
    SILENT.phase('x', 1);
    SILENT.tick();
    SILENT.done();
  });

  it('is shown by build on a terminal, on stderr only', async () => {
    const root = copyFixture('valid');
    const t = io(true);
    expect(await build(['--root', root, '--no-cache'], t.io)).toBe(0);
    expect(t.err.join('')).toMatch(/^\rclaimkb: reading sources.*\r\u001b\[K$/s);
    expect(t.out.join('')).not.toMatch(/\r|claimkb: reading/);
  });

  it('is never shown with --json, when stderr is not a terminal, or under CI', async () => {
    const root = copyFixture('valid');
    const json = io(true);
    await build(['--root', root, '--json'], json.io);
    expect(json.err).toEqual([]);
    const pipe = io(false);
    await build(['--root', root, '--no-cache'], pipe.io);
    expect(pipe.err).toEqual([]);
    const saved = process.env.CI;
    process.env.CI = '1';
    try {
      const { processIo } = await import('../src/cli/io.js');
      expect(processIo().errIsTty).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});
