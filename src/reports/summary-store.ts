import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { type WeeklySummarySubscriptionRow, weeklySummarySubscriptions } from './summary-tables.js';

// All SQL on weekly_summary_subscriptions.

export async function findSubscription(db: Db, agentId: string): Promise<WeeklySummarySubscriptionRow | undefined> {
  return (await db.select().from(weeklySummarySubscriptions).where(eq(weeklySummarySubscriptions.agentId, agentId)))[0];
}

export async function subscribe(db: Db, agentId: string, at: Date): Promise<void> {
  await db.insert(weeklySummarySubscriptions).values({ agentId, createdAt: at }).onConflictDoNothing();
}

export async function unsubscribe(db: Db, agentId: string): Promise<void> {
  await db.delete(weeklySummarySubscriptions).where(eq(weeklySummarySubscriptions.agentId, agentId));
}

export async function listSubscriptions(db: Db): Promise<WeeklySummarySubscriptionRow[]> {
  return db.select().from(weeklySummarySubscriptions);
}

/** Marks the week summarised; false when it was already (another worker, a second run), so it goes once. */
export async function claimWeek(db: Db, agentId: string, week: string): Promise<boolean> {
  const claimed = await db
    .update(weeklySummarySubscriptions)
    .set({ lastWeek: week })
    .where(
      and(
        eq(weeklySummarySubscriptions.agentId, agentId),
        or(isNull(weeklySummarySubscriptions.lastWeek), lt(weeklySummarySubscriptions.lastWeek, week)),
      ),
    )
    .returning({ agentId: weeklySummarySubscriptions.agentId });
  return claimed.length > 0;
}
