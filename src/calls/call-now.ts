import { randomBytes, randomUUID } from 'node:crypto';
import { recordEvent } from '../audit/index.js';
import type { Actor } from '../auth/actor.js';
import { SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import { notifyAgent } from '../notifications/notify-agent.js';
import { whoIsOnCall } from '../oncall/oncall.js';
import { findContactById, findOrganizationById } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { findTicket } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { findRoom, insertCall, listCallsOfTicket } from './call-store.js';
import { callUid, joinUrl } from './offers.js';
import { presentCall } from './present-call.js';

// "Call me now": on an urgent ticket from an organization whose plan buys on-call (ONCALL_PLANS),
// the customer opens a live room and the engineer on call is paged with the link; their following
// it is the acknowledgement, noted on the ticket (join-call.ts).

const MINUTE_MS = 60_000;
const EMERGENCY_MINUTES = 30;

export async function callNow(deps: Deps, actor: Actor, number: number) {
  if (actor.kind !== 'contact') throw new AppError('FORBIDDEN', 'Only the customer asks for a call now.');
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, number, visibilityOf(actor), { forUpdate: true });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
    if (ticket.status === 'closed') throw new AppError('TICKET_CLOSED', `Ticket #${number} is closed.`);
    // the ticket's own customer or a colleague in its organization, not a CC from outside
    if (
      ticket.requesterId !== actor.contactId &&
      (!actor.organizationId || actor.organizationId !== ticket.organizationId)
    ) {
      throw new AppError('FORBIDDEN', 'Only the ticket’s customer asks for a call now.');
    }
    const organization = ticket.organizationId ? await findOrganizationById(tx.db, ticket.organizationId) : undefined;
    if (ticket.priority !== 'urgent' || !organization || !tx.config.oncallPlans.includes(organization.plan)) {
      throw new AppError('CALL_NOT_ENTITLED', 'A call now is for urgent tickets on plans with on-call support.');
    }
    const now = tx.clock.now();
    // asking again (a second tab, an impatient click) joins the call already ringing, pages nobody twice
    const ringing = (await listCallsOfTicket(tx.db, ticket.id)).find(
      (c) => c.emergency && c.status === 'booked' && c.endsAt > now,
    );
    if (ringing) return presentCall(tx, ringing, { forCustomer: true });
    const onCall = await whoIsOnCall(tx);
    if (!onCall) throw new AppError('CALL_NO_HOST', 'Nobody is on call right now; your ticket is with the team.');
    const personal = (await findRoom(tx.db, onCall.id))?.url;
    const template = tx.config.callRoomUrlTemplate;
    const videoUrl = personal ?? template?.replace('{room}', randomBytes(12).toString('base64url'));
    if (!videoUrl) throw new AppError('CALL_NO_HOST', 'No video room is set up for emergency calls.');
    const requester = ticket.requesterId ? await findContactById(tx.db, ticket.requesterId) : undefined;
    const call = await insertCall(tx.db, {
      ticketId: ticket.id,
      callTypeId: null,
      agentId: onCall.id,
      startsAt: now,
      endsAt: new Date(now.getTime() + EMERGENCY_MINUTES * MINUTE_MS),
      holdFrom: now,
      holdUntil: new Date(now.getTime() + EMERGENCY_MINUTES * MINUTE_MS),
      status: 'booked',
      videoUrl,
      customerEmail: requester?.email ?? actor.email,
      attendees: [],
      customerZone: null,
      bookedByContactId: actor.contactId,
      icalUid: callUid(tx, randomUUID()),
      emergency: true,
      // the customer is there: they asked for it and get the link at once
      customerJoinedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const answer = joinUrl(tx, call.id, 'host');
    await queueMail(tx, {
      purpose: 'call-now-page',
      to: [onCall.email],
      subject: `[#${ticket.id}] CALL NOW: ${actor.name} is waiting in a video room`,
      text: `${actor.name} (${organization.name}) asked for a call now on urgent ticket #${ticket.id}: ${ticket.subject}\n\nJoin them (this tells the desk you answered): ${answer}\n\nTicket: ${tx.config.publicUrl}/tickets/${ticket.id}`,
      headers: { Importance: 'high', 'X-Priority': '1' },
      ticketId: ticket.id,
    });
    await notifyAgent(tx, {
      agentId: onCall.id,
      kind: 'call',
      ticket,
      actorName: actor.name,
      title: `${actor.name} is waiting for you in a call now`,
      excerpt: answer,
    });
    await addMessageRecord(
      tx,
      SYSTEM,
      ticket.id,
      {
        body: `${actor.name} asked for a call now; paged ${onCall.name}, on call.`,
        internal: true,
        channel: 'system',
        notify: false,
      },
      { trusted: true, keepStatus: true },
    );
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'call.emergency',
      entityType: 'call',
      entityId: call.id,
      ticketId: ticket.id,
      data: { host: onCall.email },
    });
    return presentCall(tx, call, { forCustomer: true });
  });
}
