import type { Deps } from '../deps.js';
import { queueTicketMail } from '../mail/outbound/queue-ticket-mail.js';
import { findContactsByIds } from '../people/index.js';
import { listTicketCcIds, type MessageRow, type TicketRow } from './ticket-store.js';

/**
 * Mails a public message to the requester and CCs, threaded, in the caller's transaction.
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
  await queueTicketMail(deps, {
    ticket,
    message,
    purpose: message.authorKind === 'system' ? 'system-notice' : 'agent-reply',
    ...(message.authorKind === 'system' ? { automatic: 'auto-generated' as const } : {}),
    to: to.length > 0 ? to : cc,
    cc: to.length > 0 ? cc : [],
    text: `${message.bodyText}\n\n--\n${message.authorName} · ${deps.config.supportName}\nTicket #${ticket.id}: ${deps.config.publicUrl}/portal/tickets/${ticket.id}`,
  });
}
