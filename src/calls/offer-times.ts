import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { findTicket } from '../tickets/ticket-store.js';
import { activeCallType } from './call-types.js';
import { findSlots } from './find-slots.js';
import { offerToken, offerUrl, readOffer } from './offers.js';

// "Offer times": the agent posts a signed, expiring booking link in the thread (mailed like any
// reply); whoever the customer shares it with can pick a time without signing in.

const DAY_MS = 86_400_000;

export async function offerTimes(deps: Deps, actor: Actor, number: number, input: { type: string; message?: string }) {
  requireAgent(actor);
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, number, { kind: 'all' });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
    if (ticket.status === 'closed') throw new AppError('TICKET_CLOSED', `Ticket #${number} is closed.`);
    const type = await activeCallType(tx, input.type);
    const now = tx.clock.now();
    // there must be a time to offer, or the customer gets a link to an empty page
    const ahead = await findSlots(
      tx,
      type,
      ticket,
      { from: now, to: new Date(now.getTime() + type.horizonDays * DAY_MS) },
      { limit: 1 },
    );
    if (ahead.length === 0) {
      throw new AppError('SLOT_UNAVAILABLE', `No free time for ${type.name} in the next ${type.horizonDays} days.`);
    }
    const expiresAt = new Date(now.getTime() + deps.config.callOfferDays * DAY_MS);
    const url = offerUrl(tx, offerToken(tx, ticket.id, type.id, expiresAt));
    const intro =
      input.message?.trim() || `Let's talk it through on a call (${type.name}, ${type.durationMinutes} minutes).`;
    const { message } = await addMessageRecord(tx, actor, ticket.id, {
      body: `${intro}\n\nPick a time that suits you: ${url}`,
      internal: false,
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'call.offered',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: { type: type.name, expiresAt: expiresAt.toISOString() },
    });
    return { url, expiresAt: expiresAt.toISOString(), messageId: message.id };
  });
}

/** What an offer link shows before booking: the ticket's subject, the type, and its free times. */
export async function describeOffer(deps: Deps, token: string, window: { from?: string; to?: string }) {
  const offer = readOffer(deps, token);
  const ticket = await findTicket(deps.db, offer.t, { kind: 'all' });
  if (!ticket || ticket.status === 'closed') throw new AppError('OFFER_INVALID', 'This ticket is closed.');
  const type = await activeCallType(deps, offer.c);
  const now = deps.clock.now();
  const from = window.from ? new Date(window.from) : now;
  // whoever holds the link asks for at most two weeks at a time: bounded work for a stranger's request
  const to = new Date(
    Math.min(
      window.to ? new Date(window.to).getTime() : Number.POSITIVE_INFINITY,
      from.getTime() + 14 * DAY_MS,
      now.getTime() + type.horizonDays * DAY_MS,
    ),
  );
  const slots = await findSlots(deps, type, ticket, { from, to });
  return {
    ticket: { number: ticket.id, subject: ticket.subject },
    type: { id: type.id, name: type.name, durationMinutes: type.durationMinutes },
    expiresAt: new Date(offer.e).toISOString(),
    slots: slots.map((s) => ({
      start: new Date(s.start).toISOString(),
      end: new Date(s.end).toISOString(),
      // a stranger with the link learns the engineer's name, not their address
      agent: { name: s.agent.name },
    })),
  };
}
