import { recordEvent } from '../audit/index.js';
import { type Actor, auditActor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { followMerges } from './story-store.js';
import type { CcVia } from './tables.js';
import { addTicketCcs, findTicket, listTicketCcIds } from './ticket-store.js';
import { visibilityOf } from './visibility.js';

/** A ticket with its requester and CCs, for deciding whether a sender belongs to it. */
export async function findTicketParticipants(deps: Deps, ticketId: number) {
  const ticket = await findTicket(deps.db, ticketId, { kind: 'all' });
  if (!ticket) return undefined;
  const ccIds = (await listTicketCcIds(deps.db, [ticketId])).map((c) => c.contactId);
  return { ticket, ccIds };
}

/** The ticket a ticket's conversation continues on: itself, or where it was merged into. */
export async function whereTicketContinues(deps: Deps, ticketId: number): Promise<number> {
  return followMerges(deps.db, ticketId);
}

/**
 * Whether a contact takes part in a ticket: its requester, a CC, or a colleague where the
 * organization shares tickets. The same rule decides who may read it, by every route.
 */
export async function isTicketParticipant(deps: Deps, actor: Actor, ticketId: number): Promise<boolean> {
  return (await findTicket(deps.db, ticketId, visibilityOf(actor))) !== undefined;
}

/**
 * Adds CCs (people copied on mail about the ticket); the requester never becomes their own CC. The
 * actor is who copied them: the sender of a reply that had them in Cc, or the admin who accepted a mail.
 */
export async function addTicketParticipants(
  deps: Deps,
  actor: Actor,
  ticketId: number,
  contactIds: string[],
  via: CcVia = 'added',
) {
  const found = await findTicketParticipants(deps, ticketId);
  if (!found) return [];
  const fresh = [...new Set(contactIds)].filter((id) => id !== found.ticket.requesterId && !found.ccIds.includes(id));
  if (fresh.length === 0) return [];
  const now = deps.clock.now();
  await addTicketCcs(deps.db, ticketId, fresh, now, { ...auditActor(actor), via });
  await recordEvent(deps.db, {
    actor,
    at: now,
    action: 'ticket.ccs-added',
    entityType: 'ticket',
    entityId: ticketId,
    ticketId,
    data: { contactIds: fresh, via },
  });
  return fresh;
}
