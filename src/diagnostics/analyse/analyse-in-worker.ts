import { Worker } from 'node:worker_threads';
import type { AnalyseOptions } from './engine.js';
import type { BundleResults, Progress } from './results.js';

// The analysis in a worker thread, so a multi-GB bundle neither blocks the desk's event loop nor can take its
// memory: resourceLimits cap the worker's heap (a worker that hits it is terminated, and so is the promise:
// rejected with the reason). Progress comes back as messages. Run from TypeScript sources (tests, tsx) the
// worker registers tsx itself; built, it loads the compiled analyse-worker.js beside this file.

export interface WorkerOptions extends Omit<AnalyseOptions, 'analysers'> {
  /** the worker's heap cap (default 256 MB) */
  maxOldGenerationSizeMb?: number;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; results: BundleResults }
  | { type: 'error'; message: string; name: string };

export interface WorkerInput {
  path: string;
  options: Omit<WorkerOptions, 'onProgress' | 'signal'>;
}

export function analyseInWorker(path: string, options: WorkerOptions): Promise<BundleResults> {
  const { onProgress, signal, maxOldGenerationSizeMb = 256, ...rest } = options;
  const workerData: WorkerInput = { path, options: rest };
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './analyse-worker.ts' : './analyse-worker.js', import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 32 };
  const worker = fromSource
    ? new Worker(
        `const { workerData } = require('node:worker_threads');
         import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`,
        {
          eval: true,
          workerData: { ...workerData, tsx: import.meta.resolve('tsx/esm/api'), entry: entry.href },
          resourceLimits,
        },
      )
    : new Worker(entry, { workerData, resourceLimits });

  return new Promise<BundleResults>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      settle(() => reject(signal?.reason ?? new DOMException('The analysis was aborted', 'AbortError')));
      void worker.terminate();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.results));
      else if (message.type === 'error') {
        const err = new Error(message.message);
        err.name = message.name;
        settle(() => reject(err));
      }
    });
    worker.on('error', (err) => {
      const reason =
        (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the analysis ran out of its ${maxOldGenerationSizeMb} MB of memory`
          : err.message;
      settle(() => reject(new Error(`the analysis worker died: ${reason}`, { cause: err })));
    });
    worker.on('exit', (code) => {
      settle(() => reject(new Error(`the analysis worker died: it exited with code ${code} before answering`)));
    });
  });
}
