import { and, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { macros } from './tables.js';

export type MacroRow = typeof macros.$inferSelect;

// The only code that touches the macros table.

export async function insertMacro(db: Db, values: typeof macros.$inferInsert) {
  return (await db.insert(macros).values(values).returning())[0] as MacroRow;
}

export async function findMacroRow(db: Db, id: string) {
  return (await db.select().from(macros).where(eq(macros.id, id)))[0];
}

export async function updateMacroRow(db: Db, id: string, values: Partial<typeof macros.$inferInsert>) {
  return (await db.update(macros).set(values).where(eq(macros.id, id)).returning())[0];
}

export async function deleteMacroRow(db: Db, id: string) {
  await db.delete(macros).where(eq(macros.id, id));
}

/** The shared macros and the agent's own, most used first; `q` narrows by name. */
export async function listMacroRows(db: Db, agentId: string | null, options: { q?: string; limit: number }) {
  const scope = agentId ? or(isNull(macros.agentId), eq(macros.agentId, agentId)) : isNull(macros.agentId);
  const q = options.q?.trim();
  // a LIKE pattern's own wildcards in the search are meant literally
  const named = q ? ilike(macros.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
  return db
    .select()
    .from(macros)
    .where(and(scope, named))
    .orderBy(desc(macros.usageCount), sql`lower(${macros.name})`, macros.id)
    .limit(options.limit);
}

export async function countMacroUse(db: Db, id: string, at: Date) {
  await db
    .update(macros)
    .set({ usageCount: sql`${macros.usageCount} + 1`, lastUsedAt: at })
    .where(eq(macros.id, id));
}
