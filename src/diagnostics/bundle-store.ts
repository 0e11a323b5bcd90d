import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type Db, queryOne } from '../platform/db.js';
import { type BundleRow, bundles } from './tables.js';

// All SQL of the bundles table.

export async function insertBundle(db: Db, values: typeof bundles.$inferInsert) {
  return (await db.insert(bundles).values(values).returning())[0] as BundleRow;
}

export async function findBundle(db: Db, id: string) {
  return (await db.select().from(bundles).where(eq(bundles.id, id)))[0];
}

export async function findBundleByAttachment(db: Db, attachmentId: string) {
  return (await db.select().from(bundles).where(eq(bundles.attachmentId, attachmentId)))[0];
}

/** The columns a list shows: everything but the results, with the findings counted in the database. */
const summaryColumns = {
  id: bundles.id,
  ticketId: bundles.ticketId,
  uploadedByKind: bundles.uploadedByKind,
  uploadedById: bundles.uploadedById,
  uploadedByName: bundles.uploadedByName,
  source: bundles.source,
  filename: bundles.filename,
  contentType: bundles.contentType,
  size: bundles.size,
  state: bundles.state,
  progress: bundles.progress,
  error: bundles.error,
  stored: bundles.stored,
  scannedAt: bundles.scannedAt,
  expiresAt: bundles.expiresAt,
  createdAt: bundles.createdAt,
  analysedAt: bundles.analysedAt,
  findingCount: sql<number>`coalesce(jsonb_array_length(${bundles.results} -> 'findings'), 0)::int`,
  criticalCount: sql<number>`(SELECT count(*) FROM jsonb_array_elements(coalesce(${bundles.results} -> 'findings', '[]'::jsonb)) f
    WHERE f ->> 'severity' = 'critical')::int`,
};
export type BundleSummaryRow = Awaited<ReturnType<typeof listTicketBundleRows>>[number];

export async function listTicketBundleRows(db: Db, ticketId: number) {
  return db
    .select(summaryColumns)
    .from(bundles)
    .where(eq(bundles.ticketId, ticketId))
    .orderBy(desc(bundles.createdAt), desc(bundles.id));
}

export async function updateBundleRow(db: Db, id: string, values: Partial<typeof bundles.$inferInsert>) {
  return (await db.update(bundles).set(values).where(eq(bundles.id, id)).returning())[0];
}

/** Takes a bundle for analysis: queued, or analysing by a worker that stopped; a done or failed one is left be. */
export async function startAnalysis(db: Db, id: string) {
  return (
    await db
      .update(bundles)
      .set({ state: 'analysing', progress: 0, error: null })
      .where(and(eq(bundles.id, id), inArray(bundles.state, ['queued', 'analysing'])))
      .returning()
  )[0];
}

/** Progress of an analysis under way (a bundle deleted or finished meanwhile is not touched). */
export async function setBundleProgress(db: Db, id: string, progress: number) {
  await db
    .update(bundles)
    .set({ progress })
    .where(and(eq(bundles.id, id), eq(bundles.state, 'analysing')));
}

export async function listExpiredBundles(db: Db, now: Date, limit: number) {
  return db
    .select({
      id: bundles.id,
      ticketId: bundles.ticketId,
      storageKey: bundles.storageKey,
      filename: bundles.filename,
    })
    .from(bundles)
    .where(lte(bundles.expiresAt, now))
    .orderBy(asc(bundles.expiresAt))
    .limit(limit);
}

export async function deleteBundleRow(db: Db, id: string) {
  return (
    await db
      .delete(bundles)
      .where(eq(bundles.id, id))
      .returning({ id: bundles.id, noteMessageId: bundles.noteMessageId })
  )[0];
}

/**
 * Bytes of bundles stored on an organization's tickets, or (no organization) on a requester's own: the
 * customers' quota. Indexed both ways: tickets by organization or requester, bundles by ticket.
 */
export async function sumStoredBundleBytes(
  db: Db,
  owner: { organizationId: string } | { requesterId: string },
): Promise<number> {
  const where =
    'organizationId' in owner
      ? sql`t.organization_id = ${owner.organizationId}`
      : sql`t.requester_id = ${owner.requesterId}`;
  const row = await queryOne<{ bytes: string | number }>(
    db,
    sql`SELECT coalesce(sum(b.size), 0)::bigint AS bytes FROM tickets t JOIN bundles b ON b.ticket_id = t.id
        WHERE ${where} AND b.stored`,
  );
  return Number(row?.bytes ?? 0);
}
