import type { Deps } from '../../deps.js';
import { findTicketParticipants, whereTicketContinues } from '../../tickets/participants.js';
import { findTicketIdByRfcMessageIds, findTicketIdByThreadIndexRoot, type InboundMailRow } from '../mail-store.js';
import { mailAddresses } from '../outbox.js';
import type { ParsedMail } from './parse-mail.js';

export type ThreadReason = 'reply-token' | 'in-reply-to' | 'references' | 'thread-index' | 'subject-tag';

export interface Thread {
  ticketId: number;
  reason: ThreadReason;
  detail?: string;
  /**
   * the mail carries something only the people we mailed know: our signed reply address, or a
   * Message-ID we minted. A Message-ID we received, a Thread-Index or a subject tag is no secret.
   */
  secret: boolean;
}

const SUBJECT_TAG = /\[#(\d{1,15})\]/;

/**
 * Which ticket a mail refers to, most certain signal first; the first that names an existing ticket
 * wins, and the reason is recorded on the message:
 *   1. a signed reply address (support+t123-…) in the envelope, Delivered-To, To or Cc
 *   2. In-Reply-To, then References (newest first): our signed ids, or any Message-ID we sent or received
 *   3. Outlook's Thread-Index conversation
 *   4. the subject tag [#123]
 * Whether the sender may write on that ticket is decided by the caller (process-inbound.ts): only
 * the ticket's participants may, so none of these signals lets a stranger in.
 */
export async function findThread(deps: Deps, row: InboundMailRow, mail: ParsedMail): Promise<Thread | undefined> {
  const thread = await findThreadOf(deps, row, mail);
  if (!thread) return undefined;
  // a merged ticket's conversation continues on the ticket it was merged into: so does its mail
  const continued = await whereTicketContinues(deps, thread.ticketId);
  if (continued === thread.ticketId) return thread;
  const via = `#${thread.ticketId} was merged into #${continued}`;
  return { ...thread, ticketId: continued, detail: thread.detail ? `${thread.detail}; ${via}` : via };
}

async function findThreadOf(deps: Deps, row: InboundMailRow, mail: ParsedMail): Promise<Thread | undefined> {
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
    if (ticketId !== undefined && (await exists(ticketId))) {
      return { ticketId, reason: 'reply-token', detail: address, secret: true };
    }
  }

  for (const [reason, ids] of [
    ['in-reply-to', mail.inReplyTo],
    ['references', [...mail.references].reverse()],
  ] as const) {
    for (const id of ids) {
      const ticketId = addresses.ticketFromMessageId(id);
      if (ticketId !== undefined && (await exists(ticketId))) return { ticketId, reason, detail: id, secret: true };
    }
    const known = await findTicketIdByRfcMessageIds(
      deps.db,
      ids.filter((id) => id !== mail.messageId),
    );
    if (known) return { ticketId: known.ticketId, reason, detail: known.id, secret: known.ours };
  }

  if (mail.threadIndexRoot) {
    const ticketId = await findTicketIdByThreadIndexRoot(deps.db, mail.threadIndexRoot);
    if (ticketId !== undefined) return { ticketId, reason: 'thread-index', secret: false };
  }

  const tag = SUBJECT_TAG.exec(mail.subject);
  if (tag && (await exists(Number(tag[1])))) {
    return { ticketId: Number(tag[1]), reason: 'subject-tag', detail: tag[0], secret: false };
  }
  return undefined;
}
