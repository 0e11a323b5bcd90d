import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { findTicket, listTicketCcIds, type TicketRow, type Visibility } from './ticket-store.js';

export function visibilityOf(actor: Actor): Visibility {
  if (actor.kind !== 'contact') return { kind: 'all' };
  return {
    kind: 'contact',
    contactId: actor.contactId,
    organizationId: actor.organizationId,
    shareTickets: actor.shareTickets,
  };
}

/** What the visibility rule needs to know about one ticket. */
export interface TicketAudience {
  requesterId: string | null;
  organizationId: string | null;
  /** null when unknown (too many to carry in a live event): ask the store */
  ccIds: string[] | null;
}

// a NOTIFY payload holds 8000 bytes; 50 ids are about 2000
const MAX_CC_IDS = 50;

export async function ticketAudience(
  deps: Deps,
  ticket: Pick<TicketRow, 'id' | 'requesterId' | 'organizationId'>,
): Promise<TicketAudience> {
  const ccIds = (await listTicketCcIds(deps.db, [ticket.id])).map((c) => c.contactId);
  return {
    requesterId: ticket.requesterId,
    organizationId: ticket.organizationId,
    ccIds: ccIds.length <= MAX_CC_IDS ? ccIds : null,
  };
}

/**
 * The visibility rule of ticket-store's visibleTo (requester, CC, shared organization), for a ticket
 * already in hand; the live stream judges each event by it. Keep the two together. Undefined when
 * the CCs are unknown.
 */
export function canSee(visibility: Visibility, ticket: TicketAudience): boolean | undefined {
  if (visibility.kind === 'all') return true;
  if (ticket.requesterId === visibility.contactId) return true;
  if (
    visibility.shareTickets &&
    visibility.organizationId !== null &&
    ticket.organizationId === visibility.organizationId
  )
    return true;
  if (ticket.ccIds === null) return undefined;
  return ticket.ccIds.includes(visibility.contactId);
}

/** The same question asked of the store, for when a ticket's CCs were too many to carry. */
export async function canSeeTicket(deps: Deps, actor: Actor, ticketId: number): Promise<boolean> {
  return (await findTicket(deps.db, ticketId, visibilityOf(actor))) !== undefined;
}
