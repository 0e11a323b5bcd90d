import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { Aggregates } from './aggregates.js';
import type { FileAnalyser } from './analyser.js';
import { analysers as defaultAnalysers } from './analysers.js';
import { buildResults } from './build-results.js';
import { formatBytes, Guard, StopError } from './guard.js';
import { LineSplitter } from './lines.js';
import { type BundleFile, type BundleResults, defaultLimits, type Limits, type Progress } from './results.js';
import { neutralisePaxNul } from './tar-nul.js';

// The bundle reader: one pass over the uploaded file, never whole in memory. It sniffs what the file is (gzip,
// tar, zip, plain text) by its bytes, not its name; unpacks tar entries one after the other (tar-stream) and
// gunzips again where an entry is gzip (rotated logs: .gz, svlogd's @….s); splits lines from Buffers; hands each
// file to the first analyser that claims it. Hostile input is expected: entry names that climb out (`..`,
// absolute, NUL, over-long) are refused one by one, links and devices are not followed, and the caps on size,
// inflated bytes, inflate ratio, entries and time stop the run with what was read so far and a note.

export interface AnalyseOptions {
  /** the uploaded file's name (tells a single log's kind; `.gz` is removed) */
  filename: string;
  limits?: Partial<Limits>;
  onProgress?(p: Progress): void;
  signal?: AbortSignal;
  /** rows per table in the results (default 50) */
  topN?: number;
  /** the analysers to ask, in order (default: analysers.ts) */
  analysers?: FileAnalyser[];
}

const MAX_NAME_BYTES = 1024;
// tar inside the upload's tar is opened (a bundle re-packed with other files), no deeper
const MAX_TAR_DEPTH = 1;
const MAX_FILES_LISTED = 2_000;
const READ_CHUNK = 256 * 1024;

export async function analyseFile(file: string, options: AnalyseOptions): Promise<BundleResults> {
  const limits = { ...defaultLimits, ...options.limits };
  const size = (await stat(file)).size;
  const run = new Run(limits, size, options);
  return run.execute(file);
}

/** why a tar entry name is refused, or its normalised path */
export function checkEntryName(name: string): { path: string } | { refused: string } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) return { refused: 'refused: the name contains a NUL or control character' };
  if (Buffer.byteLength(name) > MAX_NAME_BYTES)
    return { refused: `refused: the name is longer than ${MAX_NAME_BYTES} bytes` };
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
    return { refused: 'refused: an absolute path' };
  }
  const parts = name.split(/[\\/]+/);
  if (parts.includes('..')) return { refused: 'refused: the path climbs out of the archive (..)' };
  const normal = path.posix.normalize(parts.join('/')).replace(/^(\.\/)+/, '');
  if (normal === '.' || normal === '') return { refused: 'refused: an empty name' };
  return { path: normal.replace(/\/$/, '') };
}

/** a name safe to show: control characters escaped, cut */
function displayName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  const s = name.replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** an async iterable with look-ahead: peek at the first bytes, then read everything, peeked bytes included */
class Source implements AsyncIterable<Buffer> {
  private readonly pending: Buffer[] = [];
  private buffered = 0;
  private readonly it: AsyncIterator<Buffer>;
  private ended = false;

  constructor(iterable: AsyncIterable<Buffer>) {
    this.it = iterable[Symbol.asyncIterator]();
  }

  /** at least n bytes (fewer at the end), without consuming them */
  async peek(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.more())) {}
    return this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
  }

  /** bytes up to the first newline (or max bytes, or the end) */
  async peekLine(max: number): Promise<Buffer> {
    let searched = 0;
    for (;;) {
      for (let i = searched; i < this.pending.length; i++)
        if ((this.pending[i] as Buffer).includes(10)) return this.head();
      searched = this.pending.length;
      if (this.buffered >= max || !(await this.more())) return this.head();
    }
  }

  private head(): Buffer {
    return Buffer.concat(this.pending);
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.pending.push(r.value);
    this.buffered += r.value.length;
    return true;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    let finished = false;
    try {
      while (this.pending.length) yield this.pending.shift() as Buffer;
      this.buffered = 0;
      for (;;) {
        if (this.ended) break;
        const r = await this.it.next();
        if (r.done) break;
        yield r.value;
      }
      finished = true;
    } finally {
      if (!finished) await this.it.return?.();
    }
  }
}

type Note = (note: string) => void;
type TarEntry = AsyncIterable<Buffer> & { header: tar.Header };

class Run {
  readonly into = new Aggregates();
  readonly files: BundleFile[] = [];
  readonly notes: string[] = [];
  private readonly guard: Guard;
  private readonly analysers: FileAnalyser[];
  private readonly ready = new Set<FileAnalyser>();
  private unlisted = 0;
  private lines = 0;
  private readonly started = Date.now();

  constructor(
    readonly limits: Limits,
    readonly size: number,
    readonly options: AnalyseOptions,
  ) {
    this.guard = new Guard(limits, size, options.onProgress, options.signal);
    this.analysers = options.analysers ?? defaultAnalysers;
  }

  async execute(file: string): Promise<BundleResults> {
    const name = displayName(path.basename(this.options.filename || file));
    if (this.size > this.limits.maxInputBytes) {
      this.notes.push(
        `refused: the file is ${formatBytes(this.size)}, more than the ${formatBytes(this.limits.maxInputBytes)} limit`,
      );
      this.addFile({ path: name, kind: 'refused', bytes: this.size, lines: 0, badLines: 0, note: 'too big' });
      return this.results();
    }
    const guard = this.guard;
    async function* counted(): AsyncGenerator<Buffer> {
      const input = createReadStream(file, { highWaterMark: READ_CHUNK });
      try {
        for await (const chunk of input) {
          guard.read((chunk as Buffer).length);
          yield chunk as Buffer;
        }
      } finally {
        input.destroy();
      }
    }
    try {
      this.guard.check();
      await this.readStream(name, counted(), 0, (note) => this.notes.push(note));
    } catch (err) {
      if (!(err instanceof StopError)) throw err;
      this.notes.push(err.message);
    }
    this.guard.progress(true);
    return this.results();
  }

  private results(): BundleResults {
    if (this.unlisted > 0) this.notes.push(`${this.unlisted} more files were read but are not listed`);
    return buildResults(this.into, {
      files: this.files,
      notes: this.notes,
      topN: this.options.topN ?? 50,
      stats: {
        bytesRead: this.guard.compressedRead,
        inflatedBytes: this.guard.inflated,
        lines: this.lines,
        ms: Date.now() - this.started,
      },
    });
  }

  private addFile(file: BundleFile): void {
    if (this.files.length < MAX_FILES_LISTED) this.files.push(file);
    else this.unlisted++;
  }

  /** any stream: a zip is refused, gzip is inflated, a tar is unpacked, anything else is read as lines */
  private async readStream(name: string, chunks: AsyncIterable<Buffer>, depth: number, note: Note): Promise<void> {
    const source = new Source(chunks);
    const head = await source.peek(4);
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) {
      const why =
        'refused: a zip archive — zip is not read (gitlab:db:sos writes one); unzip it and upload the files, or a tar.gz';
      this.addFile({ path: name, kind: 'refused', bytes: 0, lines: 0, badLines: 0, note: why });
      if (depth === 0) this.notes.push(why);
      await this.drain(source);
      return;
    }
    let body = source;
    let matchName = name;
    if (head[0] === 0x1f && head[1] === 0x8b) {
      body = new Source(this.gunzip(source, note));
      matchName = name.replace(/\.gz$/i, '').replace(/\.tgz$/i, '.tar');
    }
    const start = await body.peek(265);
    if (isTar(start)) {
      if (depth <= MAX_TAR_DEPTH) return this.readTar(body, depth, depth === 0 ? '' : `${name}/`);
      this.addFile({
        path: name,
        kind: 'skipped',
        bytes: 0,
        lines: 0,
        badLines: 0,
        note: 'not read: an archive nested too deep',
      });
      return this.drain(body);
    }
    return this.readLines(name, matchName, body);
  }

  /** gunzips, counting the inflated bytes; a truncated or damaged stream keeps what came out before, with a note */
  private async *gunzip(source: AsyncIterable<Buffer>, note: Note): AsyncGenerator<Buffer> {
    const z = zlib.createGunzip({ chunkSize: 128 * 1024 });
    pipeline(Readable.from(source), z, () => {});
    try {
      for await (const out of z) {
        this.guard.inflate((out as Buffer).length);
        yield out as Buffer;
      }
    } catch (err) {
      if (err instanceof StopError || this.guard.stopped) throw err;
      const code = (err as { code?: string }).code;
      if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(String((err as Error).message))) {
        note('the gzip data ends early (a truncated upload?): what was read before the end is analysed');
      } else {
        note(
          `the gzip data is damaged (${(err as Error).message}): what was read before is analysed; ` +
            'a file sent by FTP in text mode looks like this',
        );
      }
    }
  }

  private async readTar(source: AsyncIterable<Buffer>, depth: number, prefix: string): Promise<void> {
    const extract = tar.extract();
    const feed = (async () => {
      try {
        for await (const chunk of neutralisePaxNul(source)) {
          if (extract.destroyed) break;
          if (!extract.write(chunk)) {
            await new Promise<void>((resolve) => {
              const done = () => {
                extract.off('drain', done);
                extract.off('close', done);
                resolve();
              };
              extract.on('drain', done);
              extract.on('close', done);
            });
          }
        }
        if (!extract.destroyed) extract.end(() => {});
      } catch (err) {
        extract.destroy(err as Error);
      }
    })();
    try {
      for await (const entry of extract) {
        await this.entry(entry as unknown as TarEntry, depth, prefix);
      }
    } catch (err) {
      if (err instanceof StopError || this.guard.stopped) throw err;
      this.notes.push(
        `the archive ends early or is damaged (${(err as Error).message}): the entries before are analysed`,
      );
    } finally {
      if (!extract.destroyed) extract.destroy();
      await feed;
    }
  }

  private async entry(entry: TarEntry, depth: number, prefix: string): Promise<void> {
    const header = entry.header;
    this.guard.entry();
    if (header.type === 'directory') return this.drain(entry);
    const checked = checkEntryName(header.name);
    if ('refused' in checked) {
      this.addFile({
        path: prefix + displayName(header.name),
        kind: 'refused',
        bytes: header.size ?? 0,
        lines: 0,
        badLines: 0,
        note: checked.refused,
      });
      return this.drain(entry);
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      this.addFile({
        path: prefix + checked.path,
        kind: 'skipped',
        bytes: 0,
        lines: 0,
        badLines: 0,
        note: `not read: a ${header.type ?? 'special'} entry (only regular files are read)`,
      });
      return this.drain(entry);
    }
    const name = prefix + checked.path;
    this.guard.current = name;
    const notes: string[] = [];
    const before = this.files.length;
    await this.readStream(name, this.whole(entry), depth + 1, (n) => notes.push(n));
    if (notes.length) {
      const file = this.files.slice(before).find((f) => f.path === name);
      if (file) file.note = [file.note, ...notes].filter(Boolean).join('; ');
      else this.notes.push(...notes.map((n) => `${name}: ${n}`));
    }
  }

  /** an entry's chunks; leaving early drains the rest (destroying an entry would end the whole tar), unless the
   *  run is stopping */
  private async *whole(entry: TarEntry): AsyncGenerator<Buffer> {
    let finished = false;
    try {
      for await (const chunk of entry) yield chunk as Buffer;
      finished = true;
    } finally {
      if (!finished && !this.guard.stopped) for await (const _ of entry) this.guard.check();
    }
  }

  private async drain(chunks: AsyncIterable<unknown>): Promise<void> {
    for await (const _ of chunks) this.guard.check();
  }

  /** a file's lines to the first analyser that claims it (by matchName: the name without .gz, and its first line) */
  private async readLines(name: string, matchName: string, source: Source): Promise<void> {
    const file: BundleFile = { path: name, kind: 'skipped', bytes: 0, lines: 0, badLines: 0 };
    this.addFile(file);
    const first = await source.peekLine(this.limits.maxLineBytes);
    const nl = first.indexOf(10);
    const firstLine = first.toString('utf8', 0, Math.min(nl < 0 ? first.length : nl, this.limits.maxLineBytes));
    const analyser = this.analysers.find((a) => a.accepts(matchName, firstLine.replace(/\r$/, '')));
    if (!analyser) {
      for await (const chunk of source) {
        file.bytes += chunk.length;
        this.guard.check();
      }
      return;
    }
    if (!this.ready.has(analyser)) {
      await analyser.init?.();
      this.ready.add(analyser);
    }
    file.kind = analyser.kind;
    const reader = analyser.open(matchName, this.into);
    let bad = 0;
    const splitter = new LineSplitter(this.limits.maxLineBytes, (line) => {
      if (!reader.line(line)) bad++;
    });
    try {
      for await (const chunk of source) {
        file.bytes += chunk.length;
        this.guard.check();
        splitter.push(chunk);
      }
      splitter.end();
    } catch (err) {
      if (err instanceof StopError || this.guard.stopped) throw err;
      // an analyser's bug ends its file, not the bundle
      file.note = `could not be read to the end: ${(err as Error).message}`;
      for await (const chunk of source) file.bytes += chunk.length;
    } finally {
      file.lines = splitter.lines + splitter.cut;
      file.badLines = bad + splitter.cut;
      this.lines += file.lines;
      const note = reader.finish?.();
      if (note) file.note = note;
      if (splitter.cut > 0) {
        const cut = `${splitter.cut} lines longer than ${formatBytes(this.limits.maxLineBytes)} were cut and counted bad`;
        file.note = file.note ? `${file.note}; ${cut}` : cut;
      }
    }
  }
}

function isTar(head: Buffer): boolean {
  return head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar';
}

export type { BundleResults, Limits, Progress } from './results.js';
