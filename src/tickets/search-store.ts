import { and, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import { tickets } from './tables.js';
import {
  filterConditions,
  type TicketFilter,
  type TicketListRow,
  updatedColumn,
  type Visibility,
} from './ticket-store.js';

/** Tickets a search names directly: linked to an issue, requested by or CC'ing a person, of an organization. */
export interface DirectSources {
  ticketIds: number[];
  contactIds: string[];
  organizationIds: string[];
  /** the ticket shown first by its number, not repeated below it */
  excludeId?: number;
}

export function hasDirectSources(s: DirectSources): boolean {
  return s.ticketIds.length + s.contactIds.length + s.organizationIds.length > 0;
}

/**
 * One page of the tickets the sources name, latest activity first, after the keyset (updated_at, id).
 * Each source is its own query, served in order by its own index (requester, organization, CCs,
 * ids), and the pages are merged: an organization with 100 000 tickets costs a page, not a sort.
 */
export async function listDirectHits(
  db: Db,
  sources: DirectSources,
  filter: TicketFilter,
  visibility: Visibility,
  after: [string, number] | undefined,
  limit: number,
): Promise<TicketListRow[]> {
  const conditions: SQL[] = [];
  const ids = (values: number[]) => sql.param(values);
  const uuids = (values: string[]) => sql.param(values);
  if (sources.ticketIds.length > 0) conditions.push(sql`${tickets.id} = ANY(${ids(sources.ticketIds)}::bigint[])`);
  for (const contactId of sources.contactIds) {
    conditions.push(sql`${tickets.requesterId} = ${contactId}`);
  }
  if (sources.contactIds.length > 0) {
    conditions.push(
      sql`${tickets.id} IN (SELECT ticket_id FROM ticket_ccs WHERE contact_id = ANY(${uuids(sources.contactIds)}::uuid[]))`,
    );
  }
  for (const organizationId of sources.organizationIds) {
    conditions.push(sql`${tickets.organizationId} = ${organizationId}`);
  }
  // a customer's "updated" is the last change they could see, in the order and in the cursor alike
  const updated = updatedColumn(visibility);
  const common = [
    ...filterConditions({ ...filter, q: undefined }, visibility),
    sources.excludeId !== undefined ? sql`${tickets.id} <> ${sources.excludeId}` : undefined,
    after ? sql`(${updated}, ${tickets.id}) < (${after[0]}::timestamptz, ${after[1]})` : undefined,
  ];
  const merged = new Map<number, TicketListRow>();
  for (const condition of conditions) {
    const rows = await db
      .select({ ...getTableColumns(tickets), cursorUpdatedAt: sql<string>`${updated}::text` })
      .from(tickets)
      .where(and(condition, ...common))
      .orderBy(sql`${updated} DESC, ${tickets.id} DESC`)
      .limit(limit + 1);
    for (const row of rows) merged.set(row.id, row);
  }
  return [...merged.values()]
    .sort((a, b) => compareTimestampText(b.cursorUpdatedAt, a.cursorUpdatedAt) || b.id - a.id)
    .slice(0, limit + 1);
}

/**
 * Orders PostgreSQL's text of two timestamptz values in one session's zone ("… 17:20:01+00",
 * "… 17:20:01.5+00": it drops trailing zeros of the fraction). Compared code unit by code unit that is
 * time order ('+' sorts before '.' and before digits); localeCompare is not (it puts '.' before '+'),
 * and a page cut in the wrong place repeats a ticket on the next page.
 */
export function compareTimestampText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Which of these tickets the sources name (so full-text hits do not repeat them). */
export async function filterDirectHits(db: Db, ticketIds: number[], sources: DirectSources): Promise<Set<number>> {
  if (ticketIds.length === 0) return new Set();
  const parts: SQL[] = [sql`id = ANY(${sql.param([...sources.ticketIds, sources.excludeId ?? 0])}::bigint[])`];
  if (sources.contactIds.length > 0) {
    parts.push(sql`requester_id = ANY(${sql.param(sources.contactIds)}::uuid[])`);
    parts.push(
      sql`id IN (SELECT ticket_id FROM ticket_ccs WHERE ticket_id = ANY(${sql.param(ticketIds)}::bigint[])
                 AND contact_id = ANY(${sql.param(sources.contactIds)}::uuid[]))`,
    );
  }
  if (sources.organizationIds.length > 0)
    parts.push(sql`organization_id = ANY(${sql.param(sources.organizationIds)}::uuid[])`);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM tickets WHERE id = ANY(${sql.param(ticketIds)}::bigint[]) AND (${sql.join(parts, sql` OR `)})`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** The CCs among these contacts, per ticket, to say why a ticket matched. */
export async function listCcMatches(db: Db, ticketIds: number[], contactIds: string[]) {
  if (ticketIds.length === 0 || contactIds.length === 0) return [];
  return queryRows<{ ticketId: number; contactId: string }>(
    db,
    sql`SELECT ticket_id AS "ticketId", contact_id AS "contactId" FROM ticket_ccs
        WHERE ticket_id = ANY(${sql.param(ticketIds)}::bigint[]) AND contact_id = ANY(${sql.param(contactIds)}::uuid[])`,
  ).then((rows) => rows.map((r) => ({ ...r, ticketId: Number(r.ticketId) })));
}
