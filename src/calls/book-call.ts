import { randomBytes, randomUUID } from 'node:crypto';
import { recordEvent } from '../audit/index.js';
import { type Actor, type AgentActor, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { notifyAgent } from '../notifications/notify-agent.js';
import {
  assertTimeZone,
  findAgentByEmail,
  findAgentById,
  findContactById,
  findContactsByIds,
  findOrganizationById,
} from '../people/index.js';
import { isExclusionViolation } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { findTicket, listTicketCcIds, type TicketRow } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { mailInvitation, whenText } from './call-mail.js';
import { findRoom, insertCall, listCallsOfTicket } from './call-store.js';
import { activeCallType } from './call-types.js';
import { findSlots, type Slot } from './find-slots.js';
import { scheduleCallJobs } from './jobs.js';
import { callUid, type OfferClaims } from './offers.js';
import { presentCall } from './present-call.js';
import type { CallRow, CallTypeRow } from './tables.js';

// Booking a call: the chosen start must be one of the slots the desk would offer (API callers
// cannot skip the roster, the notice or the horizon), the host is picked inside the transaction,
// and the database's exclusion constraint is the last word when two people race for one slot.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const ATTEMPTS = 3;

export interface BookCallInput {
  type: string;
  start: string;
  agentEmail?: string;
  /** the customer's IANA zone, for what they are told */
  zone?: string;
}

/** Who is booking and what allows it: an agent, the ticket's customer, or whoever holds an offer link. */
export type Booker = { actor: Actor } | { offer: OfferClaims };

async function ticketFor(deps: Deps, booker: Booker, number: number): Promise<TicketRow> {
  const ticket =
    'offer' in booker
      ? await findTicket(deps.db, booker.offer.t, { kind: 'all' })
      : await findTicket(deps.db, number, visibilityOf(booker.actor));
  if (!ticket || ('offer' in booker && ticket.id !== number)) {
    throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  }
  if (ticket.status === 'closed') throw new AppError('TICKET_CLOSED', `Ticket #${number} is closed.`);
  return ticket;
}

/** The type may be booked here: an offer names its type; a customer on their own needs an entitled plan. */
export async function typeFor(deps: Deps, booker: Booker, ticket: TicketRow, typeId: string): Promise<CallTypeRow> {
  if ('offer' in booker && booker.offer.c !== typeId) {
    throw new AppError('OFFER_INVALID', 'This booking link is for another kind of call.');
  }
  const type = await activeCallType(deps, typeId);
  if ('actor' in booker && booker.actor.kind === 'contact' && type.plans.length > 0) {
    const organization = ticket.organizationId ? await findOrganizationById(deps.db, ticket.organizationId) : undefined;
    if (!organization || !type.plans.includes(organization.plan)) {
      throw new AppError('CALL_NOT_ENTITLED', `Your plan does not include ${type.name}.`);
    }
  }
  return type;
}

const isAgent = (booker: Booker): booker is { actor: AgentActor } => 'actor' in booker && booker.actor.kind === 'agent';

/** Free times as the API gives them; customers and link holders learn the engineer's name, not their address. */
export function presentSlots(slots: Slot[], options: { forCustomer?: boolean } = {}) {
  return slots.map((s) => ({
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    agent: { email: options.forCustomer ? '' : s.agent.email, name: s.agent.name },
  }));
}

async function hasUpcomingCall(deps: Deps, ticketId: number): Promise<boolean> {
  const now = deps.clock.now();
  return (await listCallsOfTicket(deps.db, ticketId)).some(
    (c) => c.status === 'booked' && c.endsAt > now && !c.emergency,
  );
}

// the next free times after a taken one: a week ahead is enough to choose from, and bounded work
const NEXT_SLOTS_DAYS = 7;

async function nextSlotsAfter(deps: Deps, booker: Booker, ticket: TicketRow, type: CallTypeRow, after: number) {
  const from = new Date(after);
  const to = new Date(after + Math.min(type.horizonDays, NEXT_SLOTS_DAYS) * DAY_MS);
  return presentSlots(await findSlots(deps, type, ticket, { from, to }, { ignoreNotice: isAgent(booker), limit: 5 }), {
    forCustomer: !isAgent(booker),
  });
}

function roomFor(type: CallTypeRow, personal: string | undefined): string | null {
  if (type.video === 'none') return null;
  if (type.video === 'template' && type.videoUrlTemplate) {
    // one unguessable room per call: whoever holds a past call's link cannot walk into the next one
    return type.videoUrlTemplate.replace('{room}', randomBytes(12).toString('base64url'));
  }
  return personal ?? null;
}

/** The ticket's thread says the call is booked; as the host, it answers the customer (SLA), unless configured off. */
export async function noteCallOnTicket(deps: Deps, call: CallRow, ticket: TicketRow, text: string, asReply: boolean) {
  const host = await findAgentById(deps.db, call.agentId);
  const actor: Actor =
    asReply && host ? { kind: 'agent', role: host.role, agentId: host.id, tokenId: null, name: host.name } : SYSTEM;
  await addMessageRecord(
    deps,
    actor,
    ticket.id,
    { body: text, internal: false, channel: 'call', notify: false },
    { trusted: true, keepStatus: true },
  );
}

export async function bookCall(deps: Deps, booker: Booker, number: number, input: BookCallInput) {
  const start = Date.parse(input.start);
  if (Number.isNaN(start)) throw new AppError('VALIDATION_FAILED', 'start must be an ISO 8601 instant.');
  if (input.zone) assertTimeZone(input.zone);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(deps, (tx) => bookOnce(tx, booker, number, input, start));
    } catch (err) {
      if (!isExclusionViolation(err)) throw err;
      // someone else took this host at this time a moment ago: look again (another host may be free)
      if (attempt < ATTEMPTS) continue;
      const ticket = await ticketFor(deps, booker, number);
      const type = await typeFor(deps, booker, ticket, input.type);
      throw new AppError('SLOT_TAKEN', 'Someone else just booked that time. Pick another.', {
        nextSlots: await nextSlotsAfter(deps, booker, ticket, type, start),
      });
    }
  }
}

async function bookOnce(deps: Deps, booker: Booker, number: number, input: BookCallInput, start: number) {
  const ticket = await ticketFor(deps, booker, number);
  const type = await typeFor(deps, booker, ticket, input.type);
  // only agents choose the host; a customer's choice would skip round robin (and probe staff addresses)
  const agentEmail = isAgent(booker) ? input.agentEmail : undefined;
  const wanted = agentEmail ? await findAgentByEmail(deps.db, agentEmail) : undefined;
  if (agentEmail && !wanted) throw new AppError('AGENT_NOT_FOUND', `No agent ${agentEmail}.`);
  if (!isAgent(booker) && (await hasUpcomingCall(deps, ticket.id))) {
    // one link, or one customer, cannot fill every host's days: move the booked call instead
    throw new AppError(
      'CALL_ALREADY_BOOKED',
      'This ticket already has a call booked. Move it instead of booking another.',
    );
  }
  const end = start + type.durationMinutes * MINUTE_MS;
  const [slot] = await findSlots(
    deps,
    type,
    ticket,
    { from: new Date(start), to: new Date(end) },
    { ignoreNotice: isAgent(booker), ...(wanted ? { onlyAgentId: wanted.id } : {}), limit: 1 },
  );
  if (!slot || slot.start !== start) {
    throw new AppError('SLOT_TAKEN', 'That time is not free. Pick another.', {
      nextSlots: await nextSlotsAfter(deps, booker, ticket, type, start),
    });
  }
  const host = slot.agent;
  const [requester, ccIds] = await Promise.all([
    ticket.requesterId ? findContactById(deps.db, ticket.requesterId) : undefined,
    listTicketCcIds(deps.db, [ticket.id]),
  ]);
  if (!requester) throw new AppError('REQUESTER_REQUIRED', 'The ticket has no customer to invite.');
  const ccs = (
    await findContactsByIds(
      deps.db,
      ccIds.map((c) => c.contactId),
    )
  ).map((c) => c.email);
  const now = deps.clock.now();
  const byContact =
    'actor' in booker && booker.actor.kind === 'contact'
      ? booker.actor.contactId
      : 'offer' in booker
        ? requester.id
        : null;
  const call = await insertCall(deps.db, {
    ticketId: ticket.id,
    callTypeId: type.id,
    agentId: host.id,
    startsAt: new Date(start),
    endsAt: new Date(end),
    holdFrom: new Date(start - type.bufferBeforeMinutes * MINUTE_MS),
    holdUntil: new Date(end + type.bufferAfterMinutes * MINUTE_MS),
    status: 'booked',
    videoUrl: roomFor(type, (await findRoom(deps.db, host.id))?.url),
    customerEmail: requester.email,
    attendees: ccs,
    customerZone: input.zone ?? null,
    bookedByAgentId: isAgent(booker) ? booker.actor.agentId : null,
    bookedByContactId: byContact,
    icalUid: callUid(deps, randomUUID()),
    sequence: 0,
    createdAt: now,
    updatedAt: now,
  });
  const actor: Actor = 'actor' in booker ? booker.actor : SYSTEM;
  await recordEvent(deps.db, {
    actor:
      'offer' in booker
        ? {
            kind: 'contact',
            contactId: requester.id,
            email: requester.email,
            name: requester.name ?? requester.email,
            organizationId: requester.organizationId,
            shareTickets: false,
            tokenId: null,
          }
        : actor,
    at: now,
    action: 'call.booked',
    entityType: 'call',
    entityId: call.id,
    ticketId: ticket.id,
    data: { start: call.startsAt.toISOString(), end: call.endsAt.toISOString(), host: host.email, type: type.name },
  });
  await noteCallOnTicket(
    deps,
    call,
    ticket,
    `Call booked: ${whenText(call, input.zone ?? host.timeZone)}, ${type.name} with ${host.name}.`,
    // the desk answered when an agent booked the call or offered the times; a customer booking on
    // their own from the portal has not been answered yet
    deps.config.callCountsAsReply && ('offer' in booker || isAgent(booker)),
  );
  const hostRow = await findAgentById(deps.db, host.id);
  if (hostRow) await mailInvitation(deps, call, ticket, hostRow, 'booked');
  if (!isAgent(booker) || booker.actor.agentId !== host.id) {
    await notifyAgent(deps, {
      agentId: host.id,
      kind: 'call',
      ticket,
      actorName: 'actor' in booker ? booker.actor.name : (requester.name ?? requester.email),
      title: `Call booked with you: ${whenText(call, host.timeZone)}`,
    });
  }
  await scheduleCallJobs(deps, call, 'booked');
  const forCustomer = !isAgent(booker);
  return presentCall(deps, call, { forCustomer });
}
