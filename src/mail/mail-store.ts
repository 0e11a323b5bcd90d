import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import {
  type InboundSource,
  type InboundState,
  inboundMail,
  mailSuppressions,
  messageMail,
  outboundMail,
} from './tables.js';

export type InboundMailRow = typeof inboundMail.$inferSelect;

// inbound ----------------------------------------------------------------------------------------

/** Stores raw mail; a second delivery of the same message finds the first one instead. */
export async function insertInboundMail(db: Db, values: typeof inboundMail.$inferInsert) {
  const inserted = await db
    .insert(inboundMail)
    .values(values)
    .onConflictDoNothing({ target: inboundMail.dedupeKey })
    .returning({ id: inboundMail.id, state: inboundMail.state });
  if (inserted[0]) return { ...inserted[0], duplicate: false };
  const existing = await db
    .select({ id: inboundMail.id, state: inboundMail.state })
    .from(inboundMail)
    .where(eq(inboundMail.dedupeKey, values.dedupeKey));
  return { ...(existing[0] as { id: number; state: InboundState }), duplicate: true };
}

export async function findInboundMail(db: Db, id: number, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(inboundMail).where(eq(inboundMail.id, id));
  return (options.forUpdate ? await query.for('update') : await query)[0];
}

export async function finishInboundMail(
  db: Db,
  id: number,
  values: { state: InboundState; reason: string; ticketId?: number | null; messageId?: number | null; at: Date },
) {
  await db
    .update(inboundMail)
    .set({
      state: values.state,
      reason: values.reason,
      ticketId: values.ticketId ?? null,
      messageId: values.messageId ?? null,
      processedAt: values.at,
    })
    .where(eq(inboundMail.id, id));
}

/** Counts a failed attempt; the last one quarantines the mail with its reason. */
export async function recordInboundFailure(db: Db, id: number, reason: string, quarantine: boolean, at: Date) {
  const rows = await db
    .update(inboundMail)
    .set({
      attempts: sql`${inboundMail.attempts} + 1`,
      reason,
      ...(quarantine ? { state: 'quarantined' as const, processedAt: at } : {}),
    })
    .where(eq(inboundMail.id, id))
    .returning({ attempts: inboundMail.attempts });
  return rows[0]?.attempts ?? 0;
}

export async function requeueInboundMail(db: Db, id: number) {
  const rows = await db
    .update(inboundMail)
    .set({ state: 'received', attempts: 0 })
    .where(and(eq(inboundMail.id, id), inArray(inboundMail.state, ['quarantined', 'rejected', 'ignored'])))
    .returning({ id: inboundMail.id });
  return rows.length > 0;
}

export async function listInboundMailRows(db: Db, opts: { state?: InboundState; beforeId?: number; limit: number }) {
  return db
    .select({
      id: inboundMail.id,
      rfcMessageId: inboundMail.rfcMessageId,
      size: inboundMail.size,
      source: inboundMail.source,
      envelopeFrom: inboundMail.envelopeFrom,
      envelopeTo: inboundMail.envelopeTo,
      receivedAt: inboundMail.receivedAt,
      state: inboundMail.state,
      attempts: inboundMail.attempts,
      reason: inboundMail.reason,
      ticketId: inboundMail.ticketId,
      messageId: inboundMail.messageId,
      processedAt: inboundMail.processedAt,
    })
    .from(inboundMail)
    .where(
      and(
        opts.state ? eq(inboundMail.state, opts.state) : undefined,
        opts.beforeId ? lt(inboundMail.id, opts.beforeId) : undefined,
      ),
    )
    .orderBy(desc(inboundMail.id))
    .limit(opts.limit + 1);
}

/** Mail stored but not yet processed, e.g. after a crash; the sweep enqueues a job for each. */
export async function listUnprocessedInboundIds(db: Db, receivedBefore: Date, limit: number) {
  return db
    .select({ id: inboundMail.id })
    .from(inboundMail)
    .where(and(eq(inboundMail.state, 'received'), lt(inboundMail.receivedAt, receivedBefore)))
    .orderBy(asc(inboundMail.id))
    .limit(limit);
}

export type { InboundSource };

// message mail facts -----------------------------------------------------------------------------

export async function insertMessageMail(db: Db, values: typeof messageMail.$inferInsert) {
  await db.insert(messageMail).values(values).onConflictDoNothing();
}

export async function findMessageMail(db: Db, messageIds: number[]) {
  if (messageIds.length === 0) return [];
  return db.select().from(messageMail).where(inArray(messageMail.messageId, messageIds));
}

/**
 * The ticket a Message-ID we received or sent belongs to, for the first id in `ids` that has one.
 * `ours` says the id is one we minted (signed, or random in mail we sent): only the people we mailed
 * know it. An id we received is no secret: anyone the customer wrote to has seen it.
 */
export async function findTicketIdByRfcMessageIds(
  db: Db,
  ids: string[],
): Promise<{ ticketId: number; id: string; ours: boolean } | undefined> {
  if (ids.length === 0) return undefined;
  const rows = await queryRows<{ ticketId: number; id: string; ours: boolean }>(
    db,
    sql`SELECT ticket_id AS "ticketId", rfc_message_id AS id, direction = 'out' AS ours FROM message_mail WHERE rfc_message_id = ANY(${sql.param(ids)}::text[])
        UNION ALL
        SELECT ticket_id, rfc_message_id, true FROM outbound_mail WHERE ticket_id IS NOT NULL AND rfc_message_id = ANY(${sql.param(ids)}::text[])`,
  );
  for (const id of ids) {
    const matches = rows.filter((r) => r.id === id);
    const ours = matches.find((r) => r.ours);
    // a stranger may have sent us a copy of one of our ids first: ours wins
    if (ours) return { ticketId: Number(ours.ticketId), id, ours: true };
    // an id we received on two tickets was sent twice, one of them by someone who had no right to
    // it: it names neither
    if (new Set(matches.map((r) => Number(r.ticketId))).size !== 1) continue;
    return { ticketId: Number((matches[0] as { ticketId: number }).ticketId), id, ours: false };
  }
  return undefined;
}

export async function findTicketIdByThreadIndexRoot(db: Db, root: string) {
  const rows = await db
    .select({ ticketId: messageMail.ticketId })
    .from(messageMail)
    .where(eq(messageMail.threadIndexRoot, root))
    .orderBy(desc(messageMail.messageId))
    .limit(1);
  return rows[0]?.ticketId;
}

/** The Message-IDs on a ticket, oldest first, for the References of the next mail we send. */
export async function listTicketThreadIds(db: Db, ticketId: number) {
  return db
    .select({
      rfcMessageId: messageMail.rfcMessageId,
      direction: messageMail.direction,
      machine: messageMail.machineReason,
    })
    .from(messageMail)
    .where(and(eq(messageMail.ticketId, ticketId), isNotNull(messageMail.rfcMessageId)))
    .orderBy(asc(messageMail.messageId));
}

/** How far each inbound mail's sender was verified (see sender-auth.ts), for the agent's view. */
export async function listSenderChecks(db: Db, messageIds: number[]) {
  if (messageIds.length === 0) return [];
  return db
    .select({ messageId: messageMail.messageId, verdict: messageMail.senderAuth, detail: messageMail.senderAuthDetail })
    .from(messageMail)
    .where(and(inArray(messageMail.messageId, messageIds), isNotNull(messageMail.senderAuth)));
}

// outbound ---------------------------------------------------------------------------------------

export async function findOutboundByRfcMessageIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(outboundMail).where(inArray(outboundMail.rfcMessageId, ids));
}

export async function findOutboundById(db: Db, id: string) {
  return (await db.select().from(outboundMail).where(eq(outboundMail.id, id)))[0];
}

export async function markOutboundBounced(db: Db, id: string, reason: string, at: Date) {
  await db
    .update(outboundMail)
    .set({ state: 'failed', lastError: reason, failedAt: at, lockedUntil: null })
    .where(eq(outboundMail.id, id));
}

/** How many mails of a purpose went to an address since a time: the acknowledgement rate limit. */
export async function countRecentMailTo(db: Db, address: string, purpose: string, since: Date) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outboundMail)
    .where(
      and(
        sql`${outboundMail.toAddresses} @> ${sql.param([address])}::text[]`,
        eq(outboundMail.purpose, purpose),
        gte(outboundMail.createdAt, since),
      ),
    );
  return rows[0]?.n ?? 0;
}

export async function listDeliveryStates(db: Db, messageIds: number[]) {
  if (messageIds.length === 0) return [];
  return db
    .select({
      messageId: outboundMail.messageId,
      to: outboundMail.toAddresses,
      cc: outboundMail.ccAddresses,
      state: outboundMail.state,
      error: outboundMail.lastError,
      sentAt: outboundMail.sentAt,
    })
    .from(outboundMail)
    .where(inArray(outboundMail.messageId, messageIds));
}

// suppressions -----------------------------------------------------------------------------------

export async function suppressAddress(db: Db, address: string, reason: string, at: Date) {
  await db
    .insert(mailSuppressions)
    .values({ address: address.toLowerCase(), reason, createdAt: at })
    .onConflictDoUpdate({ target: mailSuppressions.address, set: { reason, createdAt: at } });
}

export async function findSuppressed(db: Db, addresses: string[]) {
  if (addresses.length === 0) return [];
  return db
    .select()
    .from(mailSuppressions)
    .where(
      inArray(
        mailSuppressions.address,
        addresses.map((a) => a.toLowerCase()),
      ),
    );
}

export async function deleteSuppression(db: Db, address: string) {
  const rows = await db
    .delete(mailSuppressions)
    .where(eq(mailSuppressions.address, address.toLowerCase()))
    .returning({ address: mailSuppressions.address });
  return rows.length > 0;
}

export async function listSuppressions(db: Db, limit: number) {
  return db.select().from(mailSuppressions).orderBy(desc(mailSuppressions.createdAt)).limit(limit);
}
