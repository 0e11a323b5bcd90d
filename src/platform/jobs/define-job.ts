import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.js';
import type { Db } from '../db.js';
import { insertJob } from './job-store.js';

export interface JobContext {
  jobId: number;
  attempt: number;
}

/** A job type owned by a module. Handlers must be idempotent: any job may run twice. */
export interface JobDefinition<Payload, Deps> {
  name: string;
  /** lower runs first (default 5): work a person waits on before background work */
  priority?: number;
  /**
   * The most of one worker's slots jobs of this kind take at once (a share, at least one slot): a
   * kind that strangers can feed (inbound mail) must not starve the sweeps and outgoing mail.
   */
  share?: number;
  /** Delay before retry number `attempt` (1-based); default: exponential from 5 s, capped at 1 h. */
  backoffMs?: (attempt: number) => number;
  handle(deps: Deps, payload: Payload, context: JobContext): Promise<void>;
}

export function defineJob<Payload, Deps>(definition: JobDefinition<Payload, Deps>): JobDefinition<Payload, Deps> {
  return definition;
}

/** A sweep: every `everyMs` exactly one worker enqueues `job`. */
export interface Schedule {
  name: string;
  everyMs: number;
  job: string;
  payload?: unknown;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(5_000 * 2 ** (attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Wakes an idle worker in this process as soon as a job is enqueued, instead of at the next poll. */
export const jobSignal = new EventEmitter();
jobSignal.setMaxListeners(100);

export interface EnqueueOptions {
  runAt?: Date;
  key?: string;
  maxAttempts?: number;
}

export type Enqueue = (db: Db, name: string, payload: unknown, options?: EnqueueOptions) => Promise<number | undefined>;

/**
 * Enqueue within the caller's transaction, so a job exists exactly when its cause was committed.
 * A job's priority comes from its definition among those the process runs.
 */
export function createEnqueue(clock: Clock, definitions: readonly { name: string; priority?: number }[] = []): Enqueue {
  const priorities = new Map(definitions.map((d) => [d.name, d.priority ?? 5]));
  return async (db, name, payload, options = {}) => {
    const now = clock.now();
    const id = await insertJob(db, {
      name,
      payload,
      runAt: options.runAt ?? now,
      key: options.key,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      priority: priorities.get(name) ?? 5,
      now,
    });
    jobSignal.emit('enqueued');
    return id;
  };
}
