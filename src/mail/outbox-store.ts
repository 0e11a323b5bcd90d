import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { outboundMail } from './tables.js';

export type OutboundMailRow = typeof outboundMail.$inferSelect;

export async function insertOutboundMail(db: Db, values: typeof outboundMail.$inferInsert) {
  return (await db.insert(outboundMail).values(values).returning())[0] as OutboundMailRow;
}

/** Takes a queued mail for sending until `until`; undefined when it is sent, failed or held by another sender. */
export async function holdOutboundMail(db: Db, id: string, now: Date, until: Date) {
  const rows = await db
    .update(outboundMail)
    .set({ attempts: sql`${outboundMail.attempts} + 1`, lockedUntil: until })
    .where(
      and(
        eq(outboundMail.id, id),
        eq(outboundMail.state, 'queued'),
        or(isNull(outboundMail.lockedUntil), lt(outboundMail.lockedUntil, now)),
      ),
    )
    .returning();
  return rows[0];
}

export async function markOutboundMailSent(db: Db, id: string, now: Date) {
  await db
    .update(outboundMail)
    .set({ state: 'sent', sentAt: now, lockedUntil: null, lastError: null })
    .where(eq(outboundMail.id, id));
}

export async function releaseOutboundMail(db: Db, id: string, error: string, failed: boolean) {
  await db
    .update(outboundMail)
    .set({ lockedUntil: null, lastError: error, ...(failed ? { state: 'failed' as const } : {}) })
    .where(eq(outboundMail.id, id));
}

export async function listQueuedOutboundMailIds(db: Db, now: Date, limit: number) {
  return db
    .select({ id: outboundMail.id, attempts: outboundMail.attempts })
    .from(outboundMail)
    .where(
      and(eq(outboundMail.state, 'queued'), or(isNull(outboundMail.lockedUntil), lt(outboundMail.lockedUntil, now))),
    )
    .orderBy(asc(outboundMail.createdAt))
    .limit(limit);
}

export async function listOutboundMail(db: Db, state: 'queued' | 'sent' | 'failed' | undefined, limit: number) {
  return db
    .select()
    .from(outboundMail)
    .where(state ? eq(outboundMail.state, state) : undefined)
    .orderBy(sql`${outboundMail.createdAt} DESC`)
    .limit(limit);
}
