import { Piscina } from 'piscina';
import { AppError, type ErrorCode } from './errors.js';

// CPU-heavy work on input a stranger controls (MIME parsing, HTML sanitizing, password hashing)
// runs on worker threads, so the event loop keeps answering everyone else. The queue is bounded:
// past it the caller hears TASK_POOL_BUSY at once instead of waiting behind a flood. A task that
// runs past its time is cancelled, which ends its thread (piscina starts a fresh one). Its time
// starts when it gets a thread: waiting behind someone else's slow task costs it nothing.

/**
 * How a task refuses its input with one of our codes: an Error crossing the thread keeps its message
 * and loses its code, so a task wrapped in `refusingTask` answers with this and `run` throws the AppError.
 */
interface TaskRefusal {
  taskRefusal: { code: ErrorCode; message: string };
}

const isRefusal = (value: unknown): value is TaskRefusal =>
  typeof value === 'object' && value !== null && 'taskRefusal' in value;

/** A worker module's task whose AppErrors (and what `refuse` turns into one) reach the caller as AppErrors. */
export function refusingTask<In, Out>(
  task: (input: In) => Promise<Out>,
  refuse: (err: unknown) => AppError | undefined = () => undefined,
): (input: In) => Promise<Out | TaskRefusal> {
  return async (input) => {
    try {
      return await task(input);
    } catch (err) {
      const refusal = err instanceof AppError ? err : refuse(err);
      if (!refusal) throw err;
      return { taskRefusal: { code: refusal.code, message: refusal.message } };
    }
  };
}

export interface TaskPool<In, Out> {
  run(input: In, options?: { timeoutMs?: number }): Promise<Out>;
  close(): Promise<void>;
}

export interface TaskPoolOptions {
  /** the worker module, as `new URL('./x-task.js', import.meta.url)`; its default export is the task */
  file: URL;
  threads: number;
  /** tasks waiting for a thread before the pool refuses more */
  maxQueue: number;
  /** the error code when a task runs past its time */
  timeoutCode?: ErrorCode;
}

export function createTaskPool<In, Out>(options: TaskPoolOptions): TaskPool<In, Out> {
  // from source (tests, tsx) the worker is a .ts file: it needs tsx's loader in the thread too
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = fromSource ? options.file.href.replace(/\.js$/, '.ts') : options.file.href;
  const pool = new Piscina({
    filename,
    minThreads: 0,
    maxThreads: options.threads,
    idleTimeout: 30_000,
    ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
  });
  // tasks wait here, not in piscina's queue, so that their clock starts with their thread
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (running < options.threads) {
      running++;
      return;
    }
    if (waiting.length >= options.maxQueue) {
      throw new AppError('TASK_POOL_BUSY', 'The desk is busy with other work; try again shortly.');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(input, runOptions = {}) {
      await slot();
      const signal = runOptions.timeoutMs ? AbortSignal.timeout(runOptions.timeoutMs) : undefined;
      try {
        const result: unknown = await pool.run(input, signal ? { signal } : {});
        if (isRefusal(result)) throw new AppError(result.taskRefusal.code, result.taskRefusal.message);
        return result as Out;
      } catch (err) {
        if (signal?.aborted) {
          throw new AppError(options.timeoutCode ?? 'TASK_TIMED_OUT', `Stopped after ${runOptions.timeoutMs} ms.`);
        }
        throw err;
      } finally {
        release();
      }
    },
    close: () => pool.destroy(),
  };
}
