import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { Rng } from '../../../test/helpers/log-generator.js';
import { Aggregates } from './aggregates.js';
import type { FileAnalyser } from './analyser.js';

// The set-up the analyse tests share: feed a text to one analyser as the engine would, a temp folder for files
// the engine reads, and a seeded random source so a failure can be replayed.

/** hands `text` to a fresh reader of the analyser line by line (no trailing empty line), then finishes it:
 *  how many lines it refused and its note */
export function readLines(analyser: FileAnalyser, path: string, text: string, into = new Aggregates()) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const reader = analyser.open(path, into);
  let bad = 0;
  for (const line of lines) if (!reader.line(line)) bad++;
  const note = reader.finish?.();
  return { into, bad, note };
}

/** readLines, once the analyser has claimed the file by its path and first line */
export function feed(analyser: FileAnalyser, path: string, text: string, into = new Aggregates()) {
  expect(analyser.accepts(path, firstLine(text))).toBe(true);
  return readLines(analyser, path, text, into);
}

/** the first line as the engine hands it to accepts() ('' for an empty file) */
export function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

/** a temp folder removed after the test file; `write` puts a file in it and returns its path */
export function tempDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name: string, data: string | Buffer): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, data);
      return file;
    },
  };
}

/** a seeded source of numbers in [0, 1) (the generator's mulberry32) */
export function random(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}
