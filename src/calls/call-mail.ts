import { DateTime } from 'luxon';
import type { Deps } from '../deps.js';
import { queueTicketMail } from '../mail/outbound/queue-ticket-mail.js';
import type { AgentRow } from '../people/index.js';
import type { TicketRow } from '../tickets/ticket-store.js';
import { findCalendar } from './call-store.js';
import { calendarCopyIcs, type InvitationCall, invitationIcs } from './invitation.js';
import { joinUrl } from './offers.js';
import type { CallRow } from './tables.js';

// The call by mail: an iCalendar invitation (REQUEST, or CANCEL with the same UID and a higher
// SEQUENCE) to each attendee in To — clients load events only for To — threaded into the ticket's
// conversation. The host's copy goes to their own calendar over CalDAV when they have one (mailing
// it too would make a duplicate there), else by mail.

export function whenText(call: Pick<CallRow, 'startsAt' | 'endsAt'>, zone: string): string {
  const start = DateTime.fromJSDate(call.startsAt, { zone });
  const end = DateTime.fromJSDate(call.endsAt, { zone });
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} (${zone})`;
}

/** Text from tickets and people goes into iCalendar lines: no control characters (a bare CR ends a line for some readers). */
const clean = (text: string) =>
  Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    return (code < 32 && c !== '\t' && c !== '\n') || code === 127 ? ' ' : c;
  }).join('');

export function invitationOf(
  deps: Deps,
  call: CallRow,
  ticket: TicketRow,
  host: AgentRow,
  attendees: { name: string | null; email: string }[],
  link: string | null,
): InvitationCall {
  const ticketUrl = `${deps.config.publicUrl}/portal/tickets/${ticket.id}`;
  return {
    uid: call.icalUid,
    sequence: call.sequence,
    start: call.startsAt,
    end: call.endsAt,
    summary: clean(`Support call: #${ticket.id} ${ticket.subject}`),
    description: clean(
      [
        `${host.name} (${deps.config.supportName}) about ticket #${ticket.id}: ${ticket.subject}`,
        link ? `Join: ${link}` : 'No video link: your engineer will call you.',
        `Ticket, and to move or cancel the call: ${ticketUrl}`,
      ].join('\n'),
    ),
    videoUrl: link,
    ticketUrl,
    organizer: { name: clean(`${host.name} (${deps.config.supportName})`), email: deps.config.supportAddress },
    host: { name: clean(host.name), email: host.email },
    attendees: attendees.map((a) => ({ name: a.name === null ? null : clean(a.name), email: clean(a.email) })),
    stamp: deps.clock.now(),
  };
}

type Change = 'booked' | 'moved' | 'cancelled';

const HEADLINE: Record<Change, string> = {
  booked: 'Your call is booked',
  moved: 'Your call has moved',
  cancelled: 'Your call is cancelled',
};

/** Queues the invitation (or its update or cancellation) to the customer, the ticket's CCs and, without a calendar, the host. */
export async function mailInvitation(
  deps: Deps,
  call: CallRow,
  ticket: TicketRow,
  host: AgentRow,
  change: Change,
  note?: string,
) {
  const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const people = [call.customerEmail, ...call.attendees];
  const customerLink = call.videoUrl ? joinUrl(deps, call.id, 'customer') : null;
  const attendees = people.map((email) => ({ name: null, email }));
  const zone = call.customerZone ?? 'UTC';
  const when = whenText(call, zone);
  const ics = invitationIcs(invitationOf(deps, call, ticket, host, attendees, customerLink), method);
  const text = [
    `${HEADLINE[change]}: ${when}, with ${host.name}.`,
    ...(note ? ['', note] : []),
    ...(change !== 'cancelled' && customerLink ? ['', `Join the call: ${customerLink}`] : []),
    '',
    `To move or cancel it, open your ticket: ${deps.config.publicUrl}/portal/tickets/${ticket.id}`,
  ].join('\n');
  const subject = `${change === 'cancelled' ? 'Cancelled' : change === 'moved' ? 'Moved' : 'Invitation'}: support call ${when} [#${ticket.id}]`;
  for (const to of people) {
    await queueTicketMail(deps, {
      ticket,
      purpose: `call-${change}`,
      to: [to],
      subject,
      text,
      automatic: 'auto-generated',
      calendar: { method, content: ics },
    });
  }
  const calendar = await findCalendar(deps.db, host.id);
  if (calendar?.kind !== 'caldav') {
    const hostIcs = invitationIcs(
      invitationOf(deps, call, ticket, host, attendees, call.videoUrl ? joinUrl(deps, call.id, 'host') : null),
      method,
    );
    await queueTicketMail(deps, {
      ticket,
      purpose: `call-${change}-host`,
      to: [host.email],
      subject,
      text: `${change === 'cancelled' ? 'Cancelled' : 'Call'}: ${whenText(call, host.timeZone)} with ${call.customerEmail} about #${ticket.id} ${ticket.subject}.\n${deps.config.publicUrl}/tickets/${ticket.id}`,
      automatic: 'auto-generated',
      calendar: { method, content: hostIcs },
    });
  }
}

/** The host's CalDAV copy (no METHOD), with their own join link. */
export function hostCopyIcs(deps: Deps, call: CallRow, ticket: TicketRow, host: AgentRow): string {
  const attendees = [call.customerEmail, ...call.attendees].map((email) => ({ name: null, email }));
  return calendarCopyIcs(
    invitationOf(deps, call, ticket, host, attendees, call.videoUrl ? joinUrl(deps, call.id, 'host') : null),
  );
}
