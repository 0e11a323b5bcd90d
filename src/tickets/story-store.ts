import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import { attachments, messages, ticketCcs, tickets } from './tables.js';

// SQL for the ticket's story: who copied whom, and moving a conversation when tickets merge.

export type CcRow = typeof ticketCcs.$inferSelect;

/** A ticket's CCs in the order they were added, with who added them. */
export async function listTicketCcRows(db: Db, ticketId: number): Promise<CcRow[]> {
  return db.select().from(ticketCcs).where(eq(ticketCcs.ticketId, ticketId)).orderBy(asc(ticketCcs.addedAt));
}

export async function deleteTicketCc(db: Db, ticketId: number, contactId: string): Promise<boolean> {
  const rows = await db
    .delete(ticketCcs)
    .where(and(eq(ticketCcs.ticketId, ticketId), eq(ticketCcs.contactId, contactId)))
    .returning({ contactId: ticketCcs.contactId });
  return rows.length > 0;
}

export async function listMessageIdsOf(db: Db, ticketId: number): Promise<number[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.ticketId, ticketId))
    .orderBy(asc(messages.id));
  return rows.map((r) => r.id);
}

/**
 * Moves messages, and the files they carry, onto another ticket; asNotes makes them internal notes
 * there (the target's customer must not read another customer's conversation).
 */
export async function moveMessages(db: Db, messageIds: number[], toTicketId: number, asNotes = false) {
  if (messageIds.length === 0) return;
  await db
    .update(messages)
    .set({ ticketId: toTicketId, ...(asNotes ? { internal: true } : {}) })
    .where(inArray(messages.id, messageIds));
  await db.update(attachments).set({ ticketId: toTicketId }).where(inArray(attachments.messageId, messageIds));
}

export async function countAttachmentsOf(db: Db, messageIds: number[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM attachments WHERE message_id = ANY(${sql.param(messageIds)}::bigint[])`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function setMergedInto(db: Db, ticketId: number, intoId: number) {
  await db.update(tickets).set({ mergedIntoId: intoId }).where(eq(tickets.id, ticketId));
}

// a chain longer than this is a loop made by hand in the database; stop following it
const MAX_MERGE_HOPS = 20;

/** Where a ticket's conversation lives now: the ticket itself, or the end of its merge pointers. */
export async function followMerges(db: Db, ticketId: number): Promise<number> {
  let id = ticketId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const rows = await db.select({ into: tickets.mergedIntoId }).from(tickets).where(eq(tickets.id, id));
    const into = rows[0]?.into;
    if (into === null || into === undefined) return id;
    id = into;
  }
  return id;
}
