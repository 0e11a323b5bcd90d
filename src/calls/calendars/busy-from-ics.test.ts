import { describe, expect, it } from 'vitest';
import { busyFromIcs } from './busy-from-ics.js';

// Two weeks around Europe's DST change (Sun 2026-03-29, 02:00 CET -> 03:00 CEST):
// Mon 2026-03-23 00:00 UTC up to Mon 2026-04-06 00:00 UTC.
const FROM = new Date('2026-03-23T00:00:00Z');
const TO = new Date('2026-04-06T00:00:00Z');

const BERLIN_VTIMEZONE = `BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`;

/** A VCALENDAR around VEVENTs given as "PROP:value" lines; UID and DTSTAMP added when missing. */
function calendar(events: string[][], extra = ''): string {
  const vevents = events.map((lines, i) => {
    const all = [...lines];
    if (!all.some((l) => l.startsWith('UID'))) all.unshift(`UID:event-${i}@test`);
    if (!all.some((l) => l.startsWith('DTSTAMP'))) all.unshift('DTSTAMP:20260301T000000Z');
    return ['BEGIN:VEVENT', ...all, 'END:VEVENT'].join('\r\n');
  });
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pipefitter tests//EN',
    ...(extra ? [extra.replace(/\n/g, '\r\n')] : []),
    ...vevents,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const iso = (intervals: [number, number][]) =>
  intervals.map(([s, e]) => [new Date(s).toISOString().slice(0, 16), new Date(e).toISOString().slice(0, 16)]);

// the weekly Monday 10:00-11:00 Berlin meeting, from Mon 2026-03-02
const weekly = (tzid = 'Europe/Berlin') => [
  'UID:weekly@test',
  `DTSTART;TZID=${tzid}:20260302T100000`,
  `DTEND;TZID=${tzid}:20260302T110000`,
  'RRULE:FREQ=WEEKLY',
  'SUMMARY:Team sync',
];
// Mon 03-23 10:00 CET = 09:00Z; Mon 03-30 10:00 CEST = 08:00Z
const MON_23 = ['2026-03-23T09:00', '2026-03-23T10:00'];
const MON_30 = ['2026-03-30T08:00', '2026-03-30T09:00'];

const cases: { name: string; ics: string; zone?: string; max?: number; busy: string[][] }[] = [
  {
    name: 'a weekly meeting keeps its local 10:00 across the DST change (IANA TZID, no VTIMEZONE)',
    ics: calendar([weekly()]),
    busy: [MON_23, MON_30],
  },
  {
    name: "the same meeting with the calendar's own VTIMEZONE",
    ics: calendar([weekly()], BERLIN_VTIMEZONE),
    busy: [MON_23, MON_30],
  },
  {
    name: "Outlook's zone name resolves through the calendar's VTIMEZONE, not the fallback zone",
    ics: calendar(
      [weekly('W. Europe Standard Time')],
      BERLIN_VTIMEZONE.replace('Europe/Berlin', 'W. Europe Standard Time'),
    ),
    zone: 'UTC',
    busy: [MON_23, MON_30],
  },
  {
    name: 'a TZID behind a Mozilla prefix is still Europe/Berlin',
    ics: calendar([weekly('/mozilla.org/20070129_1/Europe/Berlin')], ''),
    zone: 'UTC',
    busy: [MON_23, MON_30],
  },
  {
    name: 'an EXDATE removes the Monday after the change',
    ics: calendar([[...weekly(), 'EXDATE;TZID=Europe/Berlin:20260330T100000']]),
    busy: [MON_23],
  },
  {
    // Tue 03-31 14:00 CEST = 12:00Z
    name: 'an override moves that Monday to Tuesday 14:00',
    ics: calendar([
      weekly(),
      [
        'UID:weekly@test',
        'RECURRENCE-ID;TZID=Europe/Berlin:20260330T100000',
        'DTSTART;TZID=Europe/Berlin:20260331T140000',
        'DTEND;TZID=Europe/Berlin:20260331T150000',
        'SUMMARY:Team sync (moved)',
      ],
    ]),
    busy: [MON_23, ['2026-03-31T12:00', '2026-03-31T13:00']],
  },
  {
    name: 'a cancelled occurrence is free',
    ics: calendar([
      weekly(),
      [
        'UID:weekly@test',
        'RECURRENCE-ID;TZID=Europe/Berlin:20260330T100000',
        'DTSTART;TZID=Europe/Berlin:20260330T100000',
        'DTEND;TZID=Europe/Berlin:20260330T110000',
        'STATUS:CANCELLED',
      ],
    ]),
    busy: [MON_23],
  },
  {
    name: "another series' override does not touch this one",
    ics: calendar([
      weekly(),
      [
        'UID:other@test',
        'RECURRENCE-ID;TZID=Europe/Berlin:20260330T100000',
        'DTSTART;TZID=Europe/Berlin:20260330T160000',
        'DTEND;TZID=Europe/Berlin:20260330T170000',
      ],
    ]),
    // the stray override stands alone: 16:00 CEST = 14:00Z
    busy: [MON_23, MON_30, ['2026-03-30T14:00', '2026-03-30T15:00']],
  },
  {
    // 11:00 CEST = 09:00Z
    name: 'a this-and-future override moves the Monday after the change and the ones after it',
    ics: calendar([
      weekly(),
      [
        'UID:weekly@test',
        'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260330T100000',
        'DTSTART;TZID=Europe/Berlin:20260330T110000',
        'DTEND;TZID=Europe/Berlin:20260330T120000',
      ],
    ]),
    busy: [MON_23, ['2026-03-30T09:00', '2026-03-30T10:00']],
  },
  {
    // Sun 03-29 00:00 CET = 03-28 23:00Z up to 03-30 00:00 CEST = 03-29 22:00Z; Sun 04-05 is 24 h
    name: 'a weekly all-day event is each whole local day',
    ics: calendar([['DTSTART;VALUE=DATE:20260301', 'DTEND;VALUE=DATE:20260302', 'RRULE:FREQ=WEEKLY']]),
    busy: [
      ['2026-03-28T23:00', '2026-03-29T22:00'],
      ['2026-04-04T22:00', '2026-04-05T22:00'],
    ],
  },
  { name: 'a cancelled series is free', ics: calendar([[...weekly(), 'STATUS:CANCELLED']]), busy: [] },
  { name: 'a transparent ("free") series is free', ics: calendar([[...weekly(), 'TRANSP:TRANSPARENT']]), busy: [] },
  {
    // Sun 03-29 00:00 CET = 03-28 23:00Z up to Mon 03-30 00:00 CEST = 03-29 22:00Z: 23 hours
    name: 'an all-day event is the whole local day, 23 h on the day of the change',
    ics: calendar([['DTSTART;VALUE=DATE:20260329', 'DTEND;VALUE=DATE:20260330', 'SUMMARY:Off']]),
    busy: [['2026-03-28T23:00', '2026-03-29T22:00']],
  },
  {
    name: 'an all-day event without DTEND is one day',
    ics: calendar([['DTSTART;VALUE=DATE:20260401']]),
    busy: [['2026-03-31T22:00', '2026-04-01T22:00']],
  },
  {
    // New York switched on 03-08: 10:00 EDT = 14:00Z
    name: 'a floating time is wall time in the fallback zone',
    ics: calendar([['DTSTART:20260324T100000', 'DURATION:PT30M']]),
    zone: 'America/New_York',
    busy: [['2026-03-24T14:00', '2026-03-24T14:30']],
  },
  {
    name: 'an unknown TZID falls back to the agent zone',
    ics: calendar([['DTSTART;TZID=Mars/Olympus:20260324T100000', 'DTEND;TZID=Mars/Olympus:20260324T110000']]),
    zone: 'Asia/Tokyo',
    busy: [['2026-03-24T01:00', '2026-03-24T02:00']],
  },
  {
    name: 'overlapping and touching events merge; events outside the window are left out',
    ics: calendar([
      ['DTSTART:20260325T090000Z', 'DTEND:20260325T100000Z'],
      ['DTSTART:20260325T093000Z', 'DTEND:20260325T110000Z'],
      ['DTSTART:20260325T110000Z', 'DTEND:20260325T113000Z'],
      ['DTSTART:20260420T090000Z', 'DTEND:20260420T100000Z'],
      ['DTSTART:20260322T230000Z', 'DTEND:20260323T010000Z'],
    ]),
    // the last one started before the window and is clipped to it
    busy: [
      ['2026-03-23T00:00', '2026-03-23T01:00'],
      ['2026-03-25T09:00', '2026-03-25T11:30'],
    ],
  },
  {
    name: 'two VCALENDARs in a row (CalDAV objects) are both read',
    ics:
      calendar([['DTSTART:20260325T090000Z', 'DTEND:20260325T100000Z']]) +
      calendar([['UID:b@test', 'DTSTART:20260326T090000Z', 'DTEND:20260326T100000Z']]),
    busy: [
      ['2026-03-25T09:00', '2026-03-25T10:00'],
      ['2026-03-26T09:00', '2026-03-26T10:00'],
    ],
  },
  {
    name: 'a SECONDLY rule is not expanded: only its first occurrence counts',
    ics: calendar([['DTSTART:20260324T100000Z', 'DURATION:PT15M', 'RRULE:FREQ=SECONDLY']]),
    busy: [['2026-03-24T10:00', '2026-03-24T10:15']],
  },
  {
    name: 'COUNT=1000000000 stops at the window: 14 daily occurrences',
    ics: calendar([['DTSTART:20260301T100000Z', 'DURATION:PT30M', 'RRULE:FREQ=DAILY;COUNT=1000000000']]),
    busy: Array.from({ length: 14 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 2, 23 + i)).toISOString().slice(0, 10);
      return [`${day}T10:00`, `${day}T10:30`];
    }),
  },
  {
    // ical.js alone would loop forever in next(): the daily step from a Monday never lands on a Tuesday
    name: 'a rule that can never match is cut off and counts as busy from there on',
    ics: calendar([['DTSTART:20260302T100000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=TU']]),
    max: 100,
    busy: [['2026-03-23T00:00', '2026-04-06T00:00']],
  },
];

describe('busyFromIcs', () => {
  it.each(cases)('$name', ({ ics, zone, max, busy }) => {
    expect(iso(busyFromIcs(ics, FROM, TO, zone ?? 'Europe/Berlin', max))).toEqual(busy);
  });

  it('more occurrences in the window than allowed make the whole window busy', () => {
    const daily = calendar([['DTSTART:20260301T100000Z', 'DURATION:PT30M', 'RRULE:FREQ=DAILY']]);
    expect(iso(busyFromIcs(daily, FROM, TO, 'UTC', 14))).toHaveLength(14);
    expect(iso(busyFromIcs(daily, FROM, TO, 'UTC', 13))).toEqual([['2026-03-23T00:00', '2026-04-06T00:00']]);
  });

  it('a DAILY rule from 1800 is cut off before the window and counts as busy', () => {
    const old = calendar([['DTSTART:18000101T100000Z', 'DURATION:PT30M', 'RRULE:FREQ=DAILY']]);
    expect(iso(busyFromIcs(old, FROM, TO, 'UTC', 100))).toEqual([['2026-03-23T00:00', '2026-04-06T00:00']]);
  });

  it('text that is not iCalendar throws', () => {
    expect(() => busyFromIcs('<html>Sign in</html>', FROM, TO, 'UTC')).toThrow();
  });
});
