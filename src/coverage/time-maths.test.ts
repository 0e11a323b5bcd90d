import { describe, expect, it } from 'vitest';
import { coverageGaps, coverageSlots, defaultTarget, isoWeekRange, targetIntervals } from './coverage.js';
import { ALWAYS_OPEN, addSupportMinutes, type Calendar, supportMinutesBetween } from './support-time.js';
import { parseWeeklyHours } from './weekly-hours.js';
import { isWorking, workingIntervals } from './working-intervals.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const nineToFive = parseWeeklyHours(undefined);

describe('working intervals in the engineer’s own zone', () => {
  it.each([
    // Berlin, a winter Monday: 09:00 CET = 08:00 UTC
    ['Europe/Berlin', '2026-11-30', '2026-11-30T08:00:00Z', '2026-11-30T16:00:00Z'],
    // Berlin, the Monday after DST ends (25 Oct 2026): CET again
    ['Europe/Berlin', '2026-10-26', '2026-10-26T08:00:00Z', '2026-10-26T16:00:00Z'],
    // Berlin, the Monday after DST starts (29 Mar 2026): 09:00 CEST = 07:00 UTC
    ['Europe/Berlin', '2026-03-30', '2026-03-30T07:00:00Z', '2026-03-30T15:00:00Z'],
    // New York, the Monday after DST starts (8 Mar 2026): 09:00 EDT = 13:00 UTC
    ['America/New_York', '2026-03-09', '2026-03-09T13:00:00Z', '2026-03-09T21:00:00Z'],
    // New York, the Monday after DST ends (1 Nov 2026): 09:00 EST = 14:00 UTC
    ['America/New_York', '2026-11-02', '2026-11-02T14:00:00Z', '2026-11-02T22:00:00Z'],
    // Sydney, the Monday after DST ends (5 Apr 2026): 09:00 AEST = 23:00 UTC the day before
    ['Australia/Sydney', '2026-04-06', '2026-04-05T23:00:00Z', '2026-04-06T07:00:00Z'],
    // Sydney, the Monday after DST starts (4 Oct 2026): 09:00 AEDT = 22:00 UTC the day before
    ['Australia/Sydney', '2026-10-05', '2026-10-04T22:00:00Z', '2026-10-05T06:00:00Z'],
  ])('%s on %s works %s to %s', (timeZone, day, start, end) => {
    const from = new Date(`${day}T00:00:00Z`);
    const intervals = workingIntervals(
      { timeZone, hours: nineToFive },
      new Date(from.getTime() - 86_400_000),
      new Date(from.getTime() + 2 * 86_400_000),
    );
    expect(intervals.map(([s, e]) => [iso(s), iso(e)])).toContainEqual([start, end]);
  });

  it('a split shift is two intervals', () => {
    const hours = parseWeeklyHours({ tue: '09:00-12:00,13:00-17:00' });
    // Tue 1 Dec 2026, Lisbon = UTC in winter
    const intervals = workingIntervals(
      { timeZone: 'Europe/Lisbon', hours },
      new Date('2026-12-01T00:00:00Z'),
      new Date('2026-12-02T00:00:00Z'),
    );
    expect(intervals.map(([s, e]) => [iso(s), iso(e)])).toEqual([
      ['2026-12-01T09:00:00Z', '2026-12-01T12:00:00Z'],
      ['2026-12-01T13:00:00Z', '2026-12-01T17:00:00Z'],
    ]);
  });

  it('a public holiday counts only in its own country', () => {
    // 8 Dec 2026 (Tuesday) is a public holiday in Portugal, not in Germany
    const day = [new Date('2026-12-08T00:00:00Z'), new Date('2026-12-09T00:00:00Z')] as const;
    expect(workingIntervals({ timeZone: 'Europe/Lisbon', hours: nineToFive, country: 'PT' }, ...day)).toEqual([]);
    expect(workingIntervals({ timeZone: 'Europe/Berlin', hours: nineToFive, country: 'DE' }, ...day)).toHaveLength(1);
  });

  it('a subdivision has its own holidays', () => {
    // 26 Jan 2026 (Monday): Australia Day everywhere in Australia; 2 Mar 2026: Labour Day in WA only
    const march = [new Date('2026-03-01T12:00:00Z'), new Date('2026-03-02T12:00:00Z')] as const;
    expect(workingIntervals({ timeZone: 'Australia/Perth', hours: nineToFive, country: 'AU-WA' }, ...march)).toEqual(
      [],
    );
    expect(
      workingIntervals({ timeZone: 'Australia/Sydney', hours: nineToFive, country: 'AU-NSW' }, ...march),
    ).toHaveLength(1);
  });

  it('time off is whole local days, inclusive', () => {
    const person = {
      timeZone: 'Europe/Lisbon',
      hours: nineToFive,
      timeOff: [{ from: '2026-12-24', to: '2026-12-31' }],
    };
    expect(isWorking(person, new Date('2026-12-23T10:00:00Z'))).toBe(true);
    expect(isWorking(person, new Date('2026-12-24T10:00:00Z'))).toBe(false);
    expect(isWorking(person, new Date('2026-12-31T10:00:00Z'))).toBe(false);
    expect(isWorking(person, new Date('2027-01-04T10:00:00Z'))).toBe(true);
  });
});

describe('coverage over APAC, EMEA and AMER', () => {
  const roster = [
    { email: 'mei@desk.example', timeZone: 'Asia/Tokyo', hours: nineToFive },
    { email: 'ana@desk.example', timeZone: 'Europe/Lisbon', hours: nineToFive },
    { email: 'jonas@desk.example', timeZone: 'Europe/Berlin', hours: nineToFive },
    { email: 'sarah@desk.example', timeZone: 'America/New_York', hours: nineToFive },
  ];

  it('counts who is on shift in each 15-minute slot', () => {
    const { from, to } = isoWeekRange('2026-W49', 'UTC'); // Mon 30 Nov – Mon 7 Dec 2026
    const slots = coverageSlots(roster, from, to);
    expect(slots).toHaveLength(7 * 96);
    const at = (t: string) => slots.find((s) => s.start.toISOString() === t);
    // Mon 08:00 UTC: Berlin (09:00 CET) is on, Lisbon (08:00) not yet
    expect(at('2026-11-30T08:00:00.000Z')?.agents).toEqual(['jonas@desk.example']);
    // Mon 15:00 UTC: Lisbon, Berlin (till 16:00) and New York (10:00 EST)
    expect(at('2026-11-30T15:00:00.000Z')?.count).toBe(3);
    // Tue 01:00 UTC: Tokyo 10:00 Tuesday
    expect(at('2026-12-01T01:00:00.000Z')?.agents).toEqual(['mei@desk.example']);
    // Saturday noon: nobody
    expect(at('2026-12-05T12:00:00.000Z')?.count).toBe(0);
  });

  it('lists the hours a 24/5 target is not covered', () => {
    const { from, to } = isoWeekRange('2026-W49', 'UTC');
    const gaps = coverageGaps(coverageSlots(roster, from, to), defaultTarget());
    // Tokyo works 00:00–08:00 UTC, Lisbon and Berlin 08:00–17:00, New York 14:00–22:00: every weekday
    // 22:00–24:00 UTC nobody is on (New York has left, Tokyo's next morning starts at midnight UTC)
    expect(gaps.map((g) => [g.start.toISOString().slice(0, 16), g.end.toISOString().slice(0, 16), g.missing])).toEqual([
      ['2026-11-30T22:00', '2026-12-01T00:00', 1],
      ['2026-12-01T22:00', '2026-12-02T00:00', 1],
      ['2026-12-02T22:00', '2026-12-03T00:00', 1],
      ['2026-12-03T22:00', '2026-12-04T00:00', 1],
      ['2026-12-04T22:00', '2026-12-05T00:00', 1],
    ]);
  });

  it('adding a Sydney engineer closes the gaps', () => {
    const { from, to } = isoWeekRange('2026-W49', 'UTC');
    // Sydney 09:00 AEDT = 22:00 UTC the day before
    const withSydney = [...roster, { email: 'chloe@desk.example', timeZone: 'Australia/Sydney', hours: nineToFive }];
    const gaps = coverageGaps(coverageSlots(withSydney, from, to), defaultTarget());
    // only Friday 22:00–24:00 UTC stays open: Chloe's Saturday morning is not a working day
    expect(gaps.map((g) => [g.start.toISOString().slice(0, 16), g.end.toISOString().slice(0, 16)])).toEqual([
      ['2026-12-04T22:00', '2026-12-05T00:00'],
    ]);
  });
});

describe('support time', () => {
  // support hours: the 24/5 target, Mon 00:00 – Fri 24:00 UTC
  const calendar: Calendar = (from, to) => targetIntervals(defaultTarget(), from, to);
  const berlinNineToFive: Calendar = (from, to) =>
    workingIntervals({ timeZone: 'Europe/Berlin', hours: nineToFive }, from, to);

  it.each([
    // Fri 16:00 Europe/Berlin (15:00 UTC) + 2 h support time (Berlin 9–5) = Mon 10:00 Berlin (09:00 UTC)
    ['Berlin 9-5', berlinNineToFive, '2026-12-04T15:00:00Z', 120, '2026-12-07T09:00:00Z'],
    // Fri 23:45 UTC + 30 min on 24/5 = Mon 00:15 UTC: the weekend does not count
    ['24/5', calendar, '2026-12-04T23:45:00Z', 30, '2026-12-07T00:15:00Z'],
    // Sat 10:00 UTC + 4 h = Mon 04:00 UTC
    ['24/5', calendar, '2026-12-05T10:00:00Z', 240, '2026-12-07T04:00:00Z'],
    // calendar hours: Fri 23:45 + 30 min = Sat 00:15
    ['calendar hours', ALWAYS_OPEN, '2026-12-04T23:45:00Z', 30, '2026-12-05T00:15:00Z'],
    // Berlin, over the end of DST: Fri 23 Oct 2026 16:00 CEST (14:00 UTC) + 2 h = Mon 26 Oct 10:00 CET (09:00 UTC)
    ['Berlin 9-5', berlinNineToFive, '2026-10-23T14:00:00Z', 120, '2026-10-26T09:00:00Z'],
  ])('%s: %s + %i min = %s', (_label, cal, start, minutes, due) => {
    expect(
      addSupportMinutes(new Date(start as string), minutes as number, cal as Calendar)
        .toISOString()
        .replace('.000Z', 'Z'),
    ).toBe(due);
  });

  it('measures elapsed support time, not wall time', () => {
    // Fri 22:00 UTC to Mon 02:00 UTC: 2 h Friday + 2 h Monday
    expect(supportMinutesBetween(new Date('2026-12-04T22:00:00Z'), new Date('2026-12-07T02:00:00Z'), calendar)).toBe(
      240,
    );
  });
});
