import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { contacts, namedContactSyncTokens, organizations } from './tables.js';

export type SyncTokenRow = typeof namedContactSyncTokens.$inferSelect;

/**
 * The organization, locked until the transaction ends: every change to its named contacts takes
 * this lock first, so two adds at once cannot both see room for one more.
 */
export async function lockOrganization(db: Db, id: string) {
  return (await db.select().from(organizations).where(eq(organizations.id, id)).for('update'))[0];
}

export async function setNamedContactLimit(db: Db, id: string, limit: number | null, now: Date) {
  return (
    await db
      .update(organizations)
      .set({ namedContactLimit: limit, updatedAt: now })
      .where(eq(organizations.id, id))
      .returning()
  )[0];
}

/** The organization's named support contacts, by email (at most the largest limit a desk sets). */
export async function listNamedContactRows(db: Db, organizationId: string) {
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.supportContact, true)))
    .orderBy(asc(contacts.email));
}

export async function countNamedContacts(db: Db, organizationId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.supportContact, true)));
  return rows[0]?.n ?? 0;
}

/** Contacts by email, locked: an address being added must not move elsewhere meanwhile. */
export async function lockContactsByEmails(db: Db, emails: string[]) {
  if (emails.length === 0) return [];
  return db.select().from(contacts).where(inArray(contacts.email, emails)).for('update');
}

/** The organization's admin contacts: they approve requests to join it (src/entitlement). */
export async function listOrganizationAdmins(db: Db, organizationId: string) {
  return db
    .select({ id: contacts.id, email: contacts.email, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.orgAdmin, true)))
    .orderBy(asc(contacts.email));
}

export async function countOrgAdmins(db: Db, organizationId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.orgAdmin, true)));
  return rows[0]?.n ?? 0;
}

// sync tokens -----------------------------------------------------------------------------------

export async function insertSyncToken(db: Db, values: typeof namedContactSyncTokens.$inferInsert) {
  return (await db.insert(namedContactSyncTokens).values(values).returning())[0] as SyncTokenRow;
}

export async function listSyncTokenRows(db: Db, organizationId: string) {
  return db
    .select()
    .from(namedContactSyncTokens)
    .where(and(eq(namedContactSyncTokens.organizationId, organizationId), isNull(namedContactSyncTokens.revokedAt)))
    .orderBy(asc(namedContactSyncTokens.createdAt));
}

export async function findSyncTokenByHash(db: Db, hash: Buffer) {
  return (await db.select().from(namedContactSyncTokens).where(eq(namedContactSyncTokens.tokenHash, hash)))[0];
}

/** Revokes an active token of the organization; undefined when it has no such token. */
export async function revokeSyncTokenRow(db: Db, organizationId: string, id: string, now: Date) {
  return (
    await db
      .update(namedContactSyncTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(namedContactSyncTokens.id, id),
          eq(namedContactSyncTokens.organizationId, organizationId),
          isNull(namedContactSyncTokens.revokedAt),
        ),
      )
      .returning()
  )[0];
}

export async function touchSyncToken(db: Db, id: string, now: Date) {
  await db.update(namedContactSyncTokens).set({ lastUsedAt: now }).where(eq(namedContactSyncTokens.id, id));
}
