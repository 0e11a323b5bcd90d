import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { oidcAttempts, oidcLinks } from './tables.js';

export type OidcLinkRow = typeof oidcLinks.$inferSelect;
export type OidcAttemptRow = typeof oidcAttempts.$inferSelect;

export async function insertOidcAttempt(db: Db, values: typeof oidcAttempts.$inferInsert) {
  await db.insert(oidcAttempts).values(values);
}

/** Takes an attempt that has not expired: deleted as it is read, so it answers one callback only. */
export async function takeOidcAttempt(db: Db, idHash: Buffer, now: Date) {
  return (
    await db
      .delete(oidcAttempts)
      .where(and(eq(oidcAttempts.idHash, idHash), gt(oidcAttempts.expiresAt, now)))
      .returning()
  )[0];
}

export async function deleteExpiredOidcAttempts(db: Db, now: Date) {
  await db.delete(oidcAttempts).where(lt(oidcAttempts.expiresAt, now));
}

export async function findOidcLink(db: Db, issuer: string, subject: string) {
  return (
    await db
      .select()
      .from(oidcLinks)
      .where(and(eq(oidcLinks.issuer, issuer), eq(oidcLinks.subject, subject)))
  )[0];
}

/** Whether the agent signs in with single sign-on (at any issuer). */
export async function hasOidcLink(db: Db, agentId: string): Promise<boolean> {
  return (
    (await db.select({ agentId: oidcLinks.agentId }).from(oidcLinks).where(eq(oidcLinks.agentId, agentId)).limit(1))
      .length > 0
  );
}

export async function findOidcLinkOfAgent(db: Db, issuer: string, agentId: string) {
  return (
    await db
      .select()
      .from(oidcLinks)
      .where(and(eq(oidcLinks.issuer, issuer), eq(oidcLinks.agentId, agentId)))
  )[0];
}

export async function insertOidcLink(db: Db, values: typeof oidcLinks.$inferInsert) {
  await db.insert(oidcLinks).values(values);
}

export async function touchOidcLink(db: Db, issuer: string, subject: string, values: { email: string; at: Date }) {
  await db
    .update(oidcLinks)
    .set({ email: values.email, lastSignInAt: values.at })
    .where(and(eq(oidcLinks.issuer, issuer), eq(oidcLinks.subject, subject)));
}
