import { and, asc, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import { apiTokens, sessions, signInLinks } from './tables.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert) {
  return (await db.insert(apiTokens).values(values).returning())[0] as ApiTokenRow;
}

export async function findApiTokenByHash(db: Db, hash: Buffer) {
  return (await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash)))[0];
}

export async function listApiTokenRows(db: Db) {
  return db.select().from(apiTokens).where(isNull(apiTokens.revokedAt)).orderBy(asc(apiTokens.createdAt));
}

export async function revokeApiTokenRow(db: Db, id: string, now: Date) {
  return (
    await db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning()
  )[0];
}

/**
 * Records use at most once a minute per token, so a busy integration does not write on every call.
 * True when this use came after an hour without any (or is the first): the audit log notes those.
 */
export async function touchApiToken(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await queryRows<{ quiet: boolean }>(
    db,
    sql`WITH before AS (SELECT last_used_at FROM api_tokens WHERE id = ${id})
        UPDATE api_tokens SET last_used_at = ${now.toISOString()}::timestamptz
        WHERE id = ${id}
          AND (last_used_at IS NULL OR last_used_at < ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz)
        RETURNING (SELECT last_used_at IS NULL OR last_used_at < ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz
                   FROM before) AS quiet`,
  );
  return rows[0]?.quiet === true;
}

/** Holds the agent's row until the transaction ends: a lock for "count, then add" on their things. */
export async function lockAgentRow(db: Db, agentId: string) {
  await db.execute(sql`SELECT 1 FROM agents WHERE id = ${agentId} FOR UPDATE`);
}

/** An agent's own tokens (personal ones, made on their profile), active or not yet expired long ago. */
export async function listPersonalTokenRows(db: Db, agentId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.agentId, agentId),
        isNull(apiTokens.role),
        isNull(apiTokens.contactId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .orderBy(asc(apiTokens.createdAt));
}

/** Revokes one of the agent's personal tokens; undefined when there is no such active one of theirs. */
export async function revokePersonalTokenRow(db: Db, agentId: string, id: string, now: Date) {
  return (
    await db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(apiTokens.id, id),
          eq(apiTokens.agentId, agentId),
          isNull(apiTokens.role),
          isNull(apiTokens.contactId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning()
  )[0];
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function findSessionByHash(db: Db, hash: Buffer) {
  return (await db.select().from(sessions).where(eq(sessions.idHash, hash)))[0];
}

/** An agent's sessions that have not expired, newest first. */
export async function listSessionsOfAgent(db: Db, agentId: string, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.agentId, agentId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
}

/** Deletes one of the agent's sessions by its public id; undefined when it is not theirs. */
export async function deleteSessionOfAgent(db: Db, agentId: string, publicId: string) {
  return (
    await db
      .delete(sessions)
      .where(and(eq(sessions.agentId, agentId), eq(sessions.publicId, publicId)))
      .returning()
  )[0];
}

/** Notes a session's use; the caller writes only when the last note is a minute old. */
export async function touchSession(db: Db, hash: Buffer, now: Date) {
  const minuteAgo = new Date(now.getTime() - 60_000);
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.idHash, hash), or(isNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, minuteAgo))));
}

/** Deletes one session; returns whose it was. */
export async function deleteSession(db: Db, hash: Buffer) {
  return (await db.delete(sessions).where(eq(sessions.idHash, hash)).returning())[0];
}

/** Ends an agent's sessions, all or all but one (the one changing the password keeps going). */
export async function deleteSessionsOfAgent(db: Db, agentId: string, except?: Buffer) {
  await db.delete(sessions).where(and(eq(sessions.agentId, agentId), except ? ne(sessions.idHash, except) : undefined));
}

export async function deleteSessionsOfContact(db: Db, contactId: string) {
  await db.delete(sessions).where(eq(sessions.contactId, contactId));
}

/** Cancels a contact's sign-in links that were not used yet. */
export async function deletePendingSignInLinksOfContact(db: Db, contactId: string) {
  await db.delete(signInLinks).where(and(eq(signInLinks.contactId, contactId), isNull(signInLinks.usedAt)));
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  await db.delete(signInLinks).where(lt(signInLinks.expiresAt, now));
}

export async function insertSignInLink(db: Db, values: typeof signInLinks.$inferInsert) {
  await db.insert(signInLinks).values(values);
}

/** Marks a link used and returns it, only if it was unused and is still valid: one use, ever. */
export async function useSignInLink(db: Db, hash: Buffer, now: Date) {
  return (
    await db
      .update(signInLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(signInLinks.tokenHash, hash),
          isNull(signInLinks.usedAt),
          sql`${signInLinks.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      )
      .returning()
  )[0];
}
