import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarCopyIcs, type InvitationCall, invitationIcs } from './invitation.js';

// Each invitation is parsed back with ical.js, as a calendar client reads it.

const booked: InvitationCall = {
  uid: '5f0c1d2e-8a9b-4c3d-9e8f-0a1b2c3d4e5f',
  sequence: 0,
  start: new Date('2026-03-27T14:00:00Z'),
  end: new Date('2026-03-27T14:30:00Z'),
  summary: 'Support call: #42 Checkout is slow',
  description:
    'Join: https://meet.example/pf-7Qx2\nTicket: https://desk.example/tickets/42\nHost: Ana Silva (support@desk.example)',
  videoUrl: 'https://meet.example/pf-7Qx2',
  ticketUrl: 'https://desk.example/tickets/42',
  organizer: { name: 'Ana Silva', email: 'support@desk.example' },
  host: { name: 'Ana Silva', email: 'ana@desk.example' },
  attendees: [
    { name: 'Lena Novak', email: 'lena@acme.example' },
    { name: null, email: 'cto@acme.example' },
  ],
  stamp: new Date('2026-03-20T09:15:00Z'),
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return { calendar, event };
}

function people(event: InstanceType<typeof ICAL.Component>, name: 'attendee' | 'organizer') {
  return event.getAllProperties(name).map((p) => ({
    address: p.getFirstValue(),
    cn: p.getParameter('cn') ?? null,
    role: p.getParameter('role') ?? null,
    partstat: p.getParameter('partstat') ?? null,
    rsvp: p.getParameter('rsvp') ?? null,
  }));
}

function utcOf(event: InstanceType<typeof ICAL.Component>, name: string) {
  const time = event.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>;
  expect(time.zone?.tzid).toBe('UTC');
  return time.toJSDate().toISOString();
}

describe('a call invitation', () => {
  it('books, reschedules and cancels one event: same UID, higher SEQUENCE, CANCEL without alarm', () => {
    // booked: Fri 27 Mar 2026 14:00–14:30 UTC, first message
    const request = parse(invitationIcs(booked, 'REQUEST'));
    expect(request.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(request.calendar.getFirstPropertyValue('prodid')).toBe('-//Pipefitter//Support calls//EN');
    expect(request.calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(request.calendar.getAllSubcomponents('vtimezone')).toHaveLength(0);
    const event = request.event;
    expect(event.getFirstPropertyValue('uid')).toBe(booked.uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(utcOf(event, 'dtstart')).toBe('2026-03-27T14:00:00.000Z');
    expect(utcOf(event, 'dtend')).toBe('2026-03-27T14:30:00.000Z');
    expect(utcOf(event, 'dtstamp')).toBe('2026-03-20T09:15:00.000Z');
    expect(event.getFirstPropertyValue('summary')).toBe('Support call: #42 Checkout is slow');
    expect(event.getFirstPropertyValue('description')).toBe(booked.description);
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example/pf-7Qx2');
    expect(event.getFirstPropertyValue('url')).toBe('https://meet.example/pf-7Qx2');
    expect(people(event, 'organizer')).toEqual([
      { address: 'mailto:support@desk.example', cn: 'Ana Silva', role: null, partstat: null, rsvp: null },
    ]);
    expect(people(event, 'attendee')).toEqual([
      { address: 'mailto:ana@desk.example', cn: 'Ana Silva', role: 'CHAIR', partstat: 'ACCEPTED', rsvp: null },
      {
        address: 'mailto:lena@acme.example',
        cn: 'Lena Novak',
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        rsvp: 'TRUE',
      },
      {
        address: 'mailto:cto@acme.example',
        cn: null,
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        rsvp: 'TRUE',
      },
    ]);
    const alarms = event.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarms[0]?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT15M');

    // rescheduled to Mon 30 Mar 2026 09:00 UTC: the update replaces the event in the customer's calendar
    const moved = {
      ...booked,
      sequence: 1,
      start: new Date('2026-03-30T09:00:00Z'),
      end: new Date('2026-03-30T09:30:00Z'),
      stamp: new Date('2026-03-21T11:00:00Z'),
    };
    const update = parse(invitationIcs(moved, 'REQUEST'));
    expect(update.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(update.event.getFirstPropertyValue('uid')).toBe(booked.uid);
    expect(update.event.getFirstPropertyValue('sequence')).toBe(1);
    expect(utcOf(update.event, 'dtstart')).toBe('2026-03-30T09:00:00.000Z');
    expect(utcOf(update.event, 'dtstamp')).toBe('2026-03-21T11:00:00.000Z');

    // cancelled: removes the event, everyone who was invited is named
    const cancel = parse(invitationIcs({ ...moved, sequence: 2, stamp: new Date('2026-03-22T08:00:00Z') }, 'CANCEL'));
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.event.getFirstPropertyValue('uid')).toBe(booked.uid);
    expect(cancel.event.getFirstPropertyValue('sequence')).toBe(2);
    expect(cancel.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(utcOf(cancel.event, 'dtstart')).toBe('2026-03-30T09:00:00.000Z');
    expect(utcOf(cancel.event, 'dtstamp')).toBe('2026-03-22T08:00:00.000Z');
    expect(people(cancel.event, 'organizer').map((p) => p.address)).toEqual(['mailto:support@desk.example']);
    expect(people(cancel.event, 'attendee').map((p) => p.address)).toEqual([
      'mailto:ana@desk.example',
      'mailto:lena@acme.example',
      'mailto:cto@acme.example',
    ]);
    expect(cancel.event.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('keeps a summary with , ; \\ newlines and non-ASCII intact, in CRLF lines of at most 75 octets', () => {
    const summary = 'Support call: #7 Zürich, Genève; Ünïcödé "quoted" \\ back\nslash — 東京 📞 '.repeat(3);
    const description = `Line one; a, b\\c\nLine two: ${'é'.repeat(100)}\nTicket: ${booked.ticketUrl}`;
    const attendees = [{ name: 'Müller, "Jo"; Ops', email: 'jo@acme.example' }];
    const ics = invitationIcs({ ...booked, summary, description, attendees }, 'REQUEST');

    const { event } = parse(ics);
    expect(event.getFirstPropertyValue('summary')).toBe(summary);
    expect(event.getFirstPropertyValue('description')).toBe(description);
    expect(people(event, 'attendee')[1]?.cn).toBe('Müller, "Jo"; Ops');

    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/); // no bare CR or LF
    const lines = ics.slice(0, -2).split('\r\n');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // long lines were folded
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  });

  it('lists an address once even when a CC is also the host or repeated', () => {
    const attendees = [
      { name: 'Lena Novak', email: 'lena@acme.example' },
      { name: null, email: 'ANA@desk.example' },
      { name: null, email: 'Lena@Acme.example' },
    ];
    const { event } = parse(invitationIcs({ ...booked, attendees }, 'REQUEST'));
    expect(people(event, 'attendee').map((p) => p.address)).toEqual([
      'mailto:ana@desk.example',
      'mailto:lena@acme.example',
    ]);
  });

  it('leaves LOCATION and URL out when the call has no video link', () => {
    const { event } = parse(invitationIcs({ ...booked, videoUrl: null }, 'REQUEST'));
    expect(event.hasProperty('location')).toBe(false);
    expect(event.hasProperty('url')).toBe(false);
  });
});

describe("the host's calendar copy", () => {
  it('has no METHOD, is CONFIRMED, and tells a scheduling server not to mail the attendees', () => {
    const { calendar, event } = parse(calendarCopyIcs({ ...booked, sequence: 1 }));
    expect(calendar.hasProperty('method')).toBe(false);
    expect(event.getFirstPropertyValue('uid')).toBe(booked.uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(utcOf(event, 'dtstart')).toBe('2026-03-27T14:00:00.000Z');
    const scheduled = [...event.getAllProperties('organizer'), ...event.getAllProperties('attendee')];
    expect(scheduled).toHaveLength(4);
    for (const p of scheduled) expect(p.getParameter('schedule-agent')).toBe('CLIENT');
  });
});
