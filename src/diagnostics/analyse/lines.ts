// Splits a stream of Buffers into lines without ever building one big string: each line is decoded on its own
// (fast for short lines, and no chunk-sized string kept alive by a slice). A line longer than maxLineBytes is
// dropped up to its newline and counted as cut. A trailing \r (CRLF files) is removed.

export class LineSplitter {
  /** lines handed on */
  lines = 0;
  /** lines longer than the cap, dropped */
  cut = 0;
  private carry: Buffer | undefined;
  private skipping = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: string) => void,
  ) {}

  push(chunk: Buffer): void {
    let p = 0;
    const n = chunk.length;
    if (this.carry || this.skipping) {
      const q = chunk.indexOf(10);
      if (q < 0) {
        if (this.skipping) return;
        const carry = this.carry as Buffer;
        if (carry.length + n > this.maxLineBytes) this.startSkipping();
        else this.carry = Buffer.concat([carry, chunk]);
        return;
      }
      if (this.skipping) this.skipping = false;
      else {
        const carry = this.carry as Buffer;
        this.carry = undefined;
        if (carry.length + q > this.maxLineBytes) this.cut++;
        else this.emit(Buffer.concat([carry, chunk.subarray(0, q)]), 0, carry.length + q);
      }
      p = q + 1;
    }
    const max = this.maxLineBytes;
    for (;;) {
      const q = chunk.indexOf(10, p);
      if (q < 0) break;
      if (q - p > max) this.cut++;
      else this.emit(chunk, p, q);
      p = q + 1;
    }
    if (p < n) {
      if (n - p > max) this.startSkipping();
      // a copy: the rest of the chunk would otherwise keep the whole chunk alive
      else this.carry = Buffer.from(chunk.subarray(p));
    }
  }

  /** the end of the file: a last line without its newline */
  end(): void {
    if (this.carry) {
      const carry = this.carry;
      this.carry = undefined;
      this.emit(carry, 0, carry.length);
    }
    this.skipping = false;
  }

  private startSkipping(): void {
    this.carry = undefined;
    this.skipping = true;
    this.cut++;
  }

  private emit(buf: Buffer, start: number, end: number): void {
    const e = end > start && buf[end - 1] === 13 ? end - 1 : end;
    this.lines++;
    this.onLine(buf.toString('utf8', start, e));
  }
}
