import ICAL from 'ical.js';

// iCalendar for a booked call: the iTIP invitation mailed to the customer (RFC 5546 REQUEST/CANCEL)
// and the host's own copy written by CalDAV. ical.js writes the format (CRLF, folding, escaping);
// this file only decides what the event says. See /work/shared/notes/calls.md §2.

export interface InvitationCall {
  /** one per call for its whole life (random, no personal data) */
  uid: string;
  /** bumped on each reschedule/cancel */
  sequence: number;
  /** written in UTC (…Z), so no VTIMEZONE is needed */
  start: Date;
  end: Date;
  /** e.g. "Support call: #42 Checkout is slow" */
  summary: string;
  /** plain text: the video link, the ticket link, who hosts */
  description: string;
  /** LOCATION and URL when set */
  videoUrl: string | null;
  ticketUrl: string;
  /** the desk's support address with the host's name */
  organizer: { name: string; email: string };
  /** ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED */
  host: { name: string; email: string };
  /** customer + CCs: ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE */
  attendees: { name: string | null; email: string }[];
  /** DTSTAMP: when this message is made (the clock's now) */
  stamp: Date;
}

const PRODID = '-//Pipefitter//Support calls//EN';
const REMINDER_SECONDS = 15 * 60;

/** The invitation (REQUEST) or its cancellation (CANCEL, same UID, STATUS:CANCELLED) as mailed. */
export function invitationIcs(call: InvitationCall, method: 'REQUEST' | 'CANCEL'): string {
  const calendar = vcalendar();
  calendar.updatePropertyWithValue('method', method);
  const event = vevent(call, method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED', {
    rsvp: method === 'REQUEST',
    scheduleAgentClient: false,
  });
  // a reminder only with a call that takes place; RFC 5546 §3.2.5 forbids VALARM in CANCEL
  if (method === 'REQUEST') event.addSubcomponent(reminder(call.summary));
  calendar.addSubcomponent(event);
  return serialise(calendar);
}

/** The host's copy for their CalDAV calendar: a stored object, so no METHOD (RFC 4791 §4.1). */
export function calendarCopyIcs(call: InvitationCall): string {
  const calendar = vcalendar();
  // SCHEDULE-AGENT=CLIENT (RFC 6638 §7.1): the desk mails the invitations itself, so a scheduling
  // server (Nextcloud, Fastmail) must not send its own on this PUT (Cal.com #9485, calrs #141)
  calendar.addSubcomponent(vevent(call, 'CONFIRMED', { rsvp: false, scheduleAgentClient: true }));
  return serialise(calendar);
}

function vcalendar() {
  const calendar = new ICAL.Component('vcalendar');
  calendar.updatePropertyWithValue('prodid', PRODID);
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  return calendar;
}

function vevent(
  call: InvitationCall,
  status: 'CONFIRMED' | 'CANCELLED',
  options: { rsvp: boolean; scheduleAgentClient: boolean },
) {
  const event = new ICAL.Component('vevent');
  event.updatePropertyWithValue('uid', call.uid);
  // written from 0 on: receivers order updates by SEQUENCE, then DTSTAMP (RFC 5546 §2.1.5)
  event.updatePropertyWithValue('sequence', call.sequence);
  event.updatePropertyWithValue('dtstamp', utc(call.stamp));
  event.updatePropertyWithValue('dtstart', utc(call.start));
  event.updatePropertyWithValue('dtend', utc(call.end));
  event.updatePropertyWithValue('summary', call.summary);
  event.updatePropertyWithValue('description', call.description);
  if (call.videoUrl) {
    event.updatePropertyWithValue('location', call.videoUrl);
    event.updatePropertyWithValue('url', call.videoUrl);
  }
  event.updatePropertyWithValue('status', status);
  event.updatePropertyWithValue('transp', 'OPAQUE');

  const scheduleAgent: Record<string, string> = options.scheduleAgentClient ? { 'schedule-agent': 'CLIENT' } : {};
  event.addProperty(person('organizer', call.organizer, scheduleAgent));
  event.addProperty(
    person('attendee', call.host, { cutype: 'INDIVIDUAL', role: 'CHAIR', partstat: 'ACCEPTED', ...scheduleAgent }),
  );
  // one line per address: a CC who is also the host or listed twice would get two entries
  const seen = new Set([call.host.email.toLowerCase()]);
  for (const attendee of call.attendees) {
    const key = attendee.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    event.addProperty(
      person('attendee', attendee, {
        cutype: 'INDIVIDUAL',
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        ...(options.rsvp ? { rsvp: 'TRUE' } : {}),
        ...scheduleAgent,
      }),
    );
  }
  return event;
}

function person(
  name: 'organizer' | 'attendee',
  who: { name: string | null; email: string },
  parameters: Record<string, string>,
) {
  const property = new ICAL.Property(name);
  if (who.name) property.setParameter('cn', who.name);
  for (const [key, value] of Object.entries(parameters)) property.setParameter(key, value);
  property.setValue(`mailto:${who.email}`);
  return property;
}

function reminder(summary: string) {
  const alarm = new ICAL.Component('valarm');
  alarm.updatePropertyWithValue('action', 'DISPLAY');
  alarm.updatePropertyWithValue('description', summary);
  alarm.updatePropertyWithValue('trigger', ICAL.Duration.fromSeconds(-REMINDER_SECONDS));
  return alarm;
}

function utc(date: Date) {
  return ICAL.Time.fromJSDate(date, true);
}

function serialise(calendar: InstanceType<typeof ICAL.Component>) {
  // ical.js folds to foldLength octets and then prefixes the continuation with a space, so at 75 a
  // continuation line is 76 octets; 74 keeps every line within RFC 5545's 75. Set and restored
  // around this synchronous call, so no other user of ical.js sees it.
  const foldLength = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    // every content line ends in CRLF, the last one too (RFC 5545 §3.1)
    return `${calendar.toString()}\r\n`;
  } finally {
    ICAL.foldLength = foldLength;
  }
}
