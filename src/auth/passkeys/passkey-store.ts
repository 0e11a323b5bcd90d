import { and, asc, count, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { agentPasskeys, type PasskeyPurpose, passkeyChallenges } from './tables.js';

// All SQL of the passkey tables. A challenge is spent and a counter moved with conditional UPDATEs,
// so two requests racing with one assertion cannot both win.

export type PasskeyRow = typeof agentPasskeys.$inferSelect;
export type PasskeyChallengeRow = typeof passkeyChallenges.$inferSelect;

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

export async function insertPasskey(db: Db, values: typeof agentPasskeys.$inferInsert) {
  await db.insert(agentPasskeys).values(values);
}

export async function listPasskeysOfAgent(db: Db, agentId: string): Promise<PasskeyRow[]> {
  return db
    .select()
    .from(agentPasskeys)
    .where(eq(agentPasskeys.agentId, agentId))
    .orderBy(asc(agentPasskeys.createdAt), asc(agentPasskeys.id));
}

export async function countPasskeysOfAgent(db: Db, agentId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(agentPasskeys).where(eq(agentPasskeys.agentId, agentId));
  return Number(rows[0]?.n ?? 0);
}

export async function findPasskeyByCredentialId(db: Db, credentialId: string): Promise<PasskeyRow | undefined> {
  return (await db.select().from(agentPasskeys).where(eq(agentPasskeys.credentialId, credentialId)))[0];
}

export async function findPasskeyOfAgent(db: Db, agentId: string, id: string): Promise<PasskeyRow | undefined> {
  return (
    await db
      .select()
      .from(agentPasskeys)
      .where(and(eq(agentPasskeys.id, id), eq(agentPasskeys.agentId, agentId)))
  )[0];
}

export async function renamePasskeyRow(
  db: Db,
  agentId: string,
  id: string,
  name: string,
): Promise<PasskeyRow | undefined> {
  return (
    await db
      .update(agentPasskeys)
      .set({ name })
      .where(and(eq(agentPasskeys.id, id), eq(agentPasskeys.agentId, agentId)))
      .returning()
  )[0];
}

export async function deletePasskeyRow(db: Db, agentId: string, id: string): Promise<PasskeyRow | undefined> {
  return (
    await db
      .delete(agentPasskeys)
      .where(and(eq(agentPasskeys.id, id), eq(agentPasskeys.agentId, agentId)))
      .returning()
  )[0];
}

/**
 * Records a use: the new counter, if it is still the one the check was made against (a parallel use
 * of the same passkey moved it first: false).
 */
export async function recordPasskeyUse(
  db: Db,
  row: PasskeyRow,
  values: { counter: number; backedUp: boolean; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(agentPasskeys)
    .set({ counter: values.counter, backedUp: values.backedUp, lastUsedAt: values.now })
    .where(and(eq(agentPasskeys.id, row.id), eq(agentPasskeys.counter, row.counter)))
    .returning({ id: agentPasskeys.id });
  return rows.length > 0;
}

export async function insertPasskeyChallenge(db: Db, values: typeof passkeyChallenges.$inferInsert) {
  await db.insert(passkeyChallenges).values(values);
}

/**
 * Spends a challenge of the purpose: the row, the first time, while unexpired; undefined after.
 * A ceremony gets one try: a wrong answer costs the challenge too.
 */
export async function spendPasskeyChallenge(
  db: Db,
  id: string,
  purpose: PasskeyPurpose,
  now: Date,
): Promise<PasskeyChallengeRow | undefined> {
  return (
    await db
      .update(passkeyChallenges)
      .set({ usedAt: now })
      .where(
        and(
          eq(passkeyChallenges.id, id),
          eq(passkeyChallenges.purpose, purpose),
          isNull(passkeyChallenges.usedAt),
          sql`${passkeyChallenges.expiresAt} > ${at(now)}`,
        ),
      )
      .returning()
  )[0];
}

export async function deleteExpiredPasskeyChallenges(db: Db, now: Date) {
  await db.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, now));
}
