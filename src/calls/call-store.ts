import { and, asc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { agentCalendars, agentRooms, type CallRow, type CallStatus, calendarBusy, calls, callTypes } from './tables.js';

// All SQL of the calls module's tables.

export async function insertCallType(db: Db, values: typeof callTypes.$inferInsert) {
  return (await db.insert(callTypes).values(values).returning())[0] as typeof callTypes.$inferSelect;
}

export async function updateCallTypeRow(db: Db, id: string, values: Partial<typeof callTypes.$inferInsert>) {
  return (await db.update(callTypes).set(values).where(eq(callTypes.id, id)).returning())[0];
}

export async function findCallType(db: Db, id: string) {
  return (await db.select().from(callTypes).where(eq(callTypes.id, id)))[0];
}

export async function findCallTypesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: callTypes.id, name: callTypes.name }).from(callTypes).where(inArray(callTypes.id, ids));
}

export async function listCallTypeRows(db: Db, options: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(callTypes)
    .where(options.activeOnly ? eq(callTypes.active, true) : undefined)
    .orderBy(asc(callTypes.name));
}

export async function findCalendar(db: Db, agentId: string) {
  return (await db.select().from(agentCalendars).where(eq(agentCalendars.agentId, agentId)))[0];
}

export async function listCalendars(db: Db) {
  return db.select().from(agentCalendars);
}

export async function saveCalendar(db: Db, values: typeof agentCalendars.$inferInsert) {
  await db
    .insert(agentCalendars)
    .values(values)
    .onConflictDoUpdate({ target: agentCalendars.agentId, set: { ...values, refreshedAt: null, lastError: null } });
}

export async function deleteCalendar(db: Db, agentId: string) {
  await db.delete(agentCalendars).where(eq(agentCalendars.agentId, agentId));
  await db.delete(calendarBusy).where(eq(calendarBusy.agentId, agentId));
}

export async function markCalendarRefreshed(db: Db, agentId: string, at: Date, error: string | null) {
  await db
    .update(agentCalendars)
    .set(error ? { lastError: error } : { refreshedAt: at, lastError: null })
    .where(eq(agentCalendars.agentId, agentId));
}

/** Replaces an agent's busy time with what their calendar says now. */
export async function replaceBusy(db: Db, agentId: string, intervals: [number, number][]) {
  await db.delete(calendarBusy).where(eq(calendarBusy.agentId, agentId));
  for (let i = 0; i < intervals.length; i += 1000) {
    const chunk = intervals.slice(i, i + 1000);
    await db
      .insert(calendarBusy)
      .values(chunk.map(([s, e]) => ({ agentId, startsAt: new Date(s), endsAt: new Date(e) })));
  }
}

export async function listBusy(db: Db, agentIds: string[], from: Date, to: Date) {
  if (agentIds.length === 0) return [];
  return db
    .select()
    .from(calendarBusy)
    .where(and(inArray(calendarBusy.agentId, agentIds), lt(calendarBusy.startsAt, to), gt(calendarBusy.endsAt, from)));
}

export async function findRoom(db: Db, agentId: string) {
  return (await db.select().from(agentRooms).where(eq(agentRooms.agentId, agentId)))[0];
}

export async function saveRoom(db: Db, agentId: string, url: string | null, at: Date) {
  if (url === null) {
    await db.delete(agentRooms).where(eq(agentRooms.agentId, agentId));
    return;
  }
  await db
    .insert(agentRooms)
    .values({ agentId, url, updatedAt: at })
    .onConflictDoUpdate({ target: agentRooms.agentId, set: { url, updatedAt: at } });
}

export async function insertCall(db: Db, values: typeof calls.$inferInsert) {
  return (await db.insert(calls).values(values).returning())[0] as CallRow;
}

export async function updateCallRow(db: Db, id: string, values: Partial<typeof calls.$inferInsert>) {
  return (await db.update(calls).set(values).where(eq(calls.id, id)).returning())[0] as CallRow;
}

export async function findCall(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(calls).where(eq(calls.id, id));
  return (await (options.forUpdate ? query.for('update') : query))[0];
}

/** Booked calls of these hosts whose held time overlaps [from, to). */
export async function listHolds(db: Db, agentIds: string[], from: Date, to: Date) {
  if (agentIds.length === 0) return [];
  return db
    .select({
      id: calls.id,
      agentId: calls.agentId,
      startsAt: calls.startsAt,
      holdFrom: calls.holdFrom,
      holdUntil: calls.holdUntil,
    })
    .from(calls)
    .where(
      and(
        inArray(calls.agentId, agentIds),
        eq(calls.status, 'booked'),
        eq(calls.emergency, false),
        lt(calls.holdFrom, to),
        gt(calls.holdUntil, from),
      ),
    );
}

/** Per host: calls booked since `since` (for equal distribution) and their latest booking. */
export async function hostStats(db: Db, agentIds: string[], since: Date) {
  if (agentIds.length === 0) return [];
  return db
    .select({
      agentId: calls.agentId,
      calls: sql<number>`count(*) filter (where ${calls.createdAt} >= ${since} and ${calls.status} <> 'cancelled')::int`,
      lastBookedAt: sql<Date | null>`max(${calls.createdAt})`,
    })
    .from(calls)
    .where(inArray(calls.agentId, agentIds))
    .groupBy(calls.agentId);
}

export async function listCallsOfTicket(db: Db, ticketId: number) {
  return db.select().from(calls).where(eq(calls.ticketId, ticketId)).orderBy(asc(calls.startsAt));
}

export async function listCallRows(
  db: Db,
  query: { from: Date; to: Date; agentIds?: string[]; statuses?: CallStatus[]; limit: number },
) {
  return db
    .select()
    .from(calls)
    .where(
      and(
        lt(calls.startsAt, query.to),
        gt(calls.endsAt, query.from),
        query.agentIds ? inArray(calls.agentId, query.agentIds) : undefined,
        query.statuses ? inArray(calls.status, query.statuses) : undefined,
      ),
    )
    .orderBy(asc(calls.startsAt))
    .limit(query.limit);
}

/** Booked calls that started `graceMs` ago or more with no sign of the customer and no outcome. */
export async function listUnattendedCalls(db: Db, now: Date, graceMs: number, limit: number) {
  return db
    .select({ id: calls.id })
    .from(calls)
    .where(
      and(
        eq(calls.status, 'booked'),
        eq(calls.emergency, false),
        lte(calls.startsAt, new Date(now.getTime() - graceMs)),
        sql`${calls.customerJoinedAt} IS NULL`,
      ),
    )
    .orderBy(asc(calls.startsAt))
    .limit(limit);
}
