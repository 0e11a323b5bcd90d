import { inArray } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { messageMail, outboundMail } from './tables.js';

/**
 * A merge moves messages to another ticket: the mail that carried them moves too, so a reply to one
 * of them threads onto the ticket the conversation continues on, and a bounce is noted there.
 */
export async function moveTicketMail(db: Db, messageIds: number[], toTicketId: number) {
  if (messageIds.length === 0) return;
  await db.update(messageMail).set({ ticketId: toTicketId }).where(inArray(messageMail.messageId, messageIds));
  await db.update(outboundMail).set({ ticketId: toTicketId }).where(inArray(outboundMail.messageId, messageIds));
}
