import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { type Db, queryOne } from '../platform/db.js';
import { type NotificationKind, notificationPreferences, notifications } from './tables.js';

// All SQL on the notifications tables.

export type NotificationRow = typeof notifications.$inferSelect;
export type PreferenceRow = typeof notificationPreferences.$inferSelect;

/** The new row, or undefined when this agent was already told of this message (a job ran twice). */
export async function insertNotification(db: Db, values: typeof notifications.$inferInsert) {
  return (await db.insert(notifications).values(values).onConflictDoNothing().returning())[0];
}

export async function listNotificationRows(
  db: Db,
  agentId: string,
  options: { unread: boolean; before?: { createdAt: Date; id: number }; limit: number },
) {
  const { before } = options;
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.agentId, agentId),
        options.unread ? isNull(notifications.readAt) : undefined,
        before
          ? or(
              lt(notifications.createdAt, before.createdAt),
              and(eq(notifications.createdAt, before.createdAt), lt(notifications.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
}

/** Unread notifications of an agent, counted up to `cap` (the bell shows "99+", not a number to wait for). */
export async function countUnread(db: Db, agentId: string, cap: number): Promise<number> {
  const row = await queryOne<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (
          SELECT 1 FROM notifications WHERE agent_id = ${agentId} AND read_at IS NULL LIMIT ${cap}
        ) unread`,
  );
  return Number(row?.n ?? 0);
}

export async function markNotificationRead(db: Db, agentId: string, id: number, at: Date) {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.agentId, agentId), isNull(notifications.readAt)));
  return (
    await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.agentId, agentId)))
  )[0];
}

/** Marks read everything up to a notification (the newest the agent saw), or everything. */
export async function markAllNotificationsRead(db: Db, agentId: string, at: Date, throughId?: number) {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.agentId, agentId),
        isNull(notifications.readAt),
        throughId !== undefined ? sql`${notifications.id} <= ${throughId}` : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export async function listPreferenceRows(db: Db, agentId: string) {
  return db.select().from(notificationPreferences).where(eq(notificationPreferences.agentId, agentId));
}

export async function findPreferenceRow(db: Db, agentId: string, kind: NotificationKind) {
  return (
    await db
      .select()
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.agentId, agentId), eq(notificationPreferences.kind, kind)))
  )[0];
}

export async function upsertPreferenceRow(db: Db, values: PreferenceRow) {
  await db
    .insert(notificationPreferences)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationPreferences.agentId, notificationPreferences.kind],
      set: { inApp: values.inApp, email: values.email },
    });
}
