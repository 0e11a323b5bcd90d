import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { type Db, waitOutDatabase } from '../db.js';
import { storableError } from '../errors.js';
import { defaultBackoffMs, type Enqueue, type JobDefinition, jobSignal, type Schedule } from './define-job.js';
import {
  type ClaimedJob,
  claimJobs,
  extendLease,
  markJobDone,
  markJobFailed,
  releaseJobs,
  requeueExpiredLeases,
  takeDueSchedule,
} from './job-store.js';

export interface WorkerOptions<Deps> {
  db: Db;
  clock: Clock;
  log: Logger;
  deps: Deps;
  definitions: JobDefinition<never, Deps>[];
  schedules: Schedule[];
  enqueue: Enqueue;
  concurrency: number;
  pollMs: number;
  leaseMs?: number;
}

/**
 * Runs jobs from the jobs table. Several workers (threads of one process or processes on one
 * PostgreSQL) share the table safely: a job is claimed by one worker at a time and kept with a lease
 * that the running worker extends; if the worker dies, the lease runs out and another takes it.
 */
export class Worker<Deps> {
  readonly id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly byName = new Map<string, JobDefinition<never, Deps>>();
  private readonly active = new Set<Promise<void>>();
  /** running jobs by kind, for the kinds that may take only a share of the slots */
  private readonly runningByName = new Map<string, number>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** a job was enqueued since the last claim: do not go to sleep */
  private signalled = false;
  private readonly leaseMs: number;
  private lastScheduleCheck = 0;

  constructor(private readonly options: WorkerOptions<Deps>) {
    for (const definition of options.definitions) this.byName.set(definition.name, definition);
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const onEnqueued = () => {
      this.signalled = true;
      this.wake?.();
      // the enqueueing transaction may commit a moment after the signal: look once more
      setTimeout(() => {
        this.signalled = true;
        this.wake?.();
      }, 20).unref();
    };
    jobSignal.on('enqueued', onEnqueued);
    this.loop = this.run().finally(() => jobSignal.off('enqueued', onEnqueued));
  }

  /** Stops claiming new jobs and waits for the running ones to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.active]);
  }

  /** Runs every due job (and due schedule) until none is left; for tests and one-shot CLI use. */
  async drain(): Promise<number> {
    let count = 0;
    await this.enqueueDueSchedules(true);
    for (;;) {
      const claimed = await this.claim(this.options.concurrency);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((job) => this.execute(job)));
      count += claimed.length;
    }
    return count;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.signalled = false;
        await this.enqueueDueSchedules(false);
        const free = this.options.concurrency - this.active.size;
        const claimed = free > 0 ? await this.claim(free, this.kindsAtTheirShare()) : [];
        const over: number[] = [];
        for (const job of claimed) {
          if (this.atShare(job.name)) {
            over.push(job.id);
            continue;
          }
          this.runningByName.set(job.name, (this.runningByName.get(job.name) ?? 0) + 1);
          const task = this.execute(job).finally(() => {
            this.active.delete(task);
            this.runningByName.set(job.name, (this.runningByName.get(job.name) ?? 1) - 1);
            this.wake?.();
          });
          this.active.add(task);
        }
        await releaseJobs(this.options.db, over, this.id);
        if ((claimed.length === 0 || claimed.length < free) && !this.signalled) await this.sleep(this.options.pollMs);
      } catch (err) {
        this.options.log.error({ err }, 'job worker loop failed; retrying');
        await this.sleep(this.options.pollMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private claim(limit: number, exclude: string[] = []): Promise<ClaimedJob[]> {
    const now = this.options.clock.now();
    return claimJobs(this.options.db, this.id, limit, now, new Date(now.getTime() + this.leaseMs), exclude);
  }

  private atShare(name: string): boolean {
    const share = this.byName.get(name)?.share;
    if (share === undefined) return false;
    const slots = Math.max(1, Math.floor(share * this.options.concurrency));
    return (this.runningByName.get(name) ?? 0) >= slots;
  }

  private kindsAtTheirShare(): string[] {
    return [...this.byName.keys()].filter((name) => this.atShare(name));
  }

  private async enqueueDueSchedules(force: boolean): Promise<void> {
    const now = this.options.clock.now();
    // sweeps run every few minutes; looking every 5 s is often enough and keeps an idle desk quiet
    if (!force && now.getTime() - this.lastScheduleCheck < 5_000) return;
    this.lastScheduleCheck = now.getTime();
    const requeued = await requeueExpiredLeases(this.options.db, now);
    if (requeued > 0) this.options.log.warn({ requeued }, 'jobs whose worker stopped were queued again');
    for (const schedule of this.options.schedules) {
      const next = new Date(now.getTime() + schedule.everyMs);
      const taken = await this.options.db.transaction(async (tx) => {
        if (!(await takeDueSchedule(tx, schedule.name, now, next))) return false;
        await this.options.enqueue(tx, schedule.job, schedule.payload ?? {}, {
          key: `schedule:${schedule.name}:${Math.floor(now.getTime() / schedule.everyMs)}`,
        });
        return true;
      });
      if (taken) this.options.log.debug({ schedule: schedule.name }, 'schedule due');
    }
  }

  /**
   * Records a job's outcome, waiting out a database server that is away for a moment: given up at
   * once, the job would sit until its lease ran out and then run again.
   */
  private async record(write: () => Promise<unknown>): Promise<void> {
    await waitOutDatabase(write, this.leaseMs / 2, Math.min(this.options.pollMs, 1_000));
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const { db, clock, log } = this.options;
    const definition = this.byName.get(job.name);
    const jobLog = log.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    const heartbeat = setInterval(
      () => {
        extendLease(db, job.id, this.id, new Date(clock.now().getTime() + this.leaseMs)).catch((err) =>
          jobLog.warn({ err }, 'could not extend job lease'),
        );
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    try {
      if (!definition) throw new Error(`no handler for job ${job.name} in this version`);
      if (job.attempts > job.max_attempts) throw new Error(`gave up after ${job.max_attempts} attempts`);
      await definition.handle(this.options.deps, job.payload as never, { jobId: job.id, attempt: job.attempts });
      await this.record(() => markJobDone(db, job.id, this.id, clock.now()));
    } catch (err) {
      const message = storableError(err);
      const retry = job.attempts < job.max_attempts;
      const backoff = (definition?.backoffMs ?? defaultBackoffMs)(job.attempts);
      const retryAt = retry ? new Date(clock.now().getTime() + backoff) : null;
      if (retry) jobLog.warn({ err, retryAt }, 'job failed; will retry');
      else jobLog.error({ err }, 'job failed for the last time; kept as dead');
      await this.record(() => markJobFailed(db, job.id, this.id, message, retryAt, clock.now())).catch((markErr) =>
        jobLog.error({ err: markErr }, 'could not record job failure; the lease will expire and it runs again'),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }
}
