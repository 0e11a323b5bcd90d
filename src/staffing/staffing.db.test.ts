import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { SYSTEM } from '../auth/actor.js';
import { createAgent } from '../people/index.js';
import { FakeClock } from '../platform/clock.js';

// "Where to hire" on the seed's team: six in EMEA (Berlin, London) and six in US East, 9–5 local,
// Monday to Friday, with tickets arriving around the clock on weekdays. In June (summer time)
// Berlin works 07:00–15:00 UTC, London 08:00–16:00, New York 13:00–21:00: nobody is at work from
// 21:00 to 07:00 UTC, while the coverage target (the default, Monday 00:00 to Friday 24:00 UTC,
// one engineer) asks for someone.

// Wednesday noon UTC. The simulated weeks are 15 Apr 12:00 to 10 Jun 12:00; the coming week,
// 10 Jun 12:00 to 17 Jun 12:00, has no public holiday in DE-BE, GB-ENG, US-NY, JP or AU-NSW.
const clock = new FakeClock('2026-06-10T12:00:00Z');
let desk: TestDesk;
let lead: string;

const TEAM = [
  ...['anke', 'bernd', 'clara'].map((n) => ({ n, timeZone: 'Europe/Berlin', region: 'EMEA', country: 'DE-BE' })),
  ...['dylan', 'emma', 'finn'].map((n) => ({ n, timeZone: 'Europe/London', region: 'EMEA', country: 'GB-ENG' })),
  ...['gabe', 'hana', 'ivan', 'jade', 'kofi', 'lena'].map((n) => ({
    n,
    timeZone: 'America/New_York',
    region: 'AMER',
    country: 'US-NY',
  })),
];

beforeAll(async () => {
  desk = await createTestDesk({ clock });
  lead = await desk.agentToken('lead');
  for (const t of TEAM) {
    await createAgent(desk.deps, SYSTEM, {
      email: `${t.n}@desk.example`,
      name: t.n,
      role: 'agent',
      timeZone: t.timeZone,
      region: t.region,
      country: t.country,
    });
  }
  const { contactId } = await desk.customer('Acme Robotics', 'ops@acme.example');
  // a ticket every 30 minutes, around the clock, Monday to Friday UTC: 48 a day, 240 a week
  await desk.deps.db.execute(sql`
    INSERT INTO tickets (subject, status, priority, requester_id, channel, created_at, updated_at, status_changed_at)
    SELECT 'Slow query', 'solved', 'normal', ${contactId}::uuid, 'email', t, t, t
    FROM generate_series('2026-04-15T12:00:00Z'::timestamptz, '2026-06-10T11:59:00Z'::timestamptz, interval '30 minutes') AS t
    WHERE extract(isodow FROM t AT TIME ZONE 'UTC') < 6`);
  // before the simulated weeks: a burst that must not count
  await desk.deps.db.execute(sql`
    INSERT INTO tickets (subject, status, priority, requester_id, channel, created_at, updated_at, status_changed_at)
    SELECT 'Old burst', 'closed', 'normal', ${contactId}::uuid, 'email', t, t, t
    FROM generate_series('2026-04-01T00:00:00Z'::timestamptz, '2026-04-01T01:00:00Z'::timestamptz, interval '1 minute') AS t`);
});
afterAll(async () => {
  await desk?.close();
});

interface Candidate {
  zone: string;
  region: string;
  gapHoursClosed: number;
  slaAttainmentBefore: number;
  slaAttainmentAfter: number;
  closes: { start: string; end: string }[];
  entry: Record<string, unknown>;
}

describe('where to hire', () => {
  it('ranks an APAC or US West zone first, with the night gap hours it closes', async () => {
    const res = await desk.as(lead, { method: 'GET', url: '/api/v1/staffing/where-to-hire?weeks=8&hours=09:00-17:00' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ weeks: 8, from: '2026-04-15T12:00:00.000Z', to: '2026-06-10T12:00:00.000Z' });
    expect(body.assumptions).toMatchObject({
      ticketsPerWeek: 240, // 48 a day × 5; the April burst is outside the weeks
      occupancy: 0.85,
      shrinkage: 0.3,
      handleMinutes: 20,
      // the seeded policy of a normal ticket: 8 hours, in support hours
      firstReplyMinutes: 480,
      firstReplyInSupportHours: true,
      firstReplyFrom: 'policy',
    });
    // the coming week's gaps, Mon–Fri 21:00–07:00 UTC (the target ends Friday 24:00):
    // 10 + 10 + 3 + 7 + 10 + 10 = 50 hours
    expect(body.gapsNow).toEqual([
      { start: '2026-06-10T21:00:00.000Z', end: '2026-06-11T07:00:00.000Z', missing: 1 },
      { start: '2026-06-11T21:00:00.000Z', end: '2026-06-12T07:00:00.000Z', missing: 1 },
      { start: '2026-06-12T21:00:00.000Z', end: '2026-06-13T00:00:00.000Z', missing: 1 },
      { start: '2026-06-15T00:00:00.000Z', end: '2026-06-15T07:00:00.000Z', missing: 1 },
      { start: '2026-06-15T21:00:00.000Z', end: '2026-06-16T07:00:00.000Z', missing: 1 },
      { start: '2026-06-16T21:00:00.000Z', end: '2026-06-17T07:00:00.000Z', missing: 1 },
    ]);
    expect(body.gapHoursNow).toBe(50);

    const candidates = body.candidates as Candidate[];
    expect(candidates).toHaveLength(10);
    const first = candidates[0] as Candidate;
    expect(['APAC', 'America/Los_Angeles'].some((x) => x === first.region || x === first.zone)).toBe(true);
    expect(first.slaAttainmentAfter).toBeGreaterThan(first.slaAttainmentBefore);
    expect(first.gapHoursClosed).toBeGreaterThan(0);
    expect(first.closes.length).toBeGreaterThan(0);
    // every night hire answers all first replies in time (8 hours is long enough once someone
    // is there at night); equal attainment is settled by the gap hours closed
    expect(candidates.slice(0, 5).map((c) => [c.zone, c.slaAttainmentAfter])).toEqual([
      ['Australia/Sydney', 1],
      ['Asia/Tokyo', 1],
      ['Asia/Singapore', 1],
      ['Asia/Kolkata', 1],
      ['America/Los_Angeles', 1],
    ]);
    // nobody until 07:00 UTC: an 8-hour target is missed by what arrives from 21:00 to 23:00, and
    // by Friday night's tickets (3 hours on Friday, due Monday 05:00 UTC)
    expect(first.slaAttainmentBefore).toBeLessThan(0.95);

    const byZone = Object.fromEntries(candidates.map((c) => [c.zone, c]));
    // Sydney 09:00–17:00 AEST = 23:00–07:00 UTC, from Thursday 11 June local (Wednesday 23:00 UTC):
    // Wed/Thu 8 h + Thu/Fri 8 h + Monday 00:00–07:00 7 h (Sunday 23:00 is outside the target)
    // + Mon/Tue 8 h + Tue/Wed 8 h = 39 h
    expect(byZone['Australia/Sydney']?.gapHoursClosed).toBe(39);
    expect(byZone['Australia/Sydney']?.closes.slice(0, 3)).toEqual([
      { start: '2026-06-10T23:00:00.000Z', end: '2026-06-11T07:00:00.000Z' },
      { start: '2026-06-11T23:00:00.000Z', end: '2026-06-12T07:00:00.000Z' },
      { start: '2026-06-15T00:00:00.000Z', end: '2026-06-15T07:00:00.000Z' },
    ]);
    // Tokyo 09:00–17:00 JST = 00:00–08:00 UTC: 7 h of gap on five mornings = 35 h
    expect(byZone['Asia/Tokyo']?.gapHoursClosed).toBe(35);
    // Los Angeles 09:00–17:00 PDT = 16:00–24:00 UTC: 21:00–24:00 on five evenings = 15 h
    expect(byZone['America/Los_Angeles']?.gapHoursClosed).toBe(15);
    // one more in a zone already covered closes nothing
    for (const zone of ['Europe/Berlin', 'Europe/London', 'America/New_York', 'Africa/Johannesburg']) {
      expect(byZone[zone]?.gapHoursClosed).toBe(0);
    }
    // best first
    const gains = candidates.map((c) => c.slaAttainmentAfter);
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
    // another engineer in a covered zone helps less than the best night hire
    expect(byZone['Europe/Berlin']?.slaAttainmentAfter).toBeLessThan(first.slaAttainmentAfter);
  });

  it('is for leads', async () => {
    const agent = await desk.agentToken('agent');
    const res = await desk.as(agent, { method: 'GET', url: '/api/v1/staffing/where-to-hire' });
    expect(res.statusCode).toBe(403);
  });

  it('refuses hours that are not a shift', async () => {
    const res = await desk.as(lead, { method: 'GET', url: '/api/v1/staffing/where-to-hire?hours=17:00-09:00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('ends before it starts');
  });
});

describe('what if', () => {
  const whatIf = (payload: object) => desk.as(lead, { method: 'POST', url: '/api/v1/staffing/what-if', payload });

  it('adding the best candidate gives the attainment "where to hire" promised', async () => {
    const best = (
      (await desk.as(lead, { method: 'GET', url: '/api/v1/staffing/where-to-hire' })).json().candidates as Candidate[]
    )[0] as Candidate;
    const res = await whatIf({ add: [best.entry] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.before.slaAttainment).toBe(best.slaAttainmentBefore);
    expect(body.after.slaAttainment).toBe(best.slaAttainmentAfter);
    expect(body.before.gapHours - body.after.gapHours).toBe(best.gapHoursClosed);
    expect(body.arrivalsPerSlot).toHaveLength(672);
    // Tuesday 10:00–10:15 UTC (slot 96 + 40): 3 Berlin + 3 London at work, the 10:00 ticket of
    // every week arriving; 10:15–10:30 has none
    expect(body.before.headsPerSlot[136]).toBe(6);
    expect(body.arrivalsPerSlot.slice(136, 138)).toEqual([1, 0]);
    // one more engineer: 8 h × 5 days = 160 slots a week, less their public holidays
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const added = sum(body.after.headsPerSlot) - sum(body.before.headsPerSlot);
    expect(added).toBeGreaterThan(130);
    expect(added).toBeLessThanOrEqual(160.01);
  });

  it('moving New York to 13:00–21:00 local closes evening gaps; losing a Berlin engineer closes none', async () => {
    const later = await whatIf({
      change: ['gabe', 'hana', 'ivan'].map((n) => ({ email: `${n}@desk.example`, hours: '13:00-21:00' })),
    });
    expect(later.statusCode, later.body).toBe(200);
    const moved = later.json();
    // 13:00–21:00 EDT = 17:00–01:00 UTC: 21:00–01:00 each weekday evening is covered now
    expect(moved.after.gapHours).toBeLessThan(moved.before.gapHours);
    expect(moved.after.slaAttainment).toBeGreaterThan(moved.before.slaAttainment);

    const fewer = (await whatIf({ remove: ['anke@desk.example'] })).json();
    expect(fewer.after.gapHours).toBe(fewer.before.gapHours);
    expect(fewer.after.slaAttainment).toBeLessThanOrEqual(fewer.before.slaAttainment);
  });

  it('names who is not on the roster', async () => {
    const res = await whatIf({ remove: ['nobody@desk.example'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('nobody@desk.example');
  });

  it('takes other assumptions for one question, and stored ones from the settings', async () => {
    const slower = (await whatIf({ settings: { handleMinutes: 60 } })).json();
    const usual = (await whatIf({})).json();
    expect(slower.assumptions.handleMinutes).toBe(60);
    expect(slower.before.slaAttainment).toBeLessThan(usual.before.slaAttainment);

    const settings = (await desk.as(lead, { method: 'GET', url: '/api/v1/staffing/settings' })).json();
    const put = await desk.as(lead, {
      method: 'PUT',
      url: '/api/v1/staffing/settings',
      payload: { ...settings, firstReplyMinutes: 960 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const longer = (await whatIf({})).json();
    expect(longer.assumptions).toMatchObject({ firstReplyMinutes: 960, firstReplyFrom: 'settings' });
    expect(longer.before.slaAttainment).toBeGreaterThan(usual.before.slaAttainment);
  });
});
