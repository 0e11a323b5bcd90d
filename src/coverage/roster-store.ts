import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { agents } from '../people/tables.js';
import type { Db } from '../platform/db.js';
import { timeOff } from './tables.js';

// The roster reads agents' own roster columns (people owns the table; these columns are the
// roster's) and owns time off.

export interface RosterRow {
  id: string;
  email: string;
  name: string;
  role: string;
  timeZone: string;
  region: string | null;
  country: string | null;
  skills: string[];
  hours: Record<string, string>;
  active: boolean;
  lastRoutedAt: Date | null;
}

export async function listRosterRows(db: Db): Promise<RosterRow[]> {
  return db
    .select({
      id: agents.id,
      email: agents.email,
      name: agents.name,
      role: agents.role,
      timeZone: agents.timeZone,
      region: agents.region,
      country: agents.country,
      skills: agents.skills,
      hours: agents.hours,
      active: agents.active,
      lastRoutedAt: agents.lastRoutedAt,
    })
    .from(agents)
    .orderBy(asc(agents.email));
}

export async function updateSchedule(
  db: Db,
  agentId: string,
  values: {
    hours?: Record<string, string>;
    country?: string | null;
    skills?: string[];
    region?: string | null;
    timeZone?: string;
    handOverDefault?: boolean;
  },
) {
  return (await db.update(agents).set(values).where(eq(agents.id, agentId)).returning({ id: agents.id }))[0];
}

export async function markRouted(db: Db, agentId: string, at: Date) {
  await db.update(agents).set({ lastRoutedAt: at }).where(eq(agents.id, agentId));
}

export async function insertTimeOff(db: Db, values: typeof timeOff.$inferInsert) {
  return (await db.insert(timeOff).values(values).returning())[0] as typeof timeOff.$inferSelect;
}

/** Time off overlapping [fromDate, toDate] (local dates, inclusive; either end open when not given). */
export async function listTimeOffRows(db: Db, options: { agentId?: string; fromDate?: string; toDate?: string } = {}) {
  return db
    .select()
    .from(timeOff)
    .where(
      and(
        options.agentId ? eq(timeOff.agentId, options.agentId) : undefined,
        options.fromDate ? gte(timeOff.toDate, options.fromDate) : undefined,
        options.toDate ? lte(timeOff.fromDate, options.toDate) : undefined,
      ),
    )
    .orderBy(asc(timeOff.fromDate));
}

export async function deleteTimeOff(db: Db, id: string) {
  return (await db.delete(timeOff).where(eq(timeOff.id, id)).returning({ id: timeOff.id })).length > 0;
}

export async function deleteTimeOffOfAgent(db: Db, agentId: string) {
  await db.delete(timeOff).where(eq(timeOff.agentId, agentId));
}
