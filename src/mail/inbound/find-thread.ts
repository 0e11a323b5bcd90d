import type { Deps } from '../../deps.js';
import { findContactByEmail } from '../../people/index.js';
import { findTicketParticipants } from '../../tickets/participants.js';
import { findTicketIdByRfcMessageIds, findTicketIdByThreadIndexRoot, type InboundMailRow } from '../mail-store.js';
import { mailAddresses } from '../outbox.js';
import type { ParsedMail } from './parse-mail.js';

export type ThreadReason = 'reply-token' | 'in-reply-to' | 'references' | 'thread-index' | 'subject-tag';

export interface Thread {
  ticketId: number;
  reason: ThreadReason;
  detail?: string;
}

const SUBJECT_TAG = /\[#(\d{1,15})\]/;

/**
 * Which ticket a mail belongs to, most certain signal first; the first that names an existing ticket
 * wins, and the reason is recorded on the message:
 *   1. a signed reply address (support+t123-…) in the envelope, Delivered-To, To or Cc
 *   2. In-Reply-To, then References (newest first): our signed ids, or any Message-ID we sent or received
 *   3. Outlook's Thread-Index conversation
 *   4. the subject tag [#123], only from the requester, a CC or a contact of the ticket's organization:
 *      a stranger cannot write into someone else's ticket by guessing its number
 * Otherwise undefined: the mail opens a new ticket.
 */
export async function findThread(
  deps: Deps,
  row: InboundMailRow,
  mail: ParsedMail,
  sender: string,
): Promise<Thread | undefined> {
  const addresses = mailAddresses(deps);
  const exists = async (ticketId: number) => (await findTicketParticipants(deps, ticketId)) !== undefined;

  const recipients = [
    ...row.envelopeTo,
    ...mail.deliveredTo,
    ...mail.to.map((a) => a.address),
    ...mail.cc.map((a) => a.address),
  ];
  for (const address of recipients) {
    const ticketId = addresses.ticketFromAddress(address);
    if (ticketId !== undefined && (await exists(ticketId))) return { ticketId, reason: 'reply-token', detail: address };
  }

  for (const [reason, ids] of [
    ['in-reply-to', mail.inReplyTo],
    ['references', [...mail.references].reverse()],
  ] as const) {
    for (const id of ids) {
      const ticketId = addresses.ticketFromMessageId(id);
      if (ticketId !== undefined && (await exists(ticketId))) return { ticketId, reason, detail: id };
    }
    const known = await findTicketIdByRfcMessageIds(
      deps.db,
      ids.filter((id) => id !== mail.messageId),
    );
    if (known) return { ticketId: known.ticketId, reason, detail: known.id };
  }

  if (mail.threadIndexRoot) {
    const ticketId = await findTicketIdByThreadIndexRoot(deps.db, mail.threadIndexRoot);
    if (ticketId !== undefined) return { ticketId, reason: 'thread-index' };
  }

  const tag = SUBJECT_TAG.exec(mail.subject);
  if (tag) {
    const found = await findTicketParticipants(deps, Number(tag[1]));
    const contact = await findContactByEmail(deps.db, sender);
    if (found && contact) {
      const { ticket, ccIds } = found;
      const belongs =
        contact.id === ticket.requesterId ||
        ccIds.includes(contact.id) ||
        (ticket.organizationId !== null && contact.organizationId === ticket.organizationId);
      if (belongs) return { ticketId: ticket.id, reason: 'subject-tag', detail: tag[0] };
    }
  }
  return undefined;
}
