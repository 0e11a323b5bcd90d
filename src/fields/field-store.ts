import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { customFields, ticketFieldValues } from './tables.js';

export type FieldRow = typeof customFields.$inferSelect;

export async function listFieldRows(db: Db): Promise<FieldRow[]> {
  return db.select().from(customFields).orderBy(asc(customFields.position), asc(customFields.label));
}

export async function findFieldRow(db: Db, id: string): Promise<FieldRow | undefined> {
  return (await db.select().from(customFields).where(eq(customFields.id, id)))[0];
}

/** Undefined when the key is taken. */
export async function insertFieldRow(db: Db, values: typeof customFields.$inferInsert) {
  return (await db.insert(customFields).values(values).onConflictDoNothing().returning())[0];
}

export async function updateFieldRow(db: Db, id: string, values: Partial<typeof customFields.$inferInsert>) {
  return (await db.update(customFields).set(values).where(eq(customFields.id, id)).returning())[0];
}

/** The definition and, by cascade, every ticket's value of it. */
export async function deleteFieldRow(db: Db, id: string): Promise<boolean> {
  return (await db.delete(customFields).where(eq(customFields.id, id)).returning({ id: customFields.id })).length > 0;
}

/** Values no longer among a select field's options go with them. */
export async function deleteValuesNotIn(db: Db, fieldId: string, options: string[]): Promise<void> {
  await db
    .delete(ticketFieldValues)
    .where(
      and(
        eq(ticketFieldValues.fieldId, fieldId),
        sql`NOT (${ticketFieldValues.value} = ANY(${sql.param(options)}::text[]))`,
      ),
    );
}

export async function listTicketFieldValueRows(db: Db, ticketIds: number[]) {
  if (ticketIds.length === 0) return [];
  return db
    .select()
    .from(ticketFieldValues)
    .where(inArray(ticketFieldValues.ticketId, ticketIds))
    .orderBy(asc(ticketFieldValues.value));
}

/** Sets the values of some fields of a ticket: each given field's old values are replaced. */
export async function replaceTicketFieldValues(db: Db, ticketId: number, values: Map<string, string[]>) {
  const fieldIds = [...values.keys()];
  if (fieldIds.length === 0) return;
  await db
    .delete(ticketFieldValues)
    .where(and(eq(ticketFieldValues.ticketId, ticketId), inArray(ticketFieldValues.fieldId, fieldIds)));
  const rows = [...values].flatMap(([fieldId, list]) => list.map((value) => ({ ticketId, fieldId, value })));
  if (rows.length > 0) await db.insert(ticketFieldValues).values(rows).onConflictDoNothing();
}

/**
 * The condition "the ticket holds one of these values of the field", for the tickets module's list
 * query: one probe of (field_id, value) in the filter index.
 */
export function ticketHasFieldValue(ticketId: SQL, fieldId: string, values: string[]): SQL {
  return sql`${ticketId} IN (SELECT ticket_id FROM ticket_field_values
                             WHERE field_id = ${fieldId} AND value = ANY(${sql.param(values)}::text[]))`;
}
