import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { providerLinks } from '../single-sign-on/link-store.js';
import { samlLinks, samlRequests } from './tables.js';

export type SamlRequestRow = typeof samlRequests.$inferSelect;

/** saml_links, through the queries single sign-on shares with OpenID Connect */
export const samlLinkStore = providerLinks(samlLinks);

/** Whether the agent signs in with SAML. */
export function hasSamlLink(db: Db, agentId: string): Promise<boolean> {
  return samlLinkStore.hasAny(db, agentId);
}

export async function insertSamlRequest(db: Db, values: typeof samlRequests.$inferInsert) {
  await db.insert(samlRequests).values(values);
}

/**
 * Takes a request of this browser's that has not expired: deleted as it is read, so it answers one
 * Response only.
 */
export async function takeSamlRequest(
  db: Db,
  id: string,
  browserHash: Buffer,
  now: Date,
): Promise<SamlRequestRow | undefined> {
  return (
    await db
      .delete(samlRequests)
      .where(and(eq(samlRequests.id, id), eq(samlRequests.browserHash, browserHash), gt(samlRequests.expiresAt, now)))
      .returning()
  )[0];
}

export async function deleteExpiredSamlRequests(db: Db, now: Date) {
  await db.delete(samlRequests).where(lt(samlRequests.expiresAt, now));
}
