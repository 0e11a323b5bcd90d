import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { FakeClock } from '../clock.js';
import type { Db } from '../db.js';
import { queryRows, sql } from '../db.js';
import { createLogger } from '../log.js';
import { createEnqueue, defineJob, type JobDefinition, type Schedule } from './define-job.js';
import { Worker } from './worker.js';

let testDb: TestDatabase;
let db: Db;
beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
});
afterAll(async () => {
  await testDb?.drop();
});

const log = createLogger('silent');

function worker(
  clock: FakeClock,
  definitions: JobDefinition<never, unknown>[],
  options: { db?: Db; schedules?: Schedule[]; leaseMs?: number; concurrency?: number } = {},
) {
  return new Worker({
    db: options.db ?? db,
    clock,
    log,
    deps: {},
    definitions,
    schedules: options.schedules ?? [],
    enqueue: createEnqueue(clock),
    concurrency: options.concurrency ?? 4,
    pollMs: 10,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
}

async function jobState(name: string) {
  return queryRows<{ state: string; attempts: number; last_error: string | null; run_at: Date | string }>(
    db,
    sql`SELECT state, attempts, last_error, run_at FROM jobs WHERE name = ${name} ORDER BY id`,
  );
}

describe('the job worker', () => {
  it('retries a failing job with backoff, then keeps it as dead with the reason', async () => {
    const clock = new FakeClock('2026-11-27T10:00:00Z');
    let calls = 0;
    const flaky = defineJob<{ n: number }, unknown>({
      name: 'test.flaky',
      backoffMs: (attempt) => attempt * 60_000,
      async handle() {
        calls++;
        throw new Error(`remote said no (${calls})`);
      },
    });
    const w = worker(clock, [flaky as never]);
    await createEnqueue(clock)(db, 'test.flaky', { n: 1 }, { maxAttempts: 3 });

    expect(await w.drain()).toBe(1);
    expect(await w.drain()).toBe(0); // not due yet: backoff of 1 minute
    clock.advance(60_000);
    expect(await w.drain()).toBe(1);
    clock.advance(2 * 60_000);
    expect(await w.drain()).toBe(1);
    clock.advance(60 * 60_000);
    expect(await w.drain()).toBe(0);
    const [row] = await jobState('test.flaky');
    expect(row).toMatchObject({ state: 'dead', attempts: 3, last_error: 'remote said no (3)' });
    expect(calls).toBe(3);
  });

  it('enqueues a keyed job once however often it is asked', async () => {
    const clock = new FakeClock('2026-11-27T10:00:00Z');
    const enqueue = createEnqueue(clock);
    const first = await enqueue(db, 'test.keyed', {}, { key: 'only-once' });
    const second = await enqueue(db, 'test.keyed', {}, { key: 'only-once' });
    expect(first).toBeTypeOf('number');
    expect(second).toBeUndefined();
    expect(await jobState('test.keyed')).toHaveLength(1);
  });

  it('runs a schedule once per period, even with two workers', async () => {
    const clock = new FakeClock('2026-11-27T10:00:00Z');
    let runs = 0;
    const sweep = defineJob<unknown, unknown>({
      name: 'test.sweep',
      async handle() {
        runs++;
      },
    });
    const schedules = [{ name: 'test.sweep', everyMs: 600_000, job: 'test.sweep' }];
    const a = worker(clock, [sweep as never], { schedules });
    const b = worker(clock, [sweep as never], { schedules });
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toBe(1);
    clock.advance(600_000);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toBe(2);
  });

  it('gives a job whose worker died to another worker once the lease runs out', async () => {
    const clock = new FakeClock('2026-11-27T10:00:00Z');
    let ranBy = '';
    const definition = defineJob<unknown, unknown>({
      name: 'test.orphan',
      async handle() {
        ranBy = 'survivor';
      },
    });
    await createEnqueue(clock)(db, 'test.orphan', {});
    // a worker claims it and dies without finishing
    await queryRows(
      db,
      sql`UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'dead-worker', locked_until = ${new Date(clock.now().getTime() + 60_000).toISOString()}::timestamptz WHERE name = 'test.orphan'`,
    );
    const survivor = worker(clock, [definition as never]);
    expect(await survivor.drain()).toBe(0); // still leased
    clock.advance(61_000);
    expect(await survivor.drain()).toBe(1);
    expect(ranBy).toBe('survivor');
    expect((await jobState('test.orphan'))[0]?.state).toBe('done');
  });

  it('finishes running jobs before it stops', async () => {
    const clock = new FakeClock('2026-11-27T10:00:00Z');
    let finished = false;
    const slow = defineJob<unknown, unknown>({
      name: 'test.slow',
      async handle() {
        await new Promise((resolve) => setTimeout(resolve, 200));
        finished = true;
      },
    });
    await createEnqueue(clock)(db, 'test.slow', {});
    const w = worker(clock, [slow as never]);
    w.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await w.stop();
    expect(finished).toBe(true);
    expect((await jobState('test.slow'))[0]?.state).toBe('done');
  });
});

describe('a kind of job strangers can feed', () => {
  it('takes only its share of the slots: a flood of slow ones leaves room for the rest', async () => {
    const clock = new FakeClock('2026-11-27T10:00:00Z');
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const flood = defineJob<{ i: number }, unknown>({
      name: 'test.flood',
      priority: 1,
      share: 0.5,
      async handle(_deps, { i }) {
        order.push(`flood ${i}`);
        await held;
      },
    });
    const sweep = defineJob<unknown, unknown>({
      name: 'test.sweep',
      priority: 5,
      async handle() {
        order.push('sweep');
      },
    });
    const enqueue = createEnqueue(clock, [flood, sweep]);
    for (let i = 0; i < 6; i++) await enqueue(db, 'test.flood', { i });
    await enqueue(db, 'test.sweep', {});
    const w = worker(clock, [flood as never, sweep as never], { concurrency: 4 });
    w.start();
    const deadline = Date.now() + 10_000;
    while (!order.includes('sweep') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // two flood jobs hold their two slots; the sweep ran beside them though it comes last by priority
    expect(order.filter((o) => o.startsWith('flood'))).toHaveLength(2);
    expect(order).toContain('sweep');
    release();
    while ((await jobState('test.flood')).some((j) => j.state !== 'done') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    const states = await jobState('test.flood');
    expect(states.map((j) => [j.state, j.attempts])).toEqual(Array.from({ length: 6 }, () => ['done', 1]));
  });
});

describe('two workers on one PostgreSQL', () => {
  it('never run the same job twice, nor at the same time', async (context) => {
    if (!testDb.openAnother) {
      context.skip(); // PGlite is one connection in one process; this is about PostgreSQL
      return;
    }
    const other = await testDb.openAnother();
    const clock = new FakeClock(new Date());
    const running = new Set<number>();
    const runs = new Map<number, number>();
    let overlaps = 0;
    const job = defineJob<{ i: number }, unknown>({
      name: 'test.shared',
      async handle(_deps, payload) {
        if (running.has(payload.i)) overlaps++;
        running.add(payload.i);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        running.delete(payload.i);
        runs.set(payload.i, (runs.get(payload.i) ?? 0) + 1);
      },
    });
    const enqueue = createEnqueue(clock);
    for (let i = 0; i < 300; i++) await enqueue(db, 'test.shared', { i });
    const a = worker(clock, [job as never], { concurrency: 8 });
    const b = worker(clock, [job as never], { db: other.db, concurrency: 8 });
    a.start();
    b.start();
    const deadline = Date.now() + 30_000;
    while (runs.size < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.size).toBe(300);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(overlaps).toBe(0);
    const lockedBy = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(DISTINCT locked_by)::int AS n FROM jobs WHERE name = 'test.shared'`,
    );
    expect(lockedBy[0]?.n).toBe(0); // all released
  });
});
