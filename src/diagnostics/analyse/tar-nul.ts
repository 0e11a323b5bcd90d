// tar-stream refuses a whole archive when a pax header's path holds a NUL byte ("Invalid tar header"), which
// would let one hostile entry hide every entry after it. This pass-through follows the tar's block structure
// (512-byte headers, data rounded up to 512) and turns NUL bytes inside pax records into 0x01, so tar-stream
// reads on and the engine refuses that one entry for its control character. Nothing else is changed.

const BLOCK = 512;

function octal(header: Buffer, offset: number, length: number): number {
  // GNU base-256 for sizes of 8 GB and more: the high bit of the first byte set
  if ((header[offset] as number) & 0x80) {
    let n = (header[offset] as number) & 0x7f;
    for (let i = offset + 1; i < offset + length; i++) n = n * 256 + (header[i] as number);
    return n;
  }
  const text = header
    .toString('latin1', offset, offset + length)
    .replace(/[\0 ]+$/g, '')
    .trim();
  const n = Number.parseInt(text || '0', 8);
  return Number.isFinite(n) ? n : 0;
}

export async function* neutralisePaxNul(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const header = Buffer.alloc(BLOCK);
  let headerLength = 0;
  // bytes left in the current entry's data (padding included), and of them, pax record bytes
  let dataLeft = 0;
  let paxLeft = 0;
  for await (const chunk of source) {
    let p = 0;
    while (p < chunk.length) {
      if (dataLeft > 0) {
        const take = Math.min(dataLeft, chunk.length - p);
        if (paxLeft > 0) {
          const end = p + Math.min(take, paxLeft);
          for (let i = chunk.indexOf(0, p); i >= 0 && i < end; i = chunk.indexOf(0, i + 1)) chunk[i] = 1;
          paxLeft -= Math.min(take, paxLeft);
        }
        dataLeft -= take;
        p += take;
        continue;
      }
      const take = Math.min(BLOCK - headerLength, chunk.length - p);
      chunk.copy(header, headerLength, p, p + take);
      headerLength += take;
      p += take;
      if (headerLength < BLOCK) continue;
      headerLength = 0;
      const size = octal(header, 124, 12);
      const type = String.fromCharCode(header[156] as number);
      dataLeft = Math.ceil(size / BLOCK) * BLOCK;
      paxLeft = type === 'x' || type === 'g' ? size : 0;
    }
    yield chunk;
  }
}
