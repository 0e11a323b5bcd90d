import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { FakeClock } from '../platform/clock.js';

// The story of the issue: a 12-person roster over EMEA and US East covers a 24/5 week except the
// hours before Istanbul starts; an APAC engineer closes them. An urgent ticket written on a Friday
// evening in New York, after the last region went home, is due on Monday and goes to whoever
// starts first on Monday; its SLA timeline says why.

const emea = [
  ['ana@desk.example', 'Ana', 'Europe/Lisbon', 'PT'],
  ['bea@desk.example', 'Bea', 'Europe/London', 'GB'],
  ['carl@desk.example', 'Carl', 'Europe/Berlin', 'DE'],
  ['dora@desk.example', 'Dora', 'Europe/Paris', 'FR'],
  ['emre@desk.example', 'Emre', 'Europe/Istanbul', 'TR'],
  ['fina@desk.example', 'Fina', 'Europe/Madrid', 'ES'],
] as const;
const usEast = [
  ['gus@desk.example', 'Gus', 'America/New_York', 'US-NY'],
  ['hal@desk.example', 'Hal', 'America/New_York', 'US-NY'],
  ['ines@desk.example', 'Ines', 'America/Toronto', 'CA-ON'],
  ['jo@desk.example', 'Jo', 'America/New_York', 'US-MA'],
  ['kai@desk.example', 'Kai', 'America/Detroit', 'US-MI'],
] as const;

const roster = {
  agents: [
    ...emea.map(([email, name, timeZone, country]) => ({ email, name, timeZone, country, region: 'EMEA' })),
    ...usEast.map(([email, name, timeZone, country]) => ({ email, name, timeZone, country, region: 'AMER' })),
    // the late shift in New York: 11:00–19:00 EST is 16:00–24:00 UTC
    {
      email: 'lou@desk.example',
      name: 'Lou',
      timeZone: 'America/New_York',
      country: 'US-NY',
      region: 'AMER',
      hours: { mon: '11:00-19:00', tue: '11:00-19:00', wed: '11:00-19:00', thu: '11:00-19:00', fri: '11:00-19:00' },
    },
  ],
};

let desk: TestDesk;
const clock = new FakeClock('2026-12-07T12:00:00Z'); // Monday of 2026-W50
beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { ROUTING: 'least-open' } });
});
afterAll(async () => {
  await desk?.close();
});

async function coverage(from: string, to: string) {
  const response = await desk.as(desk.adminToken, {
    method: 'GET',
    url: `/api/v1/coverage?from=${from}&to=${to}&zone=UTC`,
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    gaps: { start: string; end: string; missing: number }[];
    slots: { count: number; agents: string[] }[];
  };
}

describe('follow the sun', () => {
  it('shows the hours a 12-person EMEA and US East roster does not cover, and an APAC engineer closes them', async () => {
    const imported = await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/roster', payload: roster });
    expect(imported.json()).toMatchObject({ created: 12, updated: 0 });

    // Istanbul starts at 09:00 TRT = 06:00 UTC; Lou leaves at 19:00 EST = 24:00 UTC
    const week = await coverage('2026-12-07T00:00:00Z', '2026-12-14T00:00:00Z');
    expect(week.gaps).toEqual(
      ['07', '08', '09', '10', '11'].map((d) => ({
        start: `2026-12-${d}T00:00:00Z`,
        end: `2026-12-${d}T06:00:00Z`,
        missing: 1,
      })),
    );
    // a slot tells who is at work: Monday 06:00–06:15 UTC is Emre alone
    expect(week.slots[24]).toMatchObject({ count: 1, agents: ['emre@desk.example'] });
    expect(week.slots).toHaveLength(7 * 96);

    // Sydney: 09:00–17:00 AEDT is 22:00–06:00 UTC
    const withApac = {
      agents: [
        { email: 'mia@desk.example', name: 'Mia', timeZone: 'Australia/Sydney', country: 'AU-NSW', region: 'APAC' },
      ],
    };
    const added = await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/roster', payload: withApac });
    expect(added.json()).toMatchObject({ created: 1 });
    expect((await coverage('2026-12-07T00:00:00Z', '2026-12-14T00:00:00Z')).gaps).toEqual([]);

    // Mia on leave until Monday 14th (Sydney dates): the gaps are back
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/time-off',
      payload: { agent: 'mia@desk.example', from: '2026-12-07', to: '2026-12-14' },
    });
    expect((await coverage('2026-12-07T00:00:00Z', '2026-12-14T00:00:00Z')).gaps).toHaveLength(5);
  });

  it('an urgent ticket on Friday evening is due on Monday and goes to whoever starts first', async () => {
    const worker = desk.runtime.createWorker();
    const customer = await desk.customer('Acme', 'ops@acme.example');
    // Friday 19:30 in New York = Saturday 00:30 UTC: Lou left at 00:00 UTC, Mia is on leave until Monday
    clock.set('2026-12-12T00:30:00Z');
    const opened = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        subject: 'Production queue stuck',
        body: 'Sidekiq latency is 40 minutes and rising.',
        // production down: the desk's table makes it urgent
        severity: 1,
      },
    });
    expect(opened.statusCode).toBe(201);
    const number = opened.json().number as number;
    await worker.drain();

    const agent = await desk.agentToken('lead');
    const waiting = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    // 30 minutes of support time from Monday 00:00 UTC (the 24/5 target), not Saturday 01:00
    expect(waiting.slaDueAt).toBe('2026-12-14T00:30:00.000Z');
    expect(waiting.assignee).toBeNull();
    // nobody is on shift: it waits, visibly, for Emre (Monday 09:00 in Istanbul)
    expect(waiting.waitingForShiftUntil).toBe('2026-12-14T06:00:00.000Z');

    clock.set('2026-12-14T05:59:00Z');
    await worker.drain();
    expect((await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}` })).json().assignee).toBeNull();

    clock.set('2026-12-14T06:00:00Z');
    await worker.drain();
    const routed = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    expect(routed.assignee.email).toBe('emre@desk.example');
    expect(routed.waitingForShiftUntil).toBeNull();

    const events = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/events` })).json().items as {
      action: string;
      data: { reason?: string };
    }[];
    expect(events.find((e) => e.action === 'ticket.routing-waiting')?.data.reason).toMatch(
      /nobody is on shift; Emre \(EMEA\) starts first/,
    );
    expect(events.find((e) => e.action === 'ticket.routed')?.data.reason).toMatch(/Emre is on shift in EMEA/);

    const sla = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/sla` })).json();
    const start = sla.events.find(
      (e: { kind: string; metric: string }) => e.kind === 'start' && e.metric === 'first-reply',
    );
    expect(start.detail).toMatch(
      /30 min in support hours; it is outside support hours now, so it counts from Mon 14 Dec 2026 00:00 UTC/,
    );
    expect(start.dueAt).toBe('2026-12-14T00:30:00.000Z');
    // the gap before Emre starts is where this one breached; the timeline has the breach as a row
    expect(sla.events.map((e: { kind: string }) => e.kind)).toEqual(['start', 'breach']);
  });
});
