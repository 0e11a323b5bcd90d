import { recordEvent } from '../audit/index.js';
import type { Actor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { ticketChanged } from '../tickets/lifecycle.js';
import { presentTicket } from '../tickets/present.js';
import { addTicketCcs, findTicket, listTicketCcIds, updateTicketRow } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { colleaguesByEmail } from './colleagues.js';

/** A customer copies colleagues onto a ticket they can see; they hear its replies from then on. */
export async function addColleagueCcs(deps: Deps, actor: Actor, number: number, emails: string[]) {
  if (actor.kind !== 'contact')
    throw new AppError('FORBIDDEN', 'Customers add colleagues here; agents change CCs on the ticket.');
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, number, visibilityOf(actor), { forUpdate: true });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
    if (ticket.status === 'closed') throw new AppError('TICKET_CLOSED', `Ticket #${number} is closed.`);
    const colleagues = await colleaguesByEmail(tx.db, actor.organizationId, emails);
    const current = (await listTicketCcIds(tx.db, [ticket.id])).map((c) => c.contactId);
    const added = colleagues.map((c) => c.id).filter((id) => id !== ticket.requesterId && !current.includes(id));
    if (added.length === 0) return presentTicket(tx, actor, ticket);
    const now = tx.clock.now();
    await addTicketCcs(tx.db, ticket.id, added, now, {
      kind: 'contact',
      id: actor.contactId,
      name: actor.name,
      via: 'added',
    });
    // the customer sees the CC list: it is an update they see
    const changed = await updateTicketRow(tx.db, ticket.id, { updatedAt: now, customerUpdatedAt: now });
    const updated = await ticketChanged(tx, { kind: 'updated', before: ticket, ticket: changed }, (fields) =>
      updateTicketRow(tx.db, ticket.id, fields),
    );
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'ticket.updated',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: { changes: { ccs: { from: current, to: [...current, ...added] } } },
    });
    return presentTicket(tx, actor, updated);
  });
}
