import { mkdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeStamp, stampOf } from '../src/index/stamp.js';
import { discover } from '../src/load/discover.js';
import { copyFixture, tempDir } from './helpers/kb.js';

const CLAIM = 'claims/widget-model-published-2026.md';

describe('the staleness stamp', () => {
  it('is the same from a fresh listing as from the build’s discovery, in any order', async () => {
    const root = copyFixture('valid');
    const { files } = await discover(root);
    expect(files.length).toBe(6);
    expect(computeStamp(root)).toBe(stampOf(files));
    expect(stampOf([...files].reverse())).toBe(stampOf(files));
    expect(computeStamp(root)).toBe(computeStamp(root));
  });

  it('changes when a content file is edited (even to the same size), added, removed or renamed', () => {
    const root = copyFixture('valid');
    const abs = path.join(root, CLAIM);
    const seen = new Set([computeStamp(root)]);
    const expectNew = (what: string) => {
      const stamp = computeStamp(root);
      expect(seen.has(stamp), what).toBe(false);
      seen.add(stamp);
    };
    const { atime, mtime } = statSync(abs);
    utimesSync(abs, atime, new Date(mtime.getTime() + 1500)); // same size and bytes, another modification time
    expectNew('touched');
    writeFileSync(abs, 'x'.repeat(statSync(abs).size)); // same size, new bytes, now
    expectNew('rewritten');
    writeFileSync(path.join(root, 'claims', 'new.md'), '---\n');
    expectNew('added');
    renameSync(path.join(root, 'claims', 'new.md'), path.join(root, 'claims', 'renamed.md'));
    expectNew('renamed');
    mkdirSync(path.join(root, 'claims', 'sub'));
    renameSync(path.join(root, 'claims', 'renamed.md'), path.join(root, 'claims', 'sub', 'renamed.md'));
    expectNew('moved into a sub-folder');
    rmSync(path.join(root, 'sources', 'lab-report.md'));
    expectNew('removed');
  });

  it('ignores what discovery does not load: dotfiles, other extensions, dot-folders', () => {
    const root = copyFixture('valid');
    const before = computeStamp(root);
    writeFileSync(path.join(root, 'claims', '.draft.md'), 'x');
    writeFileSync(path.join(root, 'claims', 'notes.txt'), 'x');
    mkdirSync(path.join(root, 'sources', '.git'));
    writeFileSync(path.join(root, 'sources', '.git', 'x.md'), 'x');
    writeFileSync(path.join(root, 'README.md'), 'x');
    expect(computeStamp(root)).toBe(before);
  });

  it('follows a symbolic link to a content file, so an edit of its target counts', () => {
    const root = copyFixture('valid');
    symlinkSync(path.join(root, CLAIM), path.join(root, 'claims', 'link.md'));
    const before = computeStamp(root);
    const { atime, mtime } = statSync(path.join(root, CLAIM));
    utimesSync(path.join(root, CLAIM), atime, new Date(mtime.getTime() + 1500));
    const after = computeStamp(root);
    expect(after).not.toBe(before);
    rmSync(path.join(root, CLAIM)); // the link now leads nowhere: still listed, as gone
    const dangling = computeStamp(root);
    expect(new Set([before, after, dangling]).size).toBe(3);
  });
  it('enters a folder that a link inside the root leads to (once, even when links loop), and none outside the root', () => {
    const root = copyFixture('valid');
    mkdirSync(path.join(root, 'shared'));
    writeFileSync(path.join(root, 'shared', 'y.md'), 'y');
    symlinkSync(path.join(root, 'shared'), path.join(root, 'claims', 'ext'));
    symlinkSync(path.join(root, 'claims'), path.join(root, 'shared', 'back')); // a loop: claims/ext/back is claims/
    const outside = tempDir();
    writeFileSync(path.join(outside, 'z.md'), 'z');
    symlinkSync(outside, path.join(root, 'sources', 'elsewhere'));
    const before = computeStamp(root);
    const touch = (file: string) => {
      const { atime, mtime } = statSync(file);
      utimesSync(file, atime, new Date(mtime.getTime() + 1500));
    };
    touch(path.join(outside, 'z.md'));
    expect(computeStamp(root)).toBe(before);
    touch(path.join(root, 'shared', 'y.md'));
    expect(computeStamp(root)).not.toBe(before);
  });
});
