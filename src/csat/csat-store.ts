import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import { type CsatRating, type CsatRow, csatRatings } from './tables.js';

// All SQL on csat_ratings.

/** The row of a solve; a second insert of the same solve (a job run twice) leaves the first. */
export async function insertSolve(db: Db, values: typeof csatRatings.$inferInsert): Promise<void> {
  await db.insert(csatRatings).values(values).onConflictDoNothing();
}

export async function findSolve(
  db: Db,
  ticketId: number,
  solvedAt: Date,
  options: { forUpdate?: boolean } = {},
): Promise<CsatRow | undefined> {
  const query = db
    .select()
    .from(csatRatings)
    .where(and(eq(csatRatings.ticketId, ticketId), eq(csatRatings.solvedAt, solvedAt)));
  return (await (options.forUpdate ? query.for('update') : query))[0];
}

/** Marks the solve asked; undefined when it was asked already, so the mail goes once. */
export async function markAsked(db: Db, id: string, at: Date): Promise<CsatRow | undefined> {
  return (
    await db
      .update(csatRatings)
      .set({ askedAt: at })
      .where(and(eq(csatRatings.id, id), isNull(csatRatings.askedAt)))
      .returning()
  )[0];
}

export async function updateRating(
  db: Db,
  id: string,
  values: { rating: CsatRating; comment?: string | null; ratedAt?: Date; changedAt: Date },
): Promise<CsatRow> {
  return (await db.update(csatRatings).set(values).where(eq(csatRatings.id, id)).returning())[0] as CsatRow;
}

/** A ticket's solves, newest first. */
export async function listTicketSolves(db: Db, ticketId: number): Promise<CsatRow[]> {
  return db.select().from(csatRatings).where(eq(csatRatings.ticketId, ticketId)).orderBy(desc(csatRatings.solvedAt));
}

export type CsatGroupBy = 'agent' | 'team' | 'organization' | 'week';

export interface CsatCountRow {
  /** the agent, team or organization id (null: none), or the week's Monday (YYYY-MM-DD) */
  key: string | null;
  good: number;
  bad: number;
}

// what each grouping groups by: fixed SQL, never built from input
const GROUP_KEYS: Record<Exclude<CsatGroupBy, 'week'>, string> = {
  agent: 'agent_id::text',
  team: 'team_id::text',
  organization: 'organization_id::text',
};

/** Ratings first given in [from, to), counted per group (csat_ratings_rated_idx answers it). */
export async function countRatings(
  db: Db,
  query: { from: Date; to: Date; groupBy: CsatGroupBy; zone: string; organizationId?: string; teamId?: string },
): Promise<CsatCountRow[]> {
  const key =
    query.groupBy === 'week'
      ? sql`to_char(date_trunc('week', rated_at AT TIME ZONE ${query.zone}), 'YYYY-MM-DD')`
      : sql.raw(GROUP_KEYS[query.groupBy]);
  const rows = await queryRows<{ key: string | null; good: number; bad: number }>(
    db,
    sql`SELECT ${key} AS key,
               count(*) FILTER (WHERE rating = 'good')::int AS good,
               count(*) FILTER (WHERE rating = 'bad')::int AS bad
          FROM csat_ratings
         WHERE rating IS NOT NULL
           AND rated_at >= ${query.from.toISOString()}::timestamptz
           AND rated_at < ${query.to.toISOString()}::timestamptz
           ${query.organizationId ? sql`AND organization_id = ${query.organizationId}::uuid` : sql``}
           ${query.teamId ? sql`AND team_id = ${query.teamId}::uuid` : sql``}
         GROUP BY 1`,
  );
  return rows.map((r) => ({ key: r.key, good: Number(r.good), bad: Number(r.bad) }));
}
