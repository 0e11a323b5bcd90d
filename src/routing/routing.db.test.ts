import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { FakeClock } from '../platform/clock.js';

// Routing and handover against the database with an injected clock. One engineer per region, in
// December: Lisbon 09–17 UTC, New York 14–22 UTC, Sydney 22–06 UTC (AEDT).

let desk: TestDesk;
let lead: string;
// 1 and 8 December are public holidays in Portugal
const clock = new FakeClock('2026-12-02T10:00:00Z'); // Wednesday
beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { ROUTING: 'least-open' } });
  lead = await desk.agentToken('lead');
  const roster = {
    agents: [
      {
        email: 'ana@desk.example',
        name: 'Ana',
        timeZone: 'Europe/Lisbon',
        region: 'EMEA',
        country: 'PT',
        skills: ['postgres'],
      },
      { email: 'rui@desk.example', name: 'Rui', timeZone: 'Europe/Lisbon', region: 'EMEA', country: 'PT' },
      { email: 'ben@desk.example', name: 'Ben', timeZone: 'America/New_York', region: 'AMER', country: 'US-NY' },
      { email: 'cho@desk.example', name: 'Cho', timeZone: 'Australia/Sydney', region: 'APAC', country: 'AU-NSW' },
    ],
  };
  expect((await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/roster', payload: roster })).statusCode).toBe(
    200,
  );
});
afterAll(async () => {
  await desk?.close();
});

async function open(subject: string, tags: string[] = []) {
  const response = await desk.as(lead, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'Slow queries since the upgrade.', requesterEmail: 'dba@customer.example', tags },
  });
  expect(response.statusCode).toBe(201);
  return response.json().number as number;
}
const get = async (number: number) => (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();

describe('routing', () => {
  it('gives a new ticket to someone on shift, honoring skills, spreading by open tickets', async () => {
    const worker = desk.runtime.createWorker();
    clock.set('2026-12-02T10:00:00Z'); // Wednesday, Lisbon's day: Ana and Rui on shift
    const a = await open('Vacuum never finishes', ['postgres']);
    await worker.drain();
    expect((await get(a)).assignee.email).toBe('ana@desk.example');
    // no skill asked: the one with fewer open tickets
    const b = await open('Login page slow');
    await worker.drain();
    expect((await get(b)).assignee.email).toBe('rui@desk.example');
  });

  it('never gives a ticket to someone on leave or on a public holiday', async () => {
    const worker = desk.runtime.createWorker();
    await desk.as(lead, {
      method: 'POST',
      url: '/api/v1/time-off',
      payload: { agent: 'rui@desk.example', from: '2026-12-03', to: '2026-12-03' },
    });
    clock.set('2026-12-03T10:00:00Z'); // Thursday: Rui away
    const a = await open('Replication lag');
    await worker.drain();
    expect((await get(a)).assignee.email).toBe('ana@desk.example');

    // Tuesday 8 December is a public holiday in Portugal: Lisbon is off; at 15:00 UTC Ben is on shift in New York
    clock.set('2026-12-08T15:00:00Z');
    const b = await open('Disk full on the replica');
    await worker.drain();
    expect((await get(b)).assignee.email).toBe('ben@desk.example');
  });

  it('schedule shows who is on shift and when someone comes back', async () => {
    clock.set('2026-12-08T15:00:00Z');
    const ana = (await desk.as(lead, { method: 'GET', url: '/api/v1/agents/ana@desk.example/schedule' })).json();
    expect(ana).toMatchObject({
      onShift: false,
      nextShiftStart: '2026-12-09T09:00:00.000Z',
      country: 'PT',
      skills: ['postgres'],
    });
    const ben = (await desk.as(lead, { method: 'GET', url: '/api/v1/agents/ben@desk.example/schedule' })).json();
    expect(ben).toMatchObject({
      onShift: true,
      nextShiftStart: null,
      hours: { mon: '09:00-17:00', fri: '09:00-17:00' },
    });
  });
});

describe('the team on shift', () => {
  it('lists the open tickets of whoever is at work now', async () => {
    clock.set('2026-12-08T15:00:00Z'); // Lisbon on holiday; Ben on shift in New York
    const list = async () =>
      (
        (await desk.as(lead, { method: 'GET', url: '/api/v1/tickets?assignee=on-shift&status=new,open' })).json()
          .items as { assignee: { email: string } }[]
      ).map((t) => t.assignee.email);
    const now = await list();
    expect(now.length).toBeGreaterThan(0);
    expect(new Set(now)).toEqual(new Set(['ben@desk.example']));
    // Wednesday morning in Lisbon: Ana and Rui (their tickets went to Ben at the holiday's handover)
    clock.set('2026-12-09T10:00:00Z');
    expect(await list()).toEqual([]);
    const number = await open('Bloat on the orders table');
    await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}`,
      payload: { assignee: 'rui@desk.example' },
    });
    expect(await list()).toEqual(['rui@desk.example']);
    clock.set('2026-12-09T23:00:00Z'); // Thursday 10:00 in Sydney: only Cho, who holds nothing
    expect(await list()).toEqual([]);
  });
});

describe('handover', () => {
  it('does not hand over for a short break', async () => {
    const worker = desk.runtime.createWorker();
    await desk.as(lead, {
      method: 'PUT',
      url: '/api/v1/agents/rui@desk.example/schedule',
      payload: {
        hours: {
          mon: '09:00-12:00,13:00-17:00',
          tue: '09:00-12:00,13:00-17:00',
          wed: '09:00-12:00,13:00-17:00',
          thu: '09:00-12:00,13:00-17:00',
          fri: '09:00-12:00,13:00-17:00',
        },
      },
    });
    clock.set('2026-12-10T10:00:00Z'); // Thursday
    // Ana is busy elsewhere: give this one to Rui by hand
    const number = await open('Autovacuum config review');
    await worker.drain();
    await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}`,
      payload: { assignee: 'rui@desk.example' },
    });
    clock.set('2026-12-10T12:10:00Z'); // Rui at lunch, back at 13:00
    await worker.drain();
    expect((await get(number)).assignee.email).toBe('rui@desk.example');
  });
  it('moves unanswered tickets to the next region with a note, and flags one that circles the globe', async () => {
    const worker = desk.runtime.createWorker();
    clock.set('2026-12-16T10:00:00Z'); // Wednesday, Lisbon's day
    const number = await open('Checkpoint storms every hour', ['postgres']);
    await worker.drain();
    expect((await get(number)).assignee.email).toBe('ana@desk.example');
    // Ana answers, then the customer writes again: the ticket waits on us
    await desk.as(lead, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Please send pg_stat_bgwriter output; I will check the checkpoint settings.' },
    });
    await desk.as(lead, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Next: compare max_wal_size with the WAL volume per hour.', internal: true },
    });
    const token = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'dba', contactEmail: 'dba@customer.example' },
    });
    const reply = await desk.as(token.json().token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Here it is: checkpoints_req is 4000 a day.' },
    });
    expect(reply.json().ticket.status).toBe('open');

    clock.set('2026-12-16T17:30:00Z'); // Ana's day is over; Ben (14–22 UTC) is on shift
    await worker.drain();
    let ticket = await get(number);
    expect(ticket.assignee.email).toBe('ben@desk.example');
    expect(ticket.handovers).toBe(1);
    const notes = (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json().items as {
      internal: boolean;
      text: string;
    }[];
    const note = notes.filter((m) => m.internal).at(-1)?.text ?? '';
    expect(note).toMatch(/^Handover from Ana \(EMEA\) to Ben \(AMER\): Ana's shift has ended\./);
    expect(note).toContain('Promises made');
    expect(note).toContain('I will check the checkpoint settings');
    expect(note).toContain('Next: compare max_wal_size');

    clock.set('2026-12-16T22:30:00Z'); // Ben's day is over; Cho starts at 22:00 UTC (09:00 AEDT Thursday)
    await worker.drain();
    ticket = await get(number);
    expect(ticket.assignee.email).toBe('cho@desk.example');
    expect(ticket.tags).not.toContain('circled-globe');

    clock.set('2026-12-17T06:30:00Z'); // Cho's day is over, Lisbon starts at 09:00: nobody to hand it to
    await worker.drain();
    ticket = await get(number);
    expect(ticket.assignee.email).toBe('cho@desk.example'); // it stays with Cho until someone is on shift
    expect(ticket.handovers).toBe(2);

    clock.set('2026-12-17T09:00:00Z'); // Lisbon's day starts: Cho's ticket goes to Ana
    await worker.drain();
    ticket = await get(number);
    expect(ticket.assignee.email).toBe('ana@desk.example');
    // three handovers, three regions, no public reply since: flagged
    expect(ticket.handovers).toBe(3);
    expect(ticket.tags).toContain('circled-globe');

    // a public reply resets the count
    await desk.as(lead, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Raised max_wal_size to 16GB; the storms are gone.' },
    });
    expect((await get(number)).handovers).toBe(0);
  });
});
