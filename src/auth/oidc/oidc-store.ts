import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { providerLinks } from '../single-sign-on/link-store.js';
import { oidcAttempts, oidcLinks } from './tables.js';

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

/** oidc_links, through the queries single sign-on shares with SAML */
export const oidcLinkStore = providerLinks(oidcLinks);

/** Whether the agent signs in with OpenID Connect (at any issuer). */
export function hasOidcLink(db: Db, agentId: string): Promise<boolean> {
  return oidcLinkStore.hasAny(db, agentId);
}
