import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { SYSTEM } from '../auth/actor.js';
import { createToken } from '../auth/tokens.js';
import { FakeClock } from '../platform/clock.js';
import { handOverEndedShifts } from './handover.js';

// A deliberate assignment does not surprise: Ana (Lisbon, 09:00–17:00) takes a ticket by hand; when
// her day ends it stays hers. Tickets routing gave her, or that she said to hand over, move to Gus
// (New York, 09:00–17:00 EST = 14:00–22:00 UTC), who is on shift.

let desk: TestDesk;
let ana: string;
let gus: string;
let customer: { token: string };
const clock = new FakeClock('2026-12-07T10:00:00Z'); // Monday: only Ana is at work

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { ROUTING: 'least-open' } });
  const roster = {
    agents: [
      { email: 'ana@desk.example', name: 'Ana', timeZone: 'Europe/Lisbon', region: 'EMEA' },
      { email: 'gus@desk.example', name: 'Gus', timeZone: 'America/New_York', region: 'AMER' },
    ],
  };
  expect((await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/roster', payload: roster })).statusCode).toBe(
    200,
  );
  const token = async (email: string) =>
    (await createToken(desk.deps, SYSTEM, { name: email, role: 'agent', agentEmail: email })).token;
  ana = await token('ana@desk.example');
  gus = await token('gus@desk.example');
  customer = await desk.customer('Acme', 'ops@acme.example');
});
afterAll(async () => {
  await desk?.close();
});

async function open(subject: string) {
  const res = await desk.as(customer.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'Sidekiq latency is rising.' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().number as number;
}
const patch = (token: string, number: number, payload: object) =>
  desk.as(token, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload });
const ticket = async (number: number) =>
  (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}` })).json() as {
    assignee: { email: string } | null;
    handOver: boolean;
  };

describe('handover leaves a deliberate assignment alone', () => {
  it('a pinned ticket stays; a routed one and one opted in move', async () => {
    const worker = desk.runtime.createWorker();
    const routed = await open('Routed to Ana');
    const taken = await open('Ana takes it by hand');
    const optedIn = await open('Ana hands it over tonight');
    await worker.drain();
    // routing gave all three to Ana, the only one at work; routed tickets may move
    expect(await ticket(routed)).toMatchObject({ assignee: { email: 'ana@desk.example' }, handOver: true });

    // assigning by hand pins it, even a ticket routing had given her already
    const pinned = await patch(ana, taken, { assignee: 'ana@desk.example' });
    expect(pinned.statusCode, pinned.body).toBe(200);
    expect(pinned.json().handOver).toBe(false);
    expect((await patch(ana, optedIn, { assignee: 'ana@desk.example', handOver: true })).json().handOver).toBe(true);

    // 17:30 UTC: Ana's day is over (back tomorrow 09:00), Gus works until 22:00 UTC
    clock.set('2026-12-07T17:30:00Z');
    expect(await handOverEndedShifts(desk.deps)).toBe(2);
    expect((await ticket(taken)).assignee?.email).toBe('ana@desk.example');
    expect((await ticket(routed)).assignee?.email).toBe('gus@desk.example');
    expect((await ticket(optedIn)).assignee?.email).toBe('gus@desk.example');
    // and the next sweep still leaves it alone
    expect(await handOverEndedShifts(desk.deps)).toBe(0);
    const events = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${taken}/events` })).json().items as {
      action: string;
    }[];
    expect(events.map((e) => e.action)).not.toContain('ticket.handed-over');
  });

  it('"hand over when my day ends" as a default: hand-assigned tickets move too', async () => {
    clock.set('2026-12-08T10:00:00Z');
    const worker = desk.runtime.createWorker();
    const number = await open('Ana opted in for all her tickets');
    await worker.drain();
    const schedule = await desk.as(ana, {
      method: 'PUT',
      url: '/api/v1/agents/ana@desk.example/schedule',
      payload: { handOverDefault: true },
    });
    expect(schedule.statusCode, schedule.body).toBe(200);
    expect(schedule.json().handOverDefault).toBe(true);
    expect((await patch(ana, number, { assignee: 'ana@desk.example' })).json().handOver).toBe(true);
    // pinning one ticket by hand still works with the default on
    const pinnedOne = await open('But this one stays with Ana');
    await worker.drain();
    expect((await patch(ana, pinnedOne, { assignee: 'ana@desk.example', handOver: false })).json().handOver).toBe(
      false,
    );

    clock.set('2026-12-08T17:30:00Z');
    await handOverEndedShifts(desk.deps);
    expect((await ticket(number)).assignee?.email).toBe('gus@desk.example');
    expect((await ticket(pinnedOne)).assignee?.email).toBe('ana@desk.example');
  });

  it('only the agent (or a lead) sets their default; a customer cannot pin a ticket', async () => {
    const other = await desk.as(gus, {
      method: 'PUT',
      url: '/api/v1/agents/ana@desk.example/schedule',
      payload: { handOverDefault: false },
    });
    expect(other.statusCode).toBe(403);
    const number = await open('Customer tries to pin');
    const refused = await patch(customer.token, number, { handOver: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FIELD_NOT_ALLOWED');
    const mine = (await desk.as(customer.token, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    expect(mine).not.toHaveProperty('handOver');
  });
});

describe('"waiting for a shift until …" never shows a past date', () => {
  it('shows the next shift start while it is ahead, and nothing once it has passed or someone took the ticket', async () => {
    // Saturday: nobody works until Ana, Monday 09:00 in Lisbon (09:00 UTC)
    clock.set('2026-12-12T10:00:00Z');
    const worker = desk.runtime.createWorker();
    const waiting = await open('Weekend ticket');
    const taken = await open('Weekend ticket Gus takes');
    await worker.drain();
    const shown = (await desk.as(gus, { method: 'GET', url: `/api/v1/tickets/${waiting}` })).json();
    expect(shown).toMatchObject({ assignee: null, waitingForShiftUntil: '2026-12-14T09:00:00.000Z' });

    // taken by hand: it waits for nobody
    const assigned = await patch(gus, taken, { assignee: 'gus@desk.example' });
    expect(assigned.json().waitingForShiftUntil).toBeNull();

    // Monday 09:05, before the routing sweep has run: the wait is over, no date in the past
    clock.set('2026-12-14T09:05:00Z');
    const late = (await desk.as(gus, { method: 'GET', url: `/api/v1/tickets/${waiting}` })).json();
    expect(late.waitingForShiftUntil).toBeNull();
    const list = (await desk.as(gus, { method: 'GET', url: '/api/v1/tickets?assignee=none' })).json().items as {
      waitingForShiftUntil: string | null;
    }[];
    expect(list.every((t) => t.waitingForShiftUntil === null)).toBe(true);
    await worker.drain();
    expect((await ticket(waiting)).assignee?.email).toBe('ana@desk.example');
  });
});
