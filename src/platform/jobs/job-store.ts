import { and, eq, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db.js';
import { jobSchedules, jobs } from './tables.js';

export interface EnqueueInput {
  name: string;
  payload: unknown;
  runAt: Date;
  /** Enqueueing the same key twice makes one job, so sweeps may run as often as they like. */
  key?: string | undefined;
  maxAttempts: number;
  /** lower runs first; 5 is the default */
  priority: number;
  now: Date;
}

export async function insertJob(db: Db, input: EnqueueInput): Promise<number | undefined> {
  const rows = await db
    .insert(jobs)
    .values({
      name: input.name,
      payload: input.payload,
      key: input.key ?? null,
      state: 'queued',
      runAt: input.runAt,
      priority: input.priority,
      attempts: 0,
      maxAttempts: input.maxAttempts,
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows[0]?.id;
}

export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Takes up to `limit` due jobs for one worker. SKIP LOCKED lets workers on one PostgreSQL claim
 * disjoint sets.
 */
export async function claimJobs(
  db: Db,
  workerId: string,
  limit: number,
  now: Date,
  leaseUntil: Date,
  exclude: string[] = [],
) {
  return queryRows<ClaimedJob>(
    db,
    sql`UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ${workerId},
          locked_until = ${leaseUntil.toISOString()}::timestamptz
        WHERE id IN (
          SELECT id FROM jobs
          WHERE state = 'queued' AND run_at <= ${now.toISOString()}::timestamptz
            ${exclude.length > 0 ? sql`AND name <> ALL(${sql.param(exclude)}::text[])` : sql``}
          ORDER BY priority, run_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, name, payload, attempts, max_attempts`,
  );
}

/** Jobs claimed but not started (past their kind's share of the worker) go back, as if never taken. */
export async function releaseJobs(db: Db, ids: number[], workerId: string) {
  if (ids.length === 0) return;
  await db.execute(
    sql`UPDATE jobs SET state = 'queued', attempts = attempts - 1, locked_by = NULL, locked_until = NULL
        WHERE id = ANY(${sql.param(ids)}::bigint[]) AND locked_by = ${workerId} AND state = 'running'`,
  );
}

/** A running job whose lease ran out lost its worker (a crash, a kill -9): it is queued again. */
export async function requeueExpiredLeases(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ state: 'queued', lockedBy: null, lockedUntil: null, lastError: 'its worker stopped before finishing' })
    .where(and(eq(jobs.state, 'running'), lt(jobs.lockedUntil, now)))
    .returning({ id: jobs.id });
  return rows.length;
}

export async function extendLease(db: Db, id: number, workerId: string, leaseUntil: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedUntil: leaseUntil })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')));
}

export async function markJobDone(db: Db, id: number, workerId: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ state: 'done', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

export async function markJobFailed(
  db: Db,
  id: number,
  workerId: string,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .update(jobs)
    .set(
      retryAt
        ? { state: 'queued', runAt: retryAt, lastError: error, lockedBy: null, lockedUntil: null }
        : { state: 'dead', finishedAt: now, lastError: error, lockedBy: null, lockedUntil: null },
    )
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

export async function deleteFinishedJobsBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.state, 'done'), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Moves a schedule forward if it is due; true for exactly one caller among concurrent workers. */
export async function takeDueSchedule(db: Db, name: string, now: Date, next: Date): Promise<boolean> {
  await db.insert(jobSchedules).values({ name, nextRunAt: now }).onConflictDoNothing();
  const rows = await db
    .update(jobSchedules)
    .set({ nextRunAt: next })
    .where(and(eq(jobSchedules.name, name), sql`${jobSchedules.nextRunAt} <= ${now.toISOString()}::timestamptz`))
    .returning({ name: jobSchedules.name });
  return rows.length > 0;
}

export interface JobRow {
  id: number;
  name: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  payload: unknown;
}

export async function listJobs(db: Db, state: 'queued' | 'running' | 'done' | 'dead', limit: number) {
  return db
    .select({
      id: jobs.id,
      name: jobs.name,
      state: jobs.state,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      runAt: jobs.runAt,
      lastError: jobs.lastError,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
      payload: jobs.payload,
    })
    .from(jobs)
    .where(eq(jobs.state, state))
    .orderBy(sql`${jobs.id} DESC`)
    .limit(limit);
}

/** A dead job gets a fresh set of attempts. */
export async function requeueDeadJob(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ state: 'queued', runAt: now, attempts: 0, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'dead')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * When the queued jobs of one kind run next, by a payload field naming what they are about (the outbox's
 * "next try" is its send job's run_at after a backoff). Few jobs are queued at a time: no index needed.
 */
export async function nextRunsByPayload(
  db: Db,
  name: string,
  field: string,
  values: string[],
): Promise<Map<string, Date>> {
  if (values.length === 0) return new Map();
  const rows = await db
    .select({ value: sql<string>`${jobs.payload} ->> ${field}`, runAt: sql<Date>`min(${jobs.runAt})` })
    .from(jobs)
    .where(
      and(
        eq(jobs.name, name),
        eq(jobs.state, 'queued'),
        sql`${jobs.payload} ->> ${field} IN (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [r.value, new Date(r.runAt)]));
}
