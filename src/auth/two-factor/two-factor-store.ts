import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { agentRecoveryCodes, agentTwoFactor, twoFactorChallenges } from './tables.js';

// All SQL of the two-factor tables. Whatever decides whether a code is good once (the last step, a
// recovery code, a challenge) is a conditional UPDATE, so two requests racing with one code cannot
// both win.

export type TwoFactorRow = typeof agentTwoFactor.$inferSelect;
export type ChallengeRow = typeof twoFactorChallenges.$inferSelect;

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * `forUpdate`: the row stays locked to the caller's transaction, so an agent's codes are checked one
 * at a time: a burst of parallel guesses cannot all read the failure count before any adds to it.
 */
export async function findTwoFactor(
  db: Db,
  agentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<TwoFactorRow | undefined> {
  const query = db.select().from(agentTwoFactor).where(eq(agentTwoFactor.agentId, agentId));
  return (await (options.forUpdate ? query.for('update') : query))[0];
}

/** A new secret waits for its first code; a confirmed one, if any, keeps working until then. */
export async function savePendingSecret(db: Db, agentId: string, sealed: string, now: Date) {
  await db
    .insert(agentTwoFactor)
    .values({ agentId, pendingSecretSealed: sealed, pendingAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: agentTwoFactor.agentId,
      set: { pendingSecretSealed: sealed, pendingAt: now, updatedAt: now },
    });
}

/** The pending secret becomes the agent's, if it is still the one whose code was checked. */
export async function confirmPendingSecret(db: Db, agentId: string, pendingSealed: string, step: number, now: Date) {
  return (
    await db
      .update(agentTwoFactor)
      .set({
        secretSealed: pendingSealed,
        enabledAt: now,
        pendingSecretSealed: null,
        pendingAt: null,
        lastStep: step,
        failures: 0,
        failuresSince: null,
        updatedAt: now,
      })
      .where(and(eq(agentTwoFactor.agentId, agentId), eq(agentTwoFactor.pendingSecretSealed, pendingSealed)))
      .returning({ agentId: agentTwoFactor.agentId })
  ).length;
}

/** Takes a time step as used: false when it (or a later one) was used already, a replay. */
export async function acceptStep(db: Db, agentId: string, step: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(agentTwoFactor)
    .set({ lastStep: step, failures: 0, failuresSince: null, updatedAt: now })
    .where(
      and(eq(agentTwoFactor.agentId, agentId), or(isNull(agentTwoFactor.lastStep), lt(agentTwoFactor.lastStep, step))),
    )
    .returning({ agentId: agentTwoFactor.agentId });
  return rows.length > 0;
}

/** Counts a wrong code against the agent; the count starts again after `windowMs`. Returns it. */
export async function recordFailure(db: Db, agentId: string, now: Date, windowMs: number): Promise<number> {
  const stale = sql`(${agentTwoFactor.failuresSince} IS NULL OR ${agentTwoFactor.failuresSince} < ${at(new Date(now.getTime() - windowMs))})`;
  const rows = await db
    .update(agentTwoFactor)
    .set({
      failures: sql`CASE WHEN ${stale} THEN 1 ELSE ${agentTwoFactor.failures} + 1 END`,
      failuresSince: sql`CASE WHEN ${stale} THEN ${at(now)} ELSE ${agentTwoFactor.failuresSince} END`,
    })
    .where(eq(agentTwoFactor.agentId, agentId))
    .returning({ failures: agentTwoFactor.failures });
  return rows[0]?.failures ?? 0;
}

export async function deleteTwoFactor(db: Db, agentId: string) {
  const rows = await db
    .delete(agentTwoFactor)
    .where(eq(agentTwoFactor.agentId, agentId))
    .returning({ secretSealed: agentTwoFactor.secretSealed });
  await db.delete(agentRecoveryCodes).where(eq(agentRecoveryCodes.agentId, agentId));
  await deleteChallengesOfAgent(db, agentId);
  return rows[0];
}

export async function replaceRecoveryCodes(db: Db, agentId: string, hashes: Buffer[], now: Date) {
  await db.delete(agentRecoveryCodes).where(eq(agentRecoveryCodes.agentId, agentId));
  await db.insert(agentRecoveryCodes).values(hashes.map((codeHash) => ({ agentId, codeHash, createdAt: now })));
}

/** Spends a recovery code: true only the first time. */
export async function spendRecoveryCode(db: Db, agentId: string, hash: Buffer, now: Date): Promise<boolean> {
  const rows = await db
    .update(agentRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(agentRecoveryCodes.agentId, agentId),
        eq(agentRecoveryCodes.codeHash, hash),
        isNull(agentRecoveryCodes.usedAt),
      ),
    )
    .returning({ agentId: agentRecoveryCodes.agentId });
  return rows.length > 0;
}

export async function countRecoveryCodesLeft(db: Db, agentId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(agentRecoveryCodes)
    .where(and(eq(agentRecoveryCodes.agentId, agentId), isNull(agentRecoveryCodes.usedAt)));
  return Number(rows[0]?.n ?? 0);
}

export async function insertChallenge(db: Db, values: typeof twoFactorChallenges.$inferInsert) {
  await db.insert(twoFactorChallenges).values(values);
}

/** A challenge that may still be answered: unused, unexpired, with tries left. */
export async function findOpenChallenge(db: Db, id: string, agentId: string, now: Date, maxFailures: number) {
  return (
    await db
      .select()
      .from(twoFactorChallenges)
      .where(
        and(
          eq(twoFactorChallenges.id, id),
          eq(twoFactorChallenges.agentId, agentId),
          isNull(twoFactorChallenges.usedAt),
          lt(twoFactorChallenges.failures, maxFailures),
          sql`${twoFactorChallenges.expiresAt} > ${at(now)}`,
        ),
      )
  )[0];
}

/** Counts a wrong answer to a challenge; returns how many it has had. */
export async function failChallenge(db: Db, id: string): Promise<number> {
  const rows = await db
    .update(twoFactorChallenges)
    .set({ failures: sql`${twoFactorChallenges.failures} + 1` })
    .where(eq(twoFactorChallenges.id, id))
    .returning({ failures: twoFactorChallenges.failures });
  return rows[0]?.failures ?? 0;
}

/** Marks a challenge answered; false when another request answered it first. */
export async function spendChallenge(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(twoFactorChallenges)
    .set({ usedAt: now })
    .where(and(eq(twoFactorChallenges.id, id), isNull(twoFactorChallenges.usedAt)))
    .returning({ id: twoFactorChallenges.id });
  return rows.length > 0;
}

/** A new password or a turned-off second factor: challenges issued before it are void. */
export async function deleteChallengesOfAgent(db: Db, agentId: string) {
  await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.agentId, agentId));
}

export async function deleteExpiredChallenges(db: Db, now: Date) {
  await db.delete(twoFactorChallenges).where(lt(twoFactorChallenges.expiresAt, now));
}

export async function listSealedSecrets(db: Db) {
  return db
    .select({
      agentId: agentTwoFactor.agentId,
      secretSealed: agentTwoFactor.secretSealed,
      pendingSecretSealed: agentTwoFactor.pendingSecretSealed,
    })
    .from(agentTwoFactor);
}

export async function updateSealedSecrets(
  db: Db,
  agentId: string,
  values: { secretSealed: string | null; pendingSecretSealed: string | null },
) {
  await db.update(agentTwoFactor).set(values).where(eq(agentTwoFactor.agentId, agentId));
}
