import { and, asc, desc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { findAgentsByIds } from '../people/index.js';
import type { Db } from '../platform/db.js';
import { readSetting, writeSetting } from '../platform/settings-store.js';
import type { Rotation } from './rotation.js';
import { oncallMembers, type PageRow, pages } from './tables.js';

// All SQL of on-call: the rotation (a setting), its members in order, and the pages sent.

const KEY = 'oncall';

interface StoredRotation {
  startsAt: string;
  shiftHours: number;
}
const DEFAULT_ROTATION: StoredRotation = { startsAt: '2026-01-05T09:00:00.000Z', shiftHours: 168 };

export async function loadRotation(deps: Deps): Promise<Rotation> {
  const value = await readSetting(deps.db, KEY);
  const stored = value ? (JSON.parse(value) as StoredRotation) : DEFAULT_ROTATION;
  return { startsAt: new Date(stored.startsAt), shiftHours: stored.shiftHours };
}

export async function saveRotation(db: Db, rotation: Rotation): Promise<void> {
  const value = JSON.stringify({ startsAt: rotation.startsAt.toISOString(), shiftHours: rotation.shiftHours });
  await writeSetting(db, KEY, value);
}

/** The rotation's members in order; deactivated agents drop out. */
export async function loadMembers(deps: Deps) {
  const rows = await deps.db.select().from(oncallMembers).orderBy(asc(oncallMembers.position));
  const agents = new Map(
    (
      await findAgentsByIds(
        deps.db,
        rows.map((r) => r.agentId),
      )
    ).map((a) => [a.id, a]),
  );
  return rows.flatMap((r) => {
    const agent = agents.get(r.agentId);
    return agent?.active ? [agent] : [];
  });
}

export async function replaceMembers(db: Db, agentIds: string[]): Promise<void> {
  await db.delete(oncallMembers);
  if (agentIds.length > 0) {
    await db.insert(oncallMembers).values(agentIds.map((agentId, position) => ({ position, agentId })));
  }
}

export async function insertPage(db: Db, values: typeof pages.$inferInsert) {
  return (await db.insert(pages).values(values).returning())[0];
}

export async function findPage(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(pages).where(eq(pages.id, id));
  return (options.forUpdate ? await query.for('update') : await query)[0];
}

export async function ticketHasPage(db: Db, ticketId: number): Promise<boolean> {
  const rows = await db.select({ id: pages.id }).from(pages).where(eq(pages.ticketId, ticketId)).limit(1);
  return rows.length > 0;
}

export async function ticketHasAcknowledgedPage(db: Db, ticketId: number): Promise<boolean> {
  const rows = await db
    .select({ id: pages.id })
    .from(pages)
    .where(and(eq(pages.ticketId, ticketId), isNotNull(pages.acknowledgedAt)))
    .limit(1);
  return rows.length > 0;
}

export async function agentWasPagedFor(db: Db, ticketId: number, agentId: string): Promise<boolean> {
  const rows = await db
    .select({ id: pages.id })
    .from(pages)
    .where(and(eq(pages.ticketId, ticketId), eq(pages.agentId, agentId)))
    .limit(1);
  return rows.length > 0;
}

/** The latest first-level page of a ticket: whoever was on call when it began. */
export async function findFirstPage(db: Db, ticketId: number) {
  const rows = await db
    .select()
    .from(pages)
    .where(and(eq(pages.ticketId, ticketId), eq(pages.level, 0)))
    .orderBy(desc(pages.pagedAt))
    .limit(1);
  return rows[0];
}

export async function markPageEscalated(db: Db, id: string, at: Date): Promise<void> {
  await db.update(pages).set({ escalatedAt: at }).where(eq(pages.id, id));
}

/** Acknowledges this page and the ticket's other pages still waiting (not escalated). */
export async function acknowledgePages(db: Db, page: PageRow, at: Date): Promise<void> {
  await db
    .update(pages)
    .set({ acknowledgedAt: at })
    .where(
      and(
        eq(pages.ticketId, page.ticketId),
        isNull(pages.acknowledgedAt),
        or(eq(pages.id, page.id), isNull(pages.escalatedAt)),
      ),
    );
}

export async function listPageRows(db: Db, query: { open?: boolean; ticket?: number; limit: number }) {
  const where = and(
    query.ticket ? eq(pages.ticketId, query.ticket) : undefined,
    query.open ? and(isNull(pages.acknowledgedAt), isNull(pages.escalatedAt)) : undefined,
  );
  return db.select().from(pages).where(where).orderBy(desc(pages.pagedAt)).limit(query.limit);
}
