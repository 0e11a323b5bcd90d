import { describe, expect, it } from 'vitest';
import { parseWeeklyHours } from '../coverage/weekly-hours.js';
import { hostSlots, pickHost, type SlotHost, type SlotRules, stepMinutes, unionSlots } from './slots.js';

// Literal dates throughout. Lisbon is UTC in winter, so its wall times read straight off the instants.

const at = (iso: string) => new Date(iso).getTime();
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).concat('Z');
const starts = (slots: [number, number][]) => slots.map(([s]) => utc(s));
/** Every half hour from `first` to `last`, inclusive: for long runs of starts with nothing to spell out. */
const halfHours = (first: string, last: string) => {
  const out: string[] = [];
  for (let t = at(first); t <= at(last); t += 30 * 60_000) out.push(utc(t));
  return out;
};

const nineToFive = parseWeeklyHours(undefined); // Mon–Fri 09:00-17:00
const everyDay = (spans: string) =>
  parseWeeklyHours({ mon: spans, tue: spans, wed: spans, thu: spans, fri: spans, sat: spans, sun: spans });

const call30: SlotRules = {
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  horizonDays: 365,
  maxPerAgentPerDay: null,
};
const longAgo = new Date('2026-01-01T00:00:00Z');

function host(timeZone: string, extra: Partial<SlotHost> = {}, rostered: Partial<SlotHost['rostered']> = {}): SlotHost {
  return { agentId: 'ana', rostered: { timeZone, hours: nineToFive, ...rostered }, busy: [], holds: [], ...extra };
}
function slotsOn(h: SlotHost, from: string, to: string, rules: SlotRules = call30, now = longAgo) {
  return starts(hostSlots(h, rules, { from: new Date(from), to: new Date(to) }, now));
}

describe('a 09:00–17:00 Europe/Lisbon host, 30-minute calls', () => {
  const lisbon = host('Europe/Lisbon', {}, { country: 'PT' });

  it('offers every half hour of the working day, the last call ending at 17:00', () => {
    // Tue 24 Nov 2026: 09:00, 09:30 … 16:30 WET (= UTC), 16 starts
    const slots = hostSlots(
      lisbon,
      call30,
      { from: new Date('2026-11-24T00:00:00Z'), to: new Date('2026-11-25T00:00:00Z') },
      longAgo,
    );
    expect(slots).toHaveLength(16);
    expect(starts(slots)).toEqual(halfHours('2026-11-24T09:00Z', '2026-11-24T16:30Z'));
    expect(utc(slots[15]?.[1] ?? 0)).toBe('2026-11-24T17:00Z');
  });

  it('in summer the same local hours are an hour earlier in UTC', () => {
    // Tue 2 Jun 2026: 09:00 WEST = 08:00 UTC; 16:30 WEST = 15:30 UTC
    expect(slotsOn(lisbon, '2026-06-02T00:00Z', '2026-06-03T00:00Z')).toEqual(
      halfHours('2026-06-02T08:00Z', '2026-06-02T15:30Z'),
    );
  });

  it('minimum notice and the horizon cut the window', () => {
    // now Tue 24 Nov 10:10; 60 min notice → nothing before 11:10, so 11:30 first;
    // 1-day horizon → nothing at or after Wed 10:10, so Wed 10:00 is the last start
    const rules = { ...call30, minNoticeMinutes: 60, horizonDays: 1 };
    const now = new Date('2026-11-24T10:10:00Z');
    expect(slotsOn(lisbon, '2026-11-24T00:00Z', '2026-11-27T00:00Z', rules, now)).toEqual([
      ...halfHours('2026-11-24T11:30Z', '2026-11-24T16:30Z'),
      '2026-11-25T09:00Z',
      '2026-11-25T09:30Z',
      '2026-11-25T10:00Z',
    ]);
  });

  it('the window itself bounds the starts, not the ends', () => {
    // window to 16:45: 16:30 still starts inside it and runs to 17:00
    expect(slotsOn(lisbon, '2026-11-24T15:00Z', '2026-11-24T16:45Z')).toEqual([
      '2026-11-24T15:00Z',
      '2026-11-24T15:30Z',
      '2026-11-24T16:00Z',
      '2026-11-24T16:30Z',
    ]);
  });

  it('buffers widen around a booked call’s hold', () => {
    // booked 10:00–10:30 with 15 min buffers → held 09:45–10:45. The new 30-min call with 15 min
    // before and after occupies [s − 15, s + 45): 09:00 → 08:45–09:45 touches the hold (allowed),
    // 09:30 → 09:15–10:15 and 10:30 → 10:15–11:15 overlap it, 11:00 → 10:45–11:45 touches it.
    // 16:30 → 16:15–17:15: buffers may lie outside working hours, the call itself may not.
    const booked = { ...lisbon, holds: [[at('2026-11-24T09:45Z'), at('2026-11-24T10:45Z')]] as [number, number][] };
    const rules = { ...call30, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 };
    expect(slotsOn(booked, '2026-11-24T00:00Z', '2026-11-25T00:00Z', rules)).toEqual([
      '2026-11-24T09:00Z',
      ...halfHours('2026-11-24T11:00Z', '2026-11-24T16:30Z'),
    ]);
  });

  it.each([
    // calendar event 12:00–13:00; after-buffer 15: 11:30 would end 12:00 and need until 12:15
    [0, 15, ['2026-11-24T11:00Z', '2026-11-24T13:00Z', '2026-11-24T13:30Z']],
    // before-buffer 15: 13:00 would need from 12:45
    [15, 0, ['2026-11-24T11:00Z', '2026-11-24T11:30Z', '2026-11-24T13:30Z']],
  ])('a calendar event is widened by the new call’s buffers (before %i, after %i)', (before, after, expected) => {
    const busy: [number, number][] = [[at('2026-11-24T12:00Z'), at('2026-11-24T13:00Z')]];
    const rules = { ...call30, bufferBeforeMinutes: before, bufferAfterMinutes: after };
    expect(slotsOn({ ...lisbon, busy }, '2026-11-24T11:00Z', '2026-11-24T14:00Z', rules)).toEqual(expected);
  });

  it('a 15-minute call steps by quarter hours and fits around the same hold', () => {
    // no buffers on the new type: 09:30–09:45 ends where the hold starts, 10:45 starts where it ends
    const booked = { ...lisbon, holds: [[at('2026-11-24T09:45Z'), at('2026-11-24T10:45Z')]] as [number, number][] };
    const rules = { ...call30, durationMinutes: 15 };
    const slots = slotsOn(booked, '2026-11-24T09:00Z', '2026-11-24T11:30Z', rules);
    expect(slots).toEqual([
      '2026-11-24T09:00Z',
      '2026-11-24T09:15Z',
      '2026-11-24T09:30Z',
      '2026-11-24T10:45Z',
      '2026-11-24T11:00Z',
      '2026-11-24T11:15Z',
    ]);
  });

  it('busy time from the calendar removes slots (unsorted, overlapping events)', () => {
    // 13:30–14:15 and 13:00–14:00 overlap: busy 13:00–14:15, so 13:00, 13:30, 14:00 go; 12:30 ends as it starts.
    // 09:00–09:20 takes the 09:00 call.
    const busy: [number, number][] = [
      [at('2026-11-24T13:30Z'), at('2026-11-24T14:15Z')],
      [at('2026-11-24T09:00Z'), at('2026-11-24T09:20Z')],
      [at('2026-11-24T13:00Z'), at('2026-11-24T14:00Z')],
    ];
    expect(slotsOn({ ...lisbon, busy }, '2026-11-24T00:00Z', '2026-11-25T00:00Z')).toEqual([
      ...halfHours('2026-11-24T09:30Z', '2026-11-24T12:30Z'),
      ...halfHours('2026-11-24T14:30Z', '2026-11-24T16:30Z'),
    ]);
  });

  it('a day already at maxPerAgentPerDay is skipped', () => {
    const callsPerDay = new Map([
      ['2026-11-24', 2],
      ['2026-11-25', 1],
    ]);
    const rules = { ...call30, maxPerAgentPerDay: 2 };
    expect(slotsOn({ ...lisbon, callsPerDay }, '2026-11-24T00:00Z', '2026-11-26T00:00Z', rules)).toEqual(
      halfHours('2026-11-25T09:00Z', '2026-11-25T16:30Z'),
    );
  });

  it('time off and a public holiday remove whole days', () => {
    // Mon 7 Dec works; Tue 8 Dec is Imaculada Conceição (PT); Wed 9 Dec is time off; Thu 10 Dec works
    const away = host('Europe/Lisbon', {}, { country: 'PT', timeOff: [{ from: '2026-12-09', to: '2026-12-09' }] });
    const days = new Set(slotsOn(away, '2026-12-07T00:00Z', '2026-12-11T00:00Z').map((s) => s.slice(0, 10)));
    expect([...days]).toEqual(['2026-12-07', '2026-12-10']);
    // the same dates for a host in Germany: only the time off counts
    const berlin = host('Europe/Berlin', {}, { country: 'DE', timeOff: [{ from: '2026-12-09', to: '2026-12-09' }] });
    const berlinDays = new Set(slotsOn(berlin, '2026-12-07T00:00Z', '2026-12-11T00:00Z').map((s) => s.slice(0, 10)));
    expect([...berlinDays]).toEqual(['2026-12-07', '2026-12-08', '2026-12-10']);
  });
});

describe('the daily cap counts the host’s local day', () => {
  it('Los Angeles: a local day runs past UTC midnight', () => {
    // Tue 24 Nov 2026 09:00–17:00 PST = 17:00Z to 01:00Z on the 25th: full, including 16:00 and
    // 16:30 PST (00:00Z and 00:30Z on the 25th). Mon 23 Nov 16:00 and 16:30 PST fall on the 24th in
    // UTC but on the 23rd locally, so they stay; Wed 25 Nov is open up to the window's end.
    const callsPerDay = new Map([['2026-11-24', 3]]);
    const la = host('America/Los_Angeles', { callsPerDay });
    const rules = { ...call30, maxPerAgentPerDay: 3 };
    expect(slotsOn(la, '2026-11-24T00:00Z', '2026-11-26T00:00Z', rules)).toEqual([
      '2026-11-24T00:00Z', // Mon 16:00 PST
      '2026-11-24T00:30Z', // Mon 16:30 PST
      ...halfHours('2026-11-25T17:00Z', '2026-11-25T23:30Z'), // Wed 09:00–15:30 PST
    ]);
  });
});

describe('DST: the local 09:00 slot stays 09:00 local, so its UTC instant moves', () => {
  const firstStartPerDay = (timeZone: string, from: string, to: string) => {
    const byDay = new Map<string, string>();
    for (const s of slotsOn(host(timeZone), from, to)) if (!byDay.has(s.slice(0, 10))) byDay.set(s.slice(0, 10), s);
    return [...byDay.values()];
  };

  it.each([
    // Berlin springs forward Sun 29 Mar 2026: Fri 27 09:00 CET = 08:00Z, Mon 30 09:00 CEST = 07:00Z
    ['Europe/Berlin', '2026-03-27T00:00Z', '2026-03-31T00:00Z', ['2026-03-27T08:00Z', '2026-03-30T07:00Z']],
    // Berlin falls back Sun 25 Oct 2026: Fri 23 09:00 CEST = 07:00Z, Mon 26 09:00 CET = 08:00Z
    ['Europe/Berlin', '2026-10-23T00:00Z', '2026-10-27T00:00Z', ['2026-10-23T07:00Z', '2026-10-26T08:00Z']],
    // New York springs forward Sun 8 Mar 2026: Fri 6 09:00 EST = 14:00Z, Mon 9 09:00 EDT = 13:00Z
    ['America/New_York', '2026-03-06T00:00Z', '2026-03-10T00:00Z', ['2026-03-06T14:00Z', '2026-03-09T13:00Z']],
    // New York falls back Sun 1 Nov 2026: Fri 30 Oct 09:00 EDT = 13:00Z, Mon 2 Nov 09:00 EST = 14:00Z
    ['America/New_York', '2026-10-30T00:00Z', '2026-11-03T00:00Z', ['2026-10-30T13:00Z', '2026-11-02T14:00Z']],
  ])('%s from %s: first starts %j', (timeZone, from, to, expected) => {
    expect(firstStartPerDay(timeZone, from, to)).toEqual(expected);
  });

  it.each([
    // the change day itself, for a host who works Sundays: 09:00–17:00 local, 16 starts each
    ['Europe/Berlin', '2026-03-29', '2026-03-29T07:00Z', '2026-03-29T14:30Z'], // CEST, +2
    ['Europe/Berlin', '2026-10-25', '2026-10-25T08:00Z', '2026-10-25T15:30Z'], // CET, +1
    ['America/New_York', '2026-03-08', '2026-03-08T13:00Z', '2026-03-08T20:30Z'], // EDT, −4
    ['America/New_York', '2026-11-01', '2026-11-01T14:00Z', '2026-11-01T21:30Z'], // EST, −5
  ])('%s on %s (a Sunday) offers %s to %s', (timeZone, day, first, last) => {
    const sundays = host(timeZone, {}, { hours: everyDay('09:00-17:00') });
    expect(slotsOn(sundays, `${day}T00:00Z`, `${day}T23:59Z`)).toEqual(halfHours(first, last));
  });

  it('a Berlin night shift across spring-forward: 7 hours of work, calls across midnight and 02:00', () => {
    // Sat 28 Mar 22:00 CET (21:00Z) to Sun 29 Mar 06:00 CEST (04:00Z); 22:00-24:00 and 00:00-06:00
    // are one stretch, so 23:30 runs to midnight; 01:30 CET (00:30Z) runs to 03:00 CEST (01:00Z)
    const nights = host('Europe/Berlin', {}, { hours: everyDay('00:00-06:00,22:00-24:00') });
    expect(slotsOn(nights, '2026-03-28T12:00Z', '2026-03-29T12:00Z')).toEqual([
      '2026-03-28T21:00Z', // 22:00 CET
      '2026-03-28T21:30Z',
      '2026-03-28T22:00Z',
      '2026-03-28T22:30Z', // 23:30 CET, ends 00:00
      '2026-03-28T23:00Z', // 00:00 CET Sunday
      '2026-03-28T23:30Z',
      '2026-03-29T00:00Z', // 01:00 CET
      '2026-03-29T00:30Z', // 01:30 CET, ends 03:00 CEST
      '2026-03-29T01:00Z', // 03:00 CEST
      '2026-03-29T01:30Z',
      '2026-03-29T02:00Z',
      '2026-03-29T02:30Z',
      '2026-03-29T03:00Z',
      '2026-03-29T03:30Z', // 05:30 CEST, ends 06:00
    ]);
  });

  it('a night shift is one stretch: a 45-minute call may run across midnight', () => {
    // Lisbon, Tue 24 Nov 22:00 to Wed 25 Nov 06:00 (WET = UTC): 23:30 runs to 00:15;
    // 05:00 is the last start (05:30 would end 06:15)
    const nights = host('Europe/Lisbon', {}, { hours: everyDay('00:00-06:00,22:00-24:00') });
    const rules = { ...call30, durationMinutes: 45 };
    expect(slotsOn(nights, '2026-11-24T12:00Z', '2026-11-25T12:00Z', rules)).toEqual(
      halfHours('2026-11-24T22:00Z', '2026-11-25T05:00Z'),
    );
  });

  it('a Berlin night shift across fall-back: 9 hours of work, 02:00 and 02:30 happen twice', () => {
    // Sat 24 Oct 22:00 CEST (20:00Z) to Sun 25 Oct 06:00 CET (05:00Z)
    const nights = host('Europe/Berlin', {}, { hours: everyDay('00:00-06:00,22:00-24:00') });
    const slots = slotsOn(nights, '2026-10-24T12:00Z', '2026-10-25T12:00Z');
    expect(slots).toEqual(halfHours('2026-10-24T20:00Z', '2026-10-25T04:30Z'));
    // 02:00 CEST = 00:00Z, 02:30 CEST = 00:30Z, then 02:00 CET = 01:00Z, 02:30 CET = 01:30Z
    expect(slots).toHaveLength(18);
  });
});

describe('starts on the host’s local wall clock', () => {
  it('Asia/Kathmandu (+05:45) gets :00 and :30 local starts, not UTC ones', () => {
    // Tue 24 Nov 2026: 09:00 NPT = 03:15Z. now 03:20Z with no notice: 09:15 local (03:30Z) is off
    // the grid, so the first start is 09:30 NPT = 03:45Z; the last is 16:30 NPT = 10:45Z
    const kathmandu = host('Asia/Kathmandu');
    const slots = slotsOn(kathmandu, '2026-11-24T00:00Z', '2026-11-25T00:00Z', call30, new Date('2026-11-24T03:20Z'));
    expect(slots).toEqual(halfHours('2026-11-24T03:45Z', '2026-11-24T10:45Z'));
  });

  it('a change of offset inside a working stretch re-aligns the grid (Kathmandu, +05:30 → +05:45 in 1986)', () => {
    // New Year's night 1985/86: 22:00 +05:30 = 16:30Z … 23:30 +05:30 = 18:00Z; at 18:30Z the clocks
    // jump from 00:00 to 00:15 (+05:45), so the next :00/:30 start is 00:30 = 18:45Z, up to 05:30 = 23:45Z
    const nights = host('Asia/Kathmandu', {}, { hours: everyDay('00:00-06:00,22:00-24:00') });
    expect(slotsOn(nights, '1985-12-31T12:00Z', '1986-01-01T06:00Z', call30, new Date('1985-01-01T00:00Z'))).toEqual([
      ...halfHours('1985-12-31T16:30Z', '1985-12-31T18:00Z'),
      ...halfHours('1985-12-31T18:45Z', '1985-12-31T23:45Z'),
    ]);
  });
});

describe('step', () => {
  it.each([
    [10, 15],
    [15, 15],
    [20, 30],
    [45, 30],
    [60, 30],
  ])('a %i-minute call starts every %i minutes', (durationMinutes, step) => {
    expect(stepMinutes({ ...call30, durationMinutes })).toBe(step);
  });
});

describe('round robin', () => {
  const nine = at('2026-11-24T09:00Z');
  const half = at('2026-11-24T09:30Z');
  const ten = at('2026-11-24T10:00Z');

  it('unionSlots lists, per start, the hosts free then in the given host order', () => {
    const union = unionSlots([
      { agentId: 'bea', slots: [[half, ten]] },
      {
        agentId: 'ana',
        slots: [
          [nine, half],
          [half, ten],
        ],
      },
      { agentId: 'caio', slots: [[nine, half]] },
    ]);
    expect(union.map((u) => [utc(u.start), utc(u.end), u.agentIds])).toEqual([
      ['2026-11-24T09:00Z', '2026-11-24T09:30Z', ['ana', 'caio']],
      ['2026-11-24T09:30Z', '2026-11-24T10:00Z', ['bea', 'ana']],
    ]);
    expect(unionSlots([])).toEqual([]);
  });

  it('unionSlots over hosts in different zones keeps each host’s own grid', () => {
    // Lisbon 09:00 = 09:00Z; Kathmandu 15:00 NPT = 09:15Z: two different starts
    const lisbon = hostSlots(host('Europe/Lisbon'), call30, { from: new Date(nine), to: new Date(ten) }, longAgo);
    const kathmandu = hostSlots(
      { ...host('Asia/Kathmandu'), agentId: 'dev' },
      call30,
      { from: new Date(nine), to: new Date(ten) },
      longAgo,
    );
    const union = unionSlots([
      { agentId: 'ana', slots: lisbon },
      { agentId: 'dev', slots: kathmandu },
    ]);
    expect(union.map((u) => [utc(u.start), u.agentIds])).toEqual([
      ['2026-11-24T09:00Z', ['ana']],
      ['2026-11-24T09:15Z', ['dev']],
      ['2026-11-24T09:30Z', ['ana']],
      ['2026-11-24T09:45Z', ['dev']],
    ]);
  });

  const stats = new Map([
    ['ana', { calls: 4, lastBookedAt: at('2026-11-20T10:00Z') }],
    ['bea', { calls: 2, lastBookedAt: at('2026-11-23T10:00Z') }],
    ['caio', { calls: 2, lastBookedAt: at('2026-11-22T10:00Z') }],
    ['dev', { calls: 0, lastBookedAt: null }],
  ]);

  it.each([
    // available: least recently booked; never booked comes first
    [['ana', 'bea', 'caio'], 'available', 'ana'],
    [['bea', 'caio', 'dev'], 'available', 'dev'],
    [['bea', 'caio'], 'available', 'caio'],
    // equal: fewest calls, then least recently booked
    [['ana', 'bea', 'caio'], 'equal', 'caio'],
    [['ana', 'bea', 'caio', 'dev'], 'equal', 'dev'],
    [['ana', 'bea'], 'equal', 'bea'],
    // no stats at all: treated as never booked, so the first in the given order
    [['eva', 'fay'], 'available', 'eva'],
    [['eva', 'fay'], 'equal', 'eva'],
    [['ana', 'eva'], 'available', 'eva'],
    [[], 'equal', undefined],
  ] as const)('%j by %s picks %s', (candidates, mode, expected) => {
    expect(pickHost([...candidates], mode, stats)).toBe(expected);
  });
});
