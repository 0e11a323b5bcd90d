import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLog } from '../../../test/helpers/log-generator.js';
import { analyseInWorker } from './analyse-in-worker.js';
import type { Progress } from './results.js';
import { tempDir } from './test-support.js';

const { dir, write } = tempDir('pf-worker-');

describe('analyseInWorker', () => {
  it('analyses in a worker thread and reports progress up to the whole file', async () => {
    const { text, truth } = generateLog('production_json', 30_000, 81);
    const file = write('production_json.log', text);
    const progress: Progress[] = [];
    const results = await analyseInWorker(file, {
      filename: 'production_json.log',
      onProgress: (p) => progress.push(p),
    });
    expect(results.files[0]).toMatchObject({ kind: 'production_json', lines: truth.lines });
    expect(results.endpoints.reduce((s, e) => s + e.count, 0)).toBe(truth.lines);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ bytesRead: truth.bytes, totalBytes: truth.bytes });
    const reads = progress.map((p) => p.bytesRead);
    expect(reads).toEqual([...reads].sort((a, b) => a - b));
  }, 60_000);

  it('rejects with the reason when the file is missing, when aborted, and when the worker dies', async () => {
    await expect(analyseInWorker(path.join(dir, 'nope.log'), { filename: 'nope.log' })).rejects.toThrow(/ENOENT/);

    const file = write('gitaly.log', generateLog('gitaly', 100, 82).text);
    const controller = new AbortController();
    const aborted = analyseInWorker(file, { filename: 'gitaly.log', signal: controller.signal });
    controller.abort(new Error('the ticket was deleted'));
    await expect(aborted).rejects.toThrow('the ticket was deleted');

    // a heap too small for the engine: the worker is terminated and the promise says why
    await expect(analyseInWorker(file, { filename: 'gitaly.log', maxOldGenerationSizeMb: 1 })).rejects.toThrow(
      /the analysis worker died/,
    );
  }, 60_000);
});
