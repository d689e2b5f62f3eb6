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

  /** Writes `"key":value` for two whole numbers (a posting: document and frequency), in one go. */
  pair(key: number, value: number): void {
    this.room(26);
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    this.pos = digits(buf, this.pos, key);
    buf[this.pos++] = QUOTE;
    buf[this.pos++] = COLON;
    this.pos = digits(buf, this.pos, value);
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
