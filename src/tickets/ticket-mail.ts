import type { Deps } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import { findContactsByIds } from '../people/index.js';
import { listTicketCcIds, type MessageRow, type TicketRow } from './ticket-store.js';

/**
 * Sends a public message to the requester and CCs through the outbox, in the caller's transaction.
 * Internal notes never come here.
 */
export async function mailPublicMessage(
  deps: Deps,
  ticket: TicketRow,
  message: MessageRow,
  options: { exclude?: string } = {},
) {
  if (message.internal) return;
  const ccIds = (await listTicketCcIds(deps.db, [ticket.id])).map((c) => c.contactId);
  const people = await findContactsByIds(deps.db, [ticket.requesterId, ...ccIds]);
  const requester = people.find((p) => p.id === ticket.requesterId);
  const to = requester && requester.id !== options.exclude ? [requester.email] : [];
  const cc = people.filter((p) => p.id !== ticket.requesterId && p.id !== options.exclude).map((p) => p.email);
  if (to.length === 0 && cc.length === 0) return;
  await queueMail(deps, {
    purpose: message.authorKind === 'system' ? 'system-notice' : 'agent-reply',
    automatic: message.authorKind === 'system',
    to: to.length > 0 ? to : cc,
    cc: to.length > 0 ? cc : [],
    subject: `[#${ticket.id}] ${ticket.subject}`,
    text: `${message.bodyText}\n\n--\n${message.authorName} · ${deps.config.supportName}\nTicket #${ticket.id}: ${deps.config.publicUrl}/portal/tickets/${ticket.id}`,
    ticketId: ticket.id,
    messageId: message.id,
  });
}
