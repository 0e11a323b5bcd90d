import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { queryRows } from '../platform/db.js';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('dead jobs (GET /api/v1/jobs, POST /api/v1/jobs/{id}/retry)', () => {
  it('an admin sees a job that failed every attempt with its reason, and gives it a fresh set of attempts', async () => {
    const id = (await desk.deps.enqueue(
      desk.deps.db,
      'test.never-handled',
      { ticket: 7 },
      { maxAttempts: 3 },
    )) as number;
    // what the worker leaves after the last attempt failed (the worker's own test covers how it gets there)
    await desk.deps.db.execute(
      sql`UPDATE jobs SET state = 'dead', attempts = 3, last_error = 'SMTP 451: try later', finished_at = now()
          WHERE id = ${id}`,
    );

    const dead = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/jobs?state=dead' });
    expect(dead.statusCode, dead.body).toBe(200);
    expect(dead.json().items).toContainEqual(
      expect.objectContaining({
        id,
        name: 'test.never-handled',
        attempts: 3,
        maxAttempts: 3,
        lastError: 'SMTP 451: try later',
      }),
    );

    const retried = await desk.as(desk.adminToken, { method: 'POST', url: `/api/v1/jobs/${id}/retry` });
    expect(retried.statusCode, retried.body).toBe(202);
    const [row] = await queryRows<{ state: string; attempts: number; finished_at: Date | null }>(
      desk.deps.db,
      sql`SELECT state, attempts, finished_at FROM jobs WHERE id = ${id}`,
    );
    expect(row).toEqual({ state: 'queued', attempts: 0, finished_at: null });
    const queued = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/jobs?state=queued' })).json().items;
    expect(queued.map((j: { id: number }) => j.id)).toContain(id);

    // only a dead job is retried: a queued one is not reset, nor is one that does not exist
    const again = await desk.as(desk.adminToken, { method: 'POST', url: `/api/v1/jobs/${id}/retry` });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('NOT_FOUND');
    expect((await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/jobs/999999999/retry' })).statusCode).toBe(
      404,
    );
  });

  it('hides what a stranger typed in a job’s payload: the address and client of a password reset request', async () => {
    await desk.deps.enqueue(desk.deps.db, 'auth.send-password-reset', {
      email: 'someone@else.example',
      ip: '203.0.113.9',
    });
    const queued = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/jobs?state=queued' })).json().items;
    const reset = queued.find((j: { name: string }) => j.name === 'auth.send-password-reset');
    expect(reset.payload).toEqual({ email: '(hidden)', ip: '(hidden)' });
  });

  it('is for admins only: a lead sees no jobs and retries none', async () => {
    const lead = await desk.agentToken('lead');
    const res = await desk.as(lead, { method: 'GET', url: '/api/v1/jobs' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await desk.as(lead, { method: 'POST', url: '/api/v1/jobs/1/retry' })).statusCode).toBe(403);
  });
});
