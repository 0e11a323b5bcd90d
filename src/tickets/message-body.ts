import os from 'node:os';
import { createTaskPool, type TaskPool } from '../platform/task-pool.js';
import { type SafeHtml, textToHtml } from './html.js';
import renderTask, { type RenderTask } from './render-task.js';

export type BodyFormat = 'text' | 'markdown';

/** What a message is written as: its text, and HTML from the caller, from mail or from Markdown. */
export interface MessageBodyInput {
  body: string;
  /** HTML from the caller, sanitized here */
  html?: string;
  /** HTML sanitized already (mail, prepared on a worker thread): not sanitized a second time */
  safeHtml?: SafeHtml;
  /** markdown: the body is Markdown source, rendered here; text (the default): plain text */
  format?: BodyFormat;
}

// A reply of a few pages renders in a millisecond or two: on this thread, no hand-off. Past this
// size it goes to a worker thread with a time limit, so a body built to be slow stalls nobody else.
const INLINE_MAX_CHARS = 32 * 1024;
const RENDER_TIMEOUT_MS = 5_000;
const THREADS = Math.max(1, Math.min(2, os.availableParallelism() - 1));

let pool: TaskPool<RenderTask, SafeHtml> | undefined;

async function render(task: RenderTask): Promise<SafeHtml> {
  if (task.source.length <= INLINE_MAX_CHARS) return renderTask(task);
  // started on first use; idle threads end by themselves
  pool ??= createTaskPool({
    file: new URL('./render-task.js', import.meta.url),
    threads: THREADS,
    maxQueue: THREADS * 8,
    timeoutCode: 'MESSAGE_TOO_COMPLEX',
  });
  return pool.run(task, { timeoutMs: RENDER_TIMEOUT_MS });
}

/** Ends the rendering threads (when the app closes); the next large message starts them again. */
export async function closeRenderThreads(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

/** The stored, safe HTML of a message. Call it before a transaction: it may take a while. */
export async function messageHtmlOf(input: MessageBodyInput): Promise<SafeHtml> {
  if (input.safeHtml) return input.safeHtml;
  if (input.html) return render({ kind: 'html', source: input.html });
  return input.format === 'markdown' ? render({ kind: 'markdown', source: input.body }) : textToHtml(input.body);
}
