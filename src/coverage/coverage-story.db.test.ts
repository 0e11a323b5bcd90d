import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { FakeClock } from '../platform/clock.js';

// The coverage map tells its story: names in the slots, the gaps in words grouped across weekdays,
// the holidays and time off of the week named, and, asked for, the tickets that usually arrive in
// each slot. Week of Mon 7 Dec 2026; Lena and Rui work in Lisbon (UTC in December), 09:00–17:00
// Mon–Fri; Lena is off Mon 7–Wed 9; Tue 8 Dec is a public holiday in Portugal.

const clock = new FakeClock('2026-11-03T09:10:00Z');
let desk: TestDesk;
let lead: string;
const week = 'from=2026-12-07T00:00:00Z&to=2026-12-14T00:00:00Z';

const coverage = async (query: string) => {
  const res = await desk.as(lead, { method: 'GET', url: `/api/v1/coverage?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  desk = await createTestDesk({ clock });
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  const days = { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' };
  const roster = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/roster',
    payload: {
      agents: [
        {
          email: 'lena@desk.example',
          name: 'Lena Ferreira',
          timeZone: 'Europe/Lisbon',
          country: 'PT',
          hours: days,
          timeOff: [{ from: '2026-12-07', to: '2026-12-09' }],
        },
        { email: 'rui@desk.example', name: 'Rui Costa', timeZone: 'Europe/Lisbon', country: 'PT', hours: days },
        // the lead looks on and does not take tickets
        { email: 'lead@desk.example', hours: {} },
      ],
    },
  });
  expect(roster.statusCode, roster.body).toBe(200);

  // tickets opened at known times: the desk's clock is set to each
  const customer = await desk.customer('Acme', 'ops@acme.example');
  const open = async (at: string) => {
    clock.set(at);
    const res = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: `Opened ${at}`, body: 'The runner is stuck.' },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  await open('2026-11-03T09:10:00Z'); // Tue 09:00 slot, 5 weeks before the week asked for
  await open('2026-11-25T14:00:00Z'); // Wed 14:00 slot, two weeks before
  await open('2026-12-01T09:05:00Z'); // Tue 09:00 slot, last week
  await open('2026-12-01T09:14:00Z'); // Tue 09:00 slot, last week
  clock.set('2026-12-07T00:00:00Z'); // Monday 00:00 UTC: the week asked for starts now
});
afterAll(async () => {
  await desk?.close();
});

const slotAt = (body: { slots: { start: string }[] }, start: string) =>
  body.slots.find((s) => new Date(s.start).getTime() === new Date(start).getTime()) as Record<string, unknown>;

describe('coverage that tells the story', () => {
  it('names the people at work in a slot, and keeps their emails for older clients', async () => {
    const body = await coverage(week);
    const thursday = slotAt(body, '2026-12-10T10:00:00Z');
    expect(thursday).toMatchObject({
      count: 2,
      agents: ['lena@desk.example', 'rui@desk.example'],
      people: [
        { email: 'lena@desk.example', name: 'Lena Ferreira' },
        { email: 'rui@desk.example', name: 'Rui Costa' },
      ],
      inTarget: true,
    });
    // the default target is 24/5 UTC: Saturday is outside it
    expect(slotAt(body, '2026-12-12T10:00:00Z')).toMatchObject({ count: 0, inTarget: false });
    expect(thursday).not.toHaveProperty('arrivals');
  });

  it('names the holiday and the time off of the week', async () => {
    const body = await coverage(week);
    expect(body.holidays).toEqual([
      {
        country: 'PT',
        date: '2026-12-08',
        name: expect.stringMatching(/Imaculada Conceição/),
        people: [
          { email: 'lena@desk.example', name: 'Lena Ferreira' },
          { email: 'rui@desk.example', name: 'Rui Costa' },
        ],
      },
    ]);
    expect(body.timeOff).toEqual([
      { email: 'lena@desk.example', name: 'Lena Ferreira', from: '2026-12-07', to: '2026-12-09' },
    ]);
    // the week after: neither
    const next = await coverage('from=2026-12-14T00:00:00Z&to=2026-12-21T00:00:00Z');
    expect(next.holidays).toEqual([]);
    expect(next.timeOff).toEqual([]);
  });

  it('says the gaps in words, the same hours on several weekdays once', async () => {
    const body = await coverage(week);
    // Mon and Wed: Rui alone 09–17; Tue: the holiday, nobody; Thu, Fri: both 09–17
    expect(body.gapsInWords.map((g: { text: string }) => g.text)).toEqual([
      'Mon, Wed–Fri 00:00–09:00 UTC: nobody',
      'Mon, Wed–Fri 17:00–00:00 UTC: nobody',
      'Tue 00:00–24:00 UTC: nobody',
    ]);
    // in New York (UTC−5) the nights' ends are 00:00–04:00 (Tuesday's is part of the holiday)
    const ny = await coverage(`${week}&zone=America/New_York`);
    expect(ny.gapsInWords[0]).toMatchObject({
      days: ['Mon', 'Wed', 'Thu', 'Fri'],
      start: '00:00',
      end: '04:00',
      text: 'Mon, Wed–Fri 00:00–04:00 America/New_York: nobody',
    });
  });

  it('with two wanted per slot, one missing is said apart from nobody', async () => {
    const settings = (await desk.as(lead, { method: 'GET', url: '/api/v1/coverage/settings' })).json();
    const put = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/coverage/settings',
      payload: { ...settings, target: { ...settings.target, minAgents: 2 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const body = await coverage(week);
      expect(body.gapsInWords.map((g: { text: string }) => g.text)).toEqual([
        'Mon, Wed–Fri 00:00–09:00 UTC: nobody',
        'Mon, Wed 09:00–17:00 UTC: 1 missing',
        'Mon, Wed–Fri 17:00–00:00 UTC: nobody',
        'Tue 00:00–24:00 UTC: nobody',
      ]);
    } finally {
      await desk.as(desk.adminToken, { method: 'PUT', url: '/api/v1/coverage/settings', payload: settings });
    }
  });

  it('arrivals=true adds the weighted mean of tickets arriving in each slot of the week', async () => {
    // the last 8 whole weeks before now (Mon 7 Dec 00:00 UTC), oldest first: Oct 12 … Nov 30.
    // Weights halve every 4 weeks back: last week 1, two weeks back 2^(-1/4) = 0.8409, five weeks back
    // 2^(-4/4) = 0.5; all eight sum to (1 − 2^-2) / (1 − 2^(-1/4)) = 0.75 / 0.159104 = 4.71390.
    // Tue 09:00: 2 last week + 1 five weeks back = (2 × 1 + 1 × 0.5) / 4.71390 = 0.53034
    // Wed 14:00: 1 two weeks back = 0.840896 / 4.71390 = 0.17839
    const body = await coverage(`${week}&arrivals=true`);
    expect(slotAt(body, '2026-12-08T09:00:00Z').arrivals).toBeCloseTo(0.53034, 4);
    expect(slotAt(body, '2026-12-09T14:00:00Z').arrivals).toBeCloseTo(0.17839, 4);
    expect(slotAt(body, '2026-12-08T09:15:00Z').arrivals).toBe(0);
    expect(body.arrivalsFrom).toEqual({
      from: '2026-10-12T00:00:00.000Z',
      to: '2026-12-07T00:00:00.000Z',
      weeks: 8,
      halfLifeWeeks: 4,
    });
    const total = body.slots.reduce((sum: number, s: { arrivals: number }) => sum + s.arrivals, 0);
    expect(total).toBeCloseTo((2 * 1 + 0.840896 + 0.5) / 4.7139, 3); // 0.70873
    // by slot of the week, whatever zone the times are written in: Tue 09:00 UTC is 04:00 in New York
    const ny = await coverage(`${week}&zone=America/New_York&arrivals=true`);
    expect(slotAt(ny, '2026-12-08T04:00:00-05:00').arrivals).toBeCloseTo(0.53034, 4);
  });
});
