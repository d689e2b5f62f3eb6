import { mkdtemp, open, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeContent, firstInvalidUtf8, MAX_FILE_BYTES, readContentFile } from '../src/load/read.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

function failure(result: ReturnType<typeof decodeContent>) {
  if (result.ok) throw new Error(`expected a diagnostic, got text ${JSON.stringify(result.text)}`);
  return result.diagnostic;
}

describe('decodeContent', () => {
  it('decodes UTF-8 and keeps non-ASCII text', () => {
    expect(decodeContent(utf8('---\nid: café — “x”\n---\n'), 'a.md')).toEqual({ ok: true, text: '---\nid: café — “x”\n---\n' });
  });

  it('normalizes CRLF and lone CR to LF', () => {
    const r = decodeContent(utf8('---\r\nid: a\r\n---\rbody\r\n'), 'a.md');
    expect(r).toEqual({ ok: true, text: '---\nid: a\n---\nbody\n' });
  });

  it('accepts and drops a UTF-8 BOM', () => {
    expect(decodeContent(bytes([0xef, 0xbb, 0xbf], '---\nid: a\n'), 'a.md')).toEqual({ ok: true, text: '---\nid: a\n' });
  });

  it('refuses UTF-16 (both byte orders) with the documented message', () => {
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const d = failure(decodeContent(bytes(bom, [0x2d, 0, 0x2d, 0]), 'claims/x.md'));
      expect(d).toMatchObject({ file: 'claims/x.md', rule: 'file-encoding', severity: 'error', line: 1, column: 1 });
      expect(d.message).toBe('UTF-16 is not supported; save the file as UTF-8');
    }
  });

  it('refuses a NUL byte as a binary file, at its position', () => {
    const d = failure(decodeContent(bytes('ab\ncd', [0], 'e'), 'a.md'));
    expect(d).toMatchObject({ rule: 'file-encoding', line: 2, column: 3 });
    expect(d.message).toMatch(/^binary file/);
    expect(d.message).toContain('2:3');
  });

  it('names the line:col of the first invalid UTF-8 byte, counted from the valid prefix', () => {
    // Line 3, after "é€" (2 UTF-16 units, 5 bytes) and "x": column 4.
    const d = failure(decodeContent(bytes('---\r\nid: a\né€x', [0xff], 'tail'), 'a.md'));
    expect(d).toMatchObject({ rule: 'file-encoding', severity: 'error', line: 3, column: 4 });
    expect(d.message).toBe('invalid UTF-8 at 3:4 (byte 0xFF); save the file as UTF-8');
  });

  it('counts an astral character as two columns and a BOM as none', () => {
    const d = failure(decodeContent(bytes([0xef, 0xbb, 0xbf], '😀', [0xc3]), 'a.md'));
    expect(d).toMatchObject({ line: 1, column: 3 });
  });

  it('refuses empty and whitespace-only files', () => {
    expect(failure(decodeContent(new Uint8Array(), 'a.md'))).toMatchObject({ rule: 'file-empty', message: 'file is empty' });
    expect(failure(decodeContent(utf8(' \r\n\t\n'), 'a.md'))).toMatchObject({ rule: 'file-empty', message: 'file contains only whitespace' });
    expect(failure(decodeContent(bytes([0xef, 0xbb, 0xbf]), 'a.md'))).toMatchObject({ rule: 'file-empty' });
  });

  it('refuses more bytes than the limit, saying the size and the limit', () => {
    const d = failure(decodeContent(utf8('x'.repeat(11)), 'a.md', 10));
    expect(d).toMatchObject({ rule: 'file-too-large', severity: 'error', message: 'file is 11 bytes; the limit is 10 bytes' });
    expect(decodeContent(utf8('x'.repeat(10)), 'a.md', 10).ok).toBe(true);
  });

  it('uses 4 MiB as the default limit', () => {
    expect(MAX_FILE_BYTES).toBe(4 * 1024 * 1024);
    const d = failure(decodeContent(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61), 'a.md'));
    expect(d.message).toBe('file is 4.0 MiB (4194305 bytes); the limit is 4.0 MiB (4194304 bytes)');
  });
});

describe('firstInvalidUtf8', () => {
  const cases: [number[], number][] = [
    [[0x61, 0x62], -1],
    [[0xe2, 0x82, 0xac], -1], // €
    [[0xf0, 0x9f, 0x98, 0x80], -1], // 😀
    [[0x61, 0x80], 1], // lone continuation byte
    [[0xc0, 0xaf], 0], // overlong
    [[0x61, 0xe2, 0x82], 1], // truncated at the end
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0xe0, 0x80, 0x80], 0], // overlong 3-byte
  ];
  it.each(cases)('%j → %i', (input, expected) => {
    const u = Uint8Array.from(input);
    expect(firstInvalidUtf8(u)).toBe(expected);
    // Agrees with the fatal decoder on whether the input is valid.
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(u);
    } catch {
      valid = false;
    }
    expect(valid).toBe(expected === -1);
  });
});

describe('readContentFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'claimkb-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and decodes a file', async () => {
    await writeFile(path.join(dir, 'ok.md'), '\ufeff---\r\nid: a\r\n---\r\n');
    expect(await readContentFile(path.join(dir, 'ok.md'), 'claims/ok.md')).toEqual({ ok: true, text: '---\nid: a\n---\n' });
  });

  it('refuses a file over the limit from its size, without reading it', async () => {
    // A sparse 3 GiB file: reading it whole would be slow and fail (over Node's 2 GiB buffer limit).
    const big = path.join(dir, 'big.md');
    const handle = await open(big, 'w');
    await handle.truncate(3 * 1024 ** 3);
    await handle.close();
    const r = await readContentFile(big, 'sources/big.md'); // reading 3 GiB would throw ERR_FS_FILE_TOO_LARGE
    expect(r).toEqual({
      ok: false,
      diagnostic: {
        file: 'sources/big.md',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'file-too-large',
        message: 'file is 3072.0 MiB (3221225472 bytes); the limit is 4.0 MiB (4194304 bytes)',
      },
    });
  });

  it('honours a smaller limit and passes encoding problems through', async () => {
    await writeFile(path.join(dir, 'small.md'), 'x'.repeat(20));
    const r = await readContentFile(path.join(dir, 'small.md'), 'small.md', 19);
    expect(r.ok ? null : r.diagnostic.rule).toBe('file-too-large');
    await writeFile(path.join(dir, 'nul.md'), Buffer.from([0x61, 0, 0x62]));
    const n = await readContentFile(path.join(dir, 'nul.md'), 'nul.md');
    expect(n.ok ? null : n.diagnostic).toMatchObject({ rule: 'file-encoding', line: 1, column: 2 });
  });

  it('reports unusable paths as file-unreadable diagnostics, never throws', async () => {
    const missing = await readContentFile(path.join(dir, 'missing.md'), 'missing.md');
    expect(missing.ok ? null : missing.diagnostic).toMatchObject({ rule: 'file-unreadable', line: 1, column: 1 });
    expect(missing.ok ? '' : missing.diagnostic.message).toBe('cannot read the file: the file disappeared while the knowledge base was read (ENOENT)');
    await mkdir(path.join(dir, 'sub.md'));
    const folder = await readContentFile(path.join(dir, 'sub.md'), 'sub.md');
    expect(folder.ok ? '' : folder.diagnostic.message).toBe('cannot read the file: it is not a regular file');
  });
});
