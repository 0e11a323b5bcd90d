import { and, asc, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import type { SlaClock, SlaStep } from './clock-rules.js';
import { type Metric, slaClocks, slaEvents, slaPolicies } from './tables.js';

export type PolicyRow = typeof slaPolicies.$inferSelect;

export async function listPolicyRows(db: Db): Promise<PolicyRow[]> {
  return db.select().from(slaPolicies).orderBy(asc(slaPolicies.priority), asc(slaPolicies.plan));
}

export async function replacePolicyRows(db: Db, rows: (typeof slaPolicies.$inferInsert)[]) {
  await db.delete(slaPolicies);
  if (rows.length > 0) await db.insert(slaPolicies).values(rows);
}

export async function loadClockRows(db: Db, ticketId: number, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(slaClocks).where(eq(slaClocks.ticketId, ticketId));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return new Map<Metric, SlaClock>(rows.map((r) => [r.metric, r]));
}

/** The changed clocks and their steps, in one statement (it runs on every ticket opened). */
export async function writeClocks(db: Db, ticketId: number, clocks: SlaClock[], steps: SlaStep[]) {
  if (clocks.length === 0 && steps.length === 0) return;
  const t = (d: Date | null) => (d ? sql`${d.toISOString()}::timestamptz` : sql`NULL::timestamptz`);
  const clockRows = clocks.map(
    (c) =>
      sql`(${ticketId}::bigint, ${c.metric}, ${c.state}, ${c.targetMinutes}::int, ${c.businessHours}::boolean, ${t(c.startedAt)},
           ${c.consumedMinutes}::float8, ${t(c.runStartedAt)}, ${t(c.dueAt)}, ${t(c.warnAt)}, ${t(c.warnedAt)}, ${t(c.breachedAt)}, ${t(c.stoppedAt)})`,
  );
  const stepRows = steps.map(
    (s) => sql`(${ticketId}::bigint, ${s.metric}, ${s.kind}, ${t(s.at)}, ${t(s.dueAt)}, ${s.detail})`,
  );
  const upsert = sql`INSERT INTO sla_clocks (ticket_id, metric, state, target_minutes, business_hours, started_at, consumed_minutes,
                         run_started_at, due_at, warn_at, warned_at, breached_at, stopped_at)
      VALUES ${sql.join(clockRows, sql`, `)}
      ON CONFLICT (ticket_id, metric) DO UPDATE SET state = excluded.state, target_minutes = excluded.target_minutes,
        business_hours = excluded.business_hours, started_at = excluded.started_at, consumed_minutes = excluded.consumed_minutes,
        run_started_at = excluded.run_started_at, due_at = excluded.due_at, warn_at = excluded.warn_at,
        warned_at = excluded.warned_at, breached_at = excluded.breached_at, stopped_at = excluded.stopped_at`;
  const events = sql`INSERT INTO sla_events (ticket_id, metric, kind, at, due_at, detail) VALUES ${sql.join(stepRows, sql`, `)}`;
  if (clocks.length > 0 && steps.length > 0) await db.execute(sql`WITH c AS (${upsert} RETURNING 1) ${events}`);
  else if (clocks.length > 0) await db.execute(upsert);
  else await db.execute(events);
}

export async function insertSlaEvent(db: Db, values: typeof slaEvents.$inferInsert) {
  await db.insert(slaEvents).values(values);
}

export async function listSlaEvents(db: Db, ticketId: number) {
  return db.select().from(slaEvents).where(eq(slaEvents.ticketId, ticketId)).orderBy(asc(slaEvents.id));
}

/** Claims running clocks whose warning time has come; each is claimed once. */
export async function claimWarnings(db: Db, now: Date, limit: number) {
  return queryRows<{ ticketId: number; metric: Metric; dueAt: Date | string; targetMinutes: number }>(
    db,
    sql`UPDATE sla_clocks SET warned_at = ${now.toISOString()}::timestamptz
        WHERE (ticket_id, metric) IN (
          SELECT ticket_id, metric FROM sla_clocks
          WHERE state = 'running' AND warned_at IS NULL AND warn_at <= ${now.toISOString()}::timestamptz
          ORDER BY warn_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING ticket_id AS "ticketId", metric, due_at AS "dueAt", target_minutes AS "targetMinutes"`,
  );
}

/** Claims running clocks past their due time; each breach is claimed once. */
export async function claimBreaches(db: Db, now: Date, limit: number) {
  return queryRows<{ ticketId: number; metric: Metric; dueAt: Date | string; targetMinutes: number }>(
    db,
    sql`UPDATE sla_clocks SET breached_at = due_at, warned_at = coalesce(warned_at, ${now.toISOString()}::timestamptz)
        WHERE (ticket_id, metric) IN (
          SELECT ticket_id, metric FROM sla_clocks
          WHERE state = 'running' AND breached_at IS NULL AND due_at <= ${now.toISOString()}::timestamptz
          ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING ticket_id AS "ticketId", metric, due_at AS "dueAt", target_minutes AS "targetMinutes"`,
  );
}

export async function listBreachRows(db: Db, since: Date, limit: number) {
  return db
    .select()
    .from(slaEvents)
    .where(and(eq(slaEvents.kind, 'breach'), gte(slaEvents.at, since), isNotNull(slaEvents.dueAt)))
    .orderBy(desc(slaEvents.at))
    .limit(limit);
}
