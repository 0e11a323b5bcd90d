import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import type { Reseal } from '../../platform/secret-key.js';
import { imapMailboxes } from '../tables.js';

export type MailboxRow = typeof imapMailboxes.$inferSelect;

export async function insertMailbox(db: Db, values: typeof imapMailboxes.$inferInsert) {
  return (await db.insert(imapMailboxes).values(values).onConflictDoNothing().returning())[0];
}

export async function listMailboxRows(db: Db) {
  return db.select().from(imapMailboxes).orderBy(asc(imapMailboxes.name));
}

export async function findMailbox(db: Db, id: string) {
  return (await db.select().from(imapMailboxes).where(eq(imapMailboxes.id, id)))[0];
}

export async function findMailboxByName(db: Db, name: string) {
  return (await db.select().from(imapMailboxes).where(sql`lower(${imapMailboxes.name}) = lower(${name})`))[0];
}

export async function deleteMailbox(db: Db, id: string) {
  return (
    (await db.delete(imapMailboxes).where(eq(imapMailboxes.id, id)).returning({ id: imapMailboxes.id })).length > 0
  );
}

/** Takes or renews the lease on a mailbox: one watcher per mailbox however many workers run. */
export async function leaseMailbox(db: Db, id: string, holder: string, now: Date, until: Date) {
  const rows = await db
    .update(imapMailboxes)
    .set({ lockedBy: holder, lockedUntil: until })
    .where(
      and(
        eq(imapMailboxes.id, id),
        eq(imapMailboxes.enabled, true),
        or(isNull(imapMailboxes.lockedUntil), lt(imapMailboxes.lockedUntil, now), eq(imapMailboxes.lockedBy, holder)),
      ),
    )
    .returning({ id: imapMailboxes.id });
  return rows.length > 0;
}

export async function releaseMailbox(db: Db, id: string, holder: string) {
  await db
    .update(imapMailboxes)
    .set({ lockedBy: null, lockedUntil: null })
    .where(and(eq(imapMailboxes.id, id), eq(imapMailboxes.lockedBy, holder)));
}

export async function recordMailboxPoll(
  db: Db,
  id: string,
  values: { uidValidity?: number; lastUid?: number; error: string | null; at: Date },
) {
  await db
    .update(imapMailboxes)
    .set({
      ...(values.uidValidity !== undefined ? { uidValidity: values.uidValidity } : {}),
      ...(values.lastUid !== undefined ? { lastUid: values.lastUid } : {}),
      lastError: values.error,
      lastPolledAt: values.at,
    })
    .where(eq(imapMailboxes.id, id));
}

/** IMAP passwords sealed with a previous desk key, sealed again with the current one. */
export const resealMailboxPasswords: Reseal = async (db, secret) => {
  const rows = await db.select({ id: imapMailboxes.id, sealed: imapMailboxes.passwordEncrypted }).from(imapMailboxes);
  let count = 0;
  for (const row of rows.filter((r) => secret.isStale(r.sealed))) {
    const passwordEncrypted = secret.encrypt(secret.decrypt(row.sealed));
    await db.update(imapMailboxes).set({ passwordEncrypted }).where(eq(imapMailboxes.id, row.id));
    count++;
  }
  return count;
};
