/**
 * Safe reading of content files: size limit, encoding checks (UTF-8 only, BOM dropped, no NUL bytes),
 * newline normalization. Bad content and unreadable files become diagnostics; nothing here throws.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LineIndex } from '../text.js';

/** The documented size limit of a content file (4 MiB). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** The decoded text of a content file, or the one diagnostic that makes it unreadable. */
export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const fail = (file: string, rule: string, message: string, at?: { line: number; column: number }): ReadResult => ({
  ok: false,
  diagnostic: diagnostic(file, rule, 'error', message, at),
});

/** Formats a byte count for messages: `812 bytes`, or `5.0 MiB (5242880 bytes)`. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB (${n} bytes)` : `${n} bytes`;
}

/** Normalizes CRLF and lone CR to LF; a line:col stays the same as an editor shows it. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Index of the first byte that does not belong to a well-formed UTF-8 sequence (the lead byte of a
 * truncated or malformed sequence), or -1 when all bytes are valid. Same rules as the WHATWG decoder.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) [need, lo, hi] = [2, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf];
    else if (b >= 0xf0 && b <= 0xf4) [need, lo, hi] = [3, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The line:col at which byte `offset` of `bytes` starts, as shown once the file is decoded. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const prefix = normalizeNewlines(new TextDecoder('utf-8').decode(bytes.subarray(0, offset)));
  return new LineIndex(prefix).position(prefix.length);
}

/** Decodes raw bytes of a content file; never throws on bad content. `maxBytes` is for tests. */
export function decodeContent(bytes: Uint8Array, file: string, maxBytes: number = MAX_FILE_BYTES): ReadResult {
  if (bytes.length > maxBytes) {
    return fail(file, 'file-too-large', `file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)}`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(file, 'file-encoding', 'UTF-16 is not supported; save the file as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = positionOfByte(bytes, nul);
    return fail(file, 'file-encoding', `binary file: NUL byte at ${at.line}:${at.column}; content files must be UTF-8 text`, at);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a UTF-8 BOM
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const at = positionOfByte(bytes, bad);
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const message = `invalid UTF-8 at ${at.line}:${at.column} (byte 0x${hex}); save the file as UTF-8`;
    return fail(file, 'file-encoding', message, at);
  }
  text = normalizeNewlines(text);
  if (text.trim() === '') {
    return fail(file, 'file-empty', text === '' ? 'file is empty' : 'file contains only whitespace');
  }
  return { ok: true, text };
}

/** Reads at most `limit + 1` bytes from the start of an open file. */
async function readAtMost(handle: FileHandle, sizeHint: number, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(Math.max(sizeHint - total, 64 * 1024), limit + 1 - total);
    if (want <= 0) break;
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buf, 0, want, total);
    if (bytesRead === 0) break;
    chunks.push(buf.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** readAtMost, synchronous: at most `limit + 1` bytes, however the file grows meanwhile. */
function readAtMostSync(fd: number, sizeHint: number, limit: number): Uint8Array {
  let buf = Buffer.allocUnsafe(Math.min(sizeHint, limit) + 1);
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      if (total > limit) break;
      const grown = Buffer.allocUnsafe(Math.min(total * 2, limit + 1));
      buf.copy(grown, 0, 0, total);
      buf = grown;
    }
    const n = readSync(fd, buf, total, buf.length - total, total);
    if (n === 0) break;
    total += n;
  }
  return buf.subarray(0, total);
}

/** The raw bytes of a content file, or the one diagnostic that makes it unreadable. */
export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostic: Diagnostic };

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'the file disappeared while the knowledge base was read',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
  EIO: 'input/output error',
};

/** A `file-unreadable` failure for an error thrown by the file system. */
function unreadable(file: string, error: unknown): BytesResult & { ok: false } {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code ? `${ERRNO_TEXT[code] ?? 'the system refused'} (${code})` : String(error);
  return { ok: false, diagnostic: diagnostic(file, 'file-unreadable', 'error', `cannot read the file: ${why}`) };
}

/** Why an opened file must not be read (not a regular file, over the limit), or null. */
function refusal(info: Stats, file: string, maxBytes: number): BytesResult & { ok: false } | null {
  if (!info.isFile()) return { ok: false, diagnostic: diagnostic(file, 'file-unreadable', 'error', 'cannot read the file: it is not a regular file') };
  if (info.size > maxBytes) {
    return { ok: false, diagnostic: diagnostic(file, 'file-too-large', 'error', `file is ${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)}`) };
  }
  return null;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads the bytes of a content file. Stats it first and refuses a file over the limit without reading
 * it; never reads more than `maxBytes + 1` bytes even if the file grows meanwhile; never blocks on a
 * FIFO. A file that cannot be read (permissions, gone, not a regular file) is a `file-unreadable` diagnostic.
 */
export async function readContentBytes(absPath: string, file: string, maxBytes: number = MAX_FILE_BYTES): Promise<BytesResult> {
  let handle: FileHandle;
  try {
    handle = await open(absPath, OPEN_FLAGS);
  } catch (error) {
    return unreadable(file, error);
  }
  try {
    const info = await handle.stat();
    return refusal(info, file, maxBytes) ?? { ok: true, bytes: await readAtMost(handle, info.size, maxBytes) };
  } catch (error) {
    return unreadable(file, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** readContentBytes, synchronous (the build's worker threads and hashing read thousands of small files). */
export function readContentBytesSync(absPath: string, file: string, maxBytes: number = MAX_FILE_BYTES): BytesResult {
  let fd: number;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (error) {
    return unreadable(file, error);
  }
  try {
    const info = fstatSync(fd);
    const refused = refusal(info, file, maxBytes);
    if (refused) return refused;
    return { ok: true, bytes: readAtMostSync(fd, info.size, maxBytes) };
  } catch (error) {
    return unreadable(file, error);
  } finally {
    closeSync(fd);
  }
}

/** Reads and decodes a content file (readContentBytes, then decodeContent); never throws on a bad or unreadable file. */
export async function readContentFile(absPath: string, file: string, maxBytes: number = MAX_FILE_BYTES): Promise<ReadResult> {
  const read = await readContentBytes(absPath, file, maxBytes);
  return read.ok ? decodeContent(read.bytes, file, maxBytes) : read;
}
