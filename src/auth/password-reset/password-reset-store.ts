import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { passwordResetLinks } from './tables.js';

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

export async function insertPasswordResetLink(db: Db, values: typeof passwordResetLinks.$inferInsert) {
  await db.insert(passwordResetLinks).values(values);
}

/** Whether the agent was sent a link since `since` that is still unused (a retried job, a double click). */
export async function hasRecentPasswordResetLink(db: Db, agentId: string, since: Date): Promise<boolean> {
  const rows = await db
    .select({ agentId: passwordResetLinks.agentId })
    .from(passwordResetLinks)
    .where(
      and(
        eq(passwordResetLinks.agentId, agentId),
        isNull(passwordResetLinks.usedAt),
        gt(passwordResetLinks.createdAt, since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** A link that may still be used, without using it. */
export async function findUsablePasswordResetLink(db: Db, hash: Buffer, now: Date) {
  return (
    await db
      .select()
      .from(passwordResetLinks)
      .where(
        and(
          eq(passwordResetLinks.tokenHash, hash),
          isNull(passwordResetLinks.usedAt),
          sql`${passwordResetLinks.expiresAt} > ${at(now)}`,
        ),
      )
  )[0];
}

/** Marks a link used and returns it, only if it was unused and is still valid: one use, ever. */
export async function spendPasswordResetLink(db: Db, hash: Buffer, now: Date) {
  return (
    await db
      .update(passwordResetLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetLinks.tokenHash, hash),
          isNull(passwordResetLinks.usedAt),
          sql`${passwordResetLinks.expiresAt} > ${at(now)}`,
        ),
      )
      .returning()
  )[0];
}

/** Once the password is set, the agent's other links are void. */
export async function deletePendingPasswordResetLinks(db: Db, agentId: string) {
  await db
    .delete(passwordResetLinks)
    .where(and(eq(passwordResetLinks.agentId, agentId), isNull(passwordResetLinks.usedAt)));
}

export async function deleteExpiredPasswordResetLinks(db: Db, now: Date) {
  await db.delete(passwordResetLinks).where(lt(passwordResetLinks.expiresAt, now));
}
