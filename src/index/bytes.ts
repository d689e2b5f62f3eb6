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

/** Writes bytes into chunks and counts them; `offset` is the number of bytes written so far. */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  private flushed = 0;

  constructor(private readonly emit: (chunk: Uint8Array) => void) {}

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

  /** Writes `"n":` (a numeric key of a JSON object). */
  key(n: number): void {
    this.byte(QUOTE);
    this.int(n);
    this.byte(QUOTE);
    this.byte(COLON);
  }

  /** Hands out what is pending (the caller may keep it: the writer goes on in a new buffer). */
  flush(): void {
    if (this.pos === 0) return;
    const done = this.buf.subarray(0, this.pos);
    this.flushed += this.pos;
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, this.buf.length - this.pos));
    this.pos = 0;
    this.emit(done);
  }
}
