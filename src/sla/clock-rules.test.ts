import { describe, expect, it } from 'vitest';
import { cachedCalendar } from '../coverage/support-time.js';
import { parseWeeklyHours } from '../coverage/weekly-hours.js';
import { workingIntervals } from '../coverage/working-intervals.js';
import { applySlaEvent, nextDue, type SlaClock, type SlaEvent, type Targets } from './clock-rules.js';
import type { Metric } from './tables.js';

// Support hours for these tests: Mon–Fri 09:00–17:00 Europe/Berlin (CET = UTC+1 in winter).
const berlin = cachedCalendar((from, to) =>
  workingIntervals({ timeZone: 'Europe/Berlin', hours: parseWeeklyHours(undefined), country: 'DE' }, from, to),
);
const targets = (over: Partial<Targets> = {}): Targets => ({
  firstReply: 120,
  nextReply: 120,
  periodicUpdate: null,
  resolution: null,
  businessHours: true,
  pauseOnHold: false,
  ...over,
});
const at = (s: string) => new Date(s);
const iso = (d: Date | null | undefined) => d?.toISOString().replace('.000Z', 'Z') ?? null;

/** Plays events at their instants and returns the clocks and every step. */
function play(events: [string, SlaEvent][], t: Targets = targets()) {
  const clocks = new Map<Metric, SlaClock>();
  const steps: string[] = [];
  for (const [when, event] of events) {
    const set = applySlaEvent(clocks, event, t, berlin, at(when));
    for (const s of set.steps) steps.push(`${s.kind} ${s.metric}`);
  }
  return { clocks, steps, get: (m: Metric) => clocks.get(m) as SlaClock };
}

describe('SLA clocks count support hours', () => {
  it.each([
    // Mon 30 Nov 10:00 CET (09:00Z) + 2 h support time = Mon 12:00 CET (11:00Z)
    ['2026-11-30T09:00:00Z', 120, '2026-11-30T11:00:00Z'],
    // Fri 16:00 Europe/Berlin (15:00Z) + 2 h support time = Mon 10:00 (09:00Z): 1 h on Friday, 1 h on Monday
    ['2026-12-04T15:00:00Z', 120, '2026-12-07T09:00:00Z'],
    // Fri 20:00 CET (19:00Z), after hours: 30 min counts from Mon 09:00 CET = Mon 09:30 CET (08:30Z)
    ['2026-12-04T19:00:00Z', 30, '2026-12-07T08:30:00Z'],
    // Wed 23 Dec 16:00 CET + 4 h: 1 h Wed, Thu 24 Dec 3 h (Christmas Eve is a working day in DE) = Thu 12:00 CET
    ['2026-12-23T15:00:00Z', 240, '2026-12-24T11:00:00Z'],
    // Thu 24 Dec 16:00 CET + 2 h: 1 h Thu, then 25 and 26 Dec are public holidays, the 26th–27th a weekend: Mon 28 Dec 10:00 CET
    ['2026-12-24T15:00:00Z', 120, '2026-12-28T09:00:00Z'],
    // Fri 27 Mar 2026 16:00 CET + 2 h: DST starts Sun 29 Mar, Mon 09:00 CEST = 07:00Z, so due Mon 10:00 CEST = 08:00Z
    ['2026-03-27T15:00:00Z', 120, '2026-03-30T08:00:00Z'],
  ])('a first reply due %s + %i min of support time is due at %s', (start, minutes, due) => {
    const { get } = play(
      [[start, { kind: 'created', status: 'new', byCustomer: true }]],
      targets({ firstReply: minutes }),
    );
    expect(iso(get('first-reply').dueAt)).toBe(due);
  });

  it('counts calendar hours when the policy says so: Fri 20:00 CET + 30 min = Fri 20:30 CET', () => {
    const { get } = play(
      [['2026-12-04T19:00:00Z', { kind: 'created', status: 'new', byCustomer: true }]],
      targets({ firstReply: 30, businessHours: false }),
    );
    expect(iso(get('first-reply').dueAt)).toBe('2026-12-04T19:30:00Z');
  });
});

describe('SLA clocks start, pause, resume and stop on real events', () => {
  it('a public reply within the target meets the first-reply clock', () => {
    const { get, steps } = play([
      ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
      ['2026-11-30T10:00:00Z', { kind: 'agent-reply', from: 'new', to: 'open' }],
    ]);
    expect(get('first-reply').state).toBe('met');
    expect(get('first-reply').consumedMinutes).toBe(60);
    expect(steps).toEqual(['start first-reply', 'stop first-reply']);
  });

  it('a public reply after the due time stops the clock as breached', () => {
    // due Mon 11:00Z; the reply comes at Mon 12:00Z
    const { get } = play([
      ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
      ['2026-11-30T12:00:00Z', { kind: 'agent-reply', from: 'new', to: 'open' }],
    ]);
    expect(get('first-reply').state).toBe('breached');
  });

  it('a status change without a public reply does not stop a reply clock', () => {
    const { get, clocks } = play([
      ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
      // an internal note that sets the ticket open: the customer still waits for an answer
      ['2026-11-30T09:30:00Z', { kind: 'status', from: 'new', to: 'open' }],
      // solving without a reply pauses the clock (it is not met)
      ['2026-11-30T09:45:00Z', { kind: 'status', from: 'open', to: 'solved' }],
    ]);
    expect(get('first-reply').state).toBe('paused');
    expect(get('first-reply').consumedMinutes).toBe(45);
    expect(nextDue(clocks.values())).toBeNull();
  });

  it('pending pauses and open resumes; the waiting time does not count', () => {
    // Mon 09:00Z (10:00 CET) open, 1 h used by 10:00Z; pending until Tue 09:00Z (10:00 CET): 1 h left, due Tue 11:00 CET
    const { get, steps } = play([
      ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
      ['2026-11-30T10:00:00Z', { kind: 'status', from: 'new', to: 'pending' }],
      ['2026-12-01T09:00:00Z', { kind: 'customer-message', from: 'pending', to: 'open' }],
    ]);
    expect(steps).toEqual(['start first-reply', 'pause first-reply', 'resume first-reply']);
    expect(iso(get('first-reply').dueAt)).toBe('2026-12-01T10:00:00Z');
  });

  it('on-hold pauses only when the policy says so', () => {
    const events: [string, SlaEvent][] = [
      ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
      ['2026-11-30T09:30:00Z', { kind: 'status', from: 'new', to: 'on-hold' }],
    ];
    expect(play(events).get('first-reply').state).toBe('running');
    expect(play(events, targets({ pauseOnHold: true })).get('first-reply').state).toBe('paused');
  });

  it('watching (waiting on the linked issue) pauses the clocks', () => {
    const { get } = play([
      ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
      ['2026-11-30T09:10:00Z', { kind: 'agent-reply', from: 'new', to: 'watching' }],
      ['2026-11-30T09:20:00Z', { kind: 'customer-message', from: 'watching', to: 'open' }],
    ]);
    expect(get('first-reply').state).toBe('met');
    expect(get('next-reply').state).toBe('running');
    expect(iso(get('next-reply').dueAt)).toBe('2026-11-30T11:20:00Z');
  });

  it('the customer writing twice does not restart the next-reply clock', () => {
    const { get } = play([
      ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
      ['2026-11-30T09:10:00Z', { kind: 'agent-reply', from: 'new', to: 'open' }],
      ['2026-11-30T09:20:00Z', { kind: 'customer-message', from: 'open', to: 'open' }],
      ['2026-11-30T10:20:00Z', { kind: 'customer-message', from: 'open', to: 'open' }],
    ]);
    // due 2 h after the first of the two messages
    expect(iso(get('next-reply').dueAt)).toBe('2026-11-30T11:20:00Z');
  });

  it('an agent opening a ticket starts no first-reply clock', () => {
    const { clocks } = play([['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: false }]]);
    expect(clocks.has('first-reply')).toBe(false);
  });

  it('a priority change recomputes the due time with the time already used', () => {
    // 30 min target from 09:00Z; at 09:20Z the ticket drops to a 4 h target: 20 min used, due 13:00Z
    const clocks = new Map<Metric, SlaClock>();
    applySlaEvent(
      clocks,
      { kind: 'created', status: 'new', byCustomer: true },
      targets({ firstReply: 30 }),
      berlin,
      at('2026-11-30T09:00:00Z'),
    );
    const set = applySlaEvent(
      clocks,
      { kind: 'retarget', status: 'new' },
      targets({ firstReply: 240 }),
      berlin,
      at('2026-11-30T09:20:00Z'),
    );
    expect(set.steps.map((s) => s.kind)).toEqual(['recompute']);
    expect(iso(clocks.get('first-reply')?.dueAt)).toBe('2026-11-30T13:00:00Z');
  });

  it('resolution stops when solved and runs again when the customer reopens', () => {
    const { get } = play(
      [
        ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
        ['2026-11-30T10:00:00Z', { kind: 'agent-reply', from: 'new', to: 'solved' }],
        ['2026-12-01T09:00:00Z', { kind: 'customer-message', from: 'solved', to: 'open' }],
      ],
      targets({ resolution: 480 }),
    );
    // 60 min used before solving; 420 left from Tue 10:00 CET = Tue 17:00 CET (16:00Z)
    expect(get('resolution').state).toBe('running');
    expect(iso(get('resolution').dueAt)).toBe('2026-12-01T16:00:00Z');
  });

  it('the periodic-update clock restarts on every public update', () => {
    const { get } = play(
      [
        ['2026-11-30T09:00:00Z', { kind: 'created', status: 'new', byCustomer: true }],
        ['2026-11-30T09:30:00Z', { kind: 'agent-reply', from: 'new', to: 'open' }],
        // a forge notice ("the fix is scheduled") is an update too
        ['2026-11-30T12:00:00Z', { kind: 'desk-update', from: 'open', to: 'open' }],
      ],
      targets({ periodicUpdate: 240 }),
    );
    // 4 h from Mon 13:00 CET: 4 h to 17:00 CET = 16:00Z
    expect(iso(get('periodic-update').dueAt)).toBe('2026-11-30T16:00:00Z');
  });
});
