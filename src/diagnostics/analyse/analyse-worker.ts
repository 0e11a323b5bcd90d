import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './analyse-in-worker.js';
import { analyseFile } from './engine.js';

// The worker thread's body: analyse one file, post progress and the results (or the error), then end.

const input = workerData as WorkerInput;
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

try {
  const results = await analyseFile(input.path, {
    ...input.options,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', results });
} catch (err) {
  post({ type: 'error', message: (err as Error).message ?? String(err), name: (err as Error).name ?? 'Error' });
}
