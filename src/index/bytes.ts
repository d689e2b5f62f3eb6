/**
 * A writer of UTF-8 bytes into fixed-size chunks, with cheap integers: the index has millions of
 * postings, and building a string per posting costs more than everything else.
 */

/** Chunks handed out are about this many bytes. */
const CHUNK_BYTES = 1 << 20;
const QUOTE = 0x22;
const COLON = 0x3a;
const ZERO = 0x30;
const MINUS = 0x2d;
const COMMA = 0x2c;

/** Writes the decimal digits of a whole number ≥ 0 at `at`; returns the position after them. */
function digits(buf: Buffer, at: number, n: number): number {
  if (n < 10) {
    buf[at] = ZERO + n;
    return at + 1;
  }
  let len = 1;
  for (let v = n; v >= 10; v = Math.floor(v / 10)) len++;
  let end = at + len;
  for (let v = n; v > 0; v = Math.floor(v / 10)) buf[--end] = ZERO + (v % 10);
  return at + len;
}

/** The UTF-8 bytes of `"<n>":` for every n from 0 to count - 1, packed: the keys of n's bytes are at [at[n], at[n + 1]). */
export interface NumericKeys {
  bytes: Uint8Array;
  at: Int32Array;
}

/** The keys `"0":` to `"<count - 1>":`, for writing many postings without turning numbers into digits each time. */
export function numericKeys(count: number): NumericKeys {
  const at = new Int32Array(count + 1);
  const bytes = Buffer.allocUnsafe(Math.max(1, count * (String(count).length + 3)));
  let pos = 0;
  for (let n = 0; n < count; n++) {
    at[n] = pos;
    bytes[pos++] = QUOTE;
    pos = digits(bytes, pos, n);
    bytes[pos++] = QUOTE;
    bytes[pos++] = COLON;
  }
  at[count] = pos;
  return { bytes: bytes.subarray(0, pos), at };
}

/** Bytes passed (ByteWriter.pass) from this many on are handed out without being copied. */
const PASS_BYTES = 1 << 16;
/** A posting takes at most this many bytes beyond its key: a comma and a frequency's digits. */
const VALUE_BYTES = 12;

/** Writes bytes into chunks and counts them; `offset` is the number of bytes written so far. */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  private flushed = 0;

  /** `keep`: the receiver keeps the chunks it is given (else each chunk's bytes are reused once it returns). */
  constructor(private readonly emit: (chunk: Uint8Array) => void, private readonly keep = true) {}

  /** Bytes written so far. */
  get offset(): number {
    return this.flushed + this.pos;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /** Writes a string as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Writes bytes. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes bytes that stay unchanged while the writer is used: many are handed out as they are, without copying them. */
  pass(b: Uint8Array): void {
    if (b.length < PASS_BYTES) return this.bytes(b);
    this.flush();
    this.flushed += b.length;
    this.emit(b);
  }

  /** Writes one byte. */
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Writes a whole number in decimal. */
  int(n: number): void {
    this.room(12);
    let v = n;
    if (v < 0) {
      this.buf[this.pos++] = MINUS;
      v = -v;
    }
    if (v < 10) {
      this.buf[this.pos++] = ZERO + v;
      return;
    }
    let end = this.pos + (v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : String(v).length);
    this.pos = end;
    for (; v > 0; v = Math.floor(v / 10)) this.buf[--end] = ZERO + (v % 10);
  }

  /** Writes `"<key[k]>":<value[k]>` for k from `from` to `to` - 1, separated by commas (keys from `keys`: each below its count). */
  pairs(keys: NumericKeys, key: Int32Array | Uint16Array | Uint8Array, value: Int32Array | Uint16Array | Uint8Array, from: number, to: number): void {
    const { bytes, at } = keys;
    for (let k = from; k < to; k++) {
      const start = at[key[k]!]!;
      const end = at[key[k]! + 1]!;
      if (this.pos + (end - start) + VALUE_BYTES > this.buf.length) this.room(end - start + VALUE_BYTES);
      const buf = this.buf;
      let pos = this.pos;
      if (k > from) buf[pos++] = COMMA;
      for (let i = start; i < end; i++) buf[pos++] = bytes[i]!;
      this.pos = digits(buf, pos, value[k]!);
    }
  }

  /** Writes `"n":` (a numeric key of a JSON object). */
  key(n: number): void {
    this.byte(QUOTE);
    this.int(n);
    this.byte(QUOTE);
    this.byte(COLON);
  }

  /** Hands out what is pending. */
  flush(): void {
    if (this.pos === 0) return;
    const done = this.buf.subarray(0, this.pos);
    this.flushed += this.pos;
    if (this.keep) this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, this.buf.length));
    this.pos = 0;
    this.emit(done);
  }
}
