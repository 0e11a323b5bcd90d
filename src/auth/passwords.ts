import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { AppError, isAppError } from '../platform/errors.js';
import { createTaskPool, type TaskPool } from '../platform/task-pool.js';
import type { PasswordTask } from './password-task.js';

// argon2id with OWASP's recommended parameters, computed in WebAssembly (the native argon2 addon's
// prebuilt binary crashed on this platform, and WASM needs no build step) on worker threads, so a
// flood of sign-ins cannot stall the event loop. Past a short queue the desk answers SIGN_IN_BUSY
// at once: waiting seconds behind strangers' guesses helps nobody.

/** leave a core for the event loop; more parallel hashes would mostly starve the database */
const THREADS = Math.max(1, Math.min(4, os.availableParallelism() - 1));
/** 16 waiting per thread × ~80 ms: about a second and a half of work queued at most */
const QUEUE_PER_THREAD = 16;
export const BUSY_RETRY_SECONDS = 2;

let pool: TaskPool<PasswordTask, string | boolean> | undefined;

async function run(task: PasswordTask): Promise<string | boolean> {
  // started on first use; idle threads end by themselves and never keep the process alive
  pool ??= createTaskPool({
    file: new URL('./password-task.js', import.meta.url),
    threads: THREADS,
    maxQueue: THREADS * QUEUE_PER_THREAD,
  });
  try {
    return await pool.run(task);
  } catch (err) {
    if (isAppError(err) && err.code === 'TASK_POOL_BUSY') {
      throw new AppError('SIGN_IN_BUSY', `Too many sign-ins at once; try again in ${BUSY_RETRY_SECONDS} s.`);
    }
    throw err;
  }
}

/** Ends the hashing threads (when the app closes); the next hash starts them again. */
export async function closePasswordThreads(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

export async function hashPassword(password: string): Promise<string> {
  assertPasswordStrength(password);
  return (await run({ kind: 'hash', password, salt: randomBytes(16) })) as string;
}

/** how long a real verification takes here, queue included (a moving average) */
let typicalVerifyMs = 100;

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const started = performance.now();
  const matches = (await run({ kind: 'verify', hash, password })) === true;
  // a queue a flood built up says little about one hash: waits count only up to a bound
  typicalVerifyMs = 0.9 * typicalVerifyMs + 0.1 * Math.min(400, performance.now() - started);
  return matches;
}

/**
 * For an email nobody has: the answer comes as late as a real verification's would, so timing tells
 * nobody which addresses are agents, but no hash is computed. Guesses at random addresses, however
 * many, then cost no CPU and never queue ahead of a real agent's sign-in.
 */
export async function verifyAgainstDummy(_password: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, typicalVerifyMs * (0.85 + Math.random() * 0.3)));
}

export function assertPasswordStrength(password: string): void {
  if (password.length < 12) {
    throw new AppError('VALIDATION_FAILED', 'A password needs at least 12 characters.');
  }
}
