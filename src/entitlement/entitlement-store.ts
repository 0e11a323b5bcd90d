import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryOne } from '../platform/db.js';
import {
  entitlementRequests,
  entitlementRequestTickets,
  type HeldTicketRow,
  OPEN_STATES,
  type RequestRow,
  type RequestState,
} from './tables.js';

// All SQL on the entitlement tables (migrations/0035_entitlement_requests.sql).

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/** An unconfirmed request whose link ran out is over: it no longer holds the address's one open request. */
export async function expireStaleRequests(db: Db, where: { contactId?: string; domain?: string }, now: Date) {
  await db
    .update(entitlementRequests)
    .set({ state: 'expired' })
    .where(
      and(
        eq(entitlementRequests.state, 'awaiting-confirmation'),
        sql`${entitlementRequests.linkExpiresAt} <= ${at(now)}`,
        where.contactId ? eq(entitlementRequests.contactId, where.contactId) : undefined,
        where.domain ? eq(entitlementRequests.domain, where.domain) : undefined,
      ),
    );
}

/** The person's latest request, open or not. */
export async function findLatestRequestOf(db: Db, contactId: string): Promise<RequestRow | undefined> {
  return (
    await db
      .select()
      .from(entitlementRequests)
      .where(eq(entitlementRequests.contactId, contactId))
      .orderBy(desc(entitlementRequests.createdAt))
      .limit(1)
  )[0];
}

export async function countOpenRequestsAt(db: Db, domain: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(entitlementRequests)
    .where(and(eq(entitlementRequests.domain, domain), inArray(entitlementRequests.state, OPEN_STATES)));
  return rows[0]?.n ?? 0;
}

/**
 * Counts one more request started at the domain in its current window and returns how many that
 * makes. One statement on one row: concurrent mail waits on the row lock and counts right.
 */
export async function takeDomainBudget(db: Db, domain: string, now: Date, windowMs: number): Promise<number> {
  const windowStart = new Date(now.getTime() - windowMs);
  const row = await queryOne<{ started: number }>(
    db,
    sql`INSERT INTO entitlement_domain_budget AS b (domain, window_started_at, started)
        VALUES (${domain}, ${at(now)}, 1)
        ON CONFLICT (domain) DO UPDATE SET
          window_started_at = CASE WHEN b.window_started_at <= ${at(windowStart)} THEN ${at(now)} ELSE b.window_started_at END,
          started = CASE WHEN b.window_started_at <= ${at(windowStart)} THEN 1 ELSE b.started + 1 END
        RETURNING started`,
  );
  return Number(row?.started ?? 0);
}

/** A new open request; undefined when the person has one already (the unique index says so). */
export async function insertRequest(
  db: Db,
  values: typeof entitlementRequests.$inferInsert,
): Promise<RequestRow | undefined> {
  return (await db.insert(entitlementRequests).values(values).onConflictDoNothing().returning())[0];
}

export async function findOpenRequestOf(db: Db, contactId: string): Promise<RequestRow | undefined> {
  return (
    await db
      .select()
      .from(entitlementRequests)
      .where(and(eq(entitlementRequests.contactId, contactId), inArray(entitlementRequests.state, OPEN_STATES)))
  )[0];
}

export async function insertHeldTicket(db: Db, values: HeldTicketRow) {
  await db.insert(entitlementRequestTickets).values(values).onConflictDoNothing();
}

export async function findRequestById(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(entitlementRequests).where(eq(entitlementRequests.id, id));
  return (options.forUpdate ? await query.for('update') : await query)[0];
}

export async function findRequestByTokenHash(db: Db, hash: Buffer): Promise<RequestRow | undefined> {
  return (await db.select().from(entitlementRequests).where(eq(entitlementRequests.tokenHash, hash)))[0];
}

/** Confirms the request the link names, only if the link is unused and still valid: one use, ever. */
export async function spendLink(db: Db, hash: Buffer, now: Date, note: string | null) {
  return (
    await db
      .update(entitlementRequests)
      .set({ state: 'awaiting-approval', confirmedAt: now, note })
      .where(
        and(
          eq(entitlementRequests.tokenHash, hash),
          eq(entitlementRequests.state, 'awaiting-confirmation'),
          sql`${entitlementRequests.linkExpiresAt} > ${at(now)}`,
        ),
      )
      .returning()
  )[0];
}

export async function setRequestDecision(
  db: Db,
  id: string,
  values: {
    state: Extract<RequestState, 'approved' | 'declined'>;
    decidedAt: Date;
    decidedBy: string;
    decisionNote: string | null;
  },
) {
  return (
    await db.update(entitlementRequests).set(values).where(eq(entitlementRequests.id, id)).returning()
  )[0] as RequestRow;
}

export async function listRequestRows(
  db: Db,
  filter: { organizationId?: string; states?: RequestState[]; limit: number },
): Promise<RequestRow[]> {
  return db
    .select()
    .from(entitlementRequests)
    .where(
      and(
        filter.organizationId ? eq(entitlementRequests.organizationId, filter.organizationId) : undefined,
        filter.states?.length ? inArray(entitlementRequests.state, filter.states) : undefined,
      ),
    )
    .orderBy(desc(entitlementRequests.createdAt))
    .limit(filter.limit);
}

export async function listHeldTickets(db: Db, requestIds: string[]): Promise<HeldTicketRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .select()
    .from(entitlementRequestTickets)
    .where(inArray(entitlementRequestTickets.requestId, requestIds))
    .orderBy(entitlementRequestTickets.ticketId);
}
