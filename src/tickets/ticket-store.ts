import { and, asc, eq, getTableColumns, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryOne, queryRows } from '../platform/db.js';
import type { TicketPriority, TicketStatus } from './status-rules.js';
import { attachments, blobs, messages, ticketCcs, tickets, views } from './tables.js';

export type TicketRow = typeof tickets.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type ViewRow = typeof views.$inferSelect;

/** Whose tickets a query may touch: everything (agents) or what one contact may see. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'contact'; contactId: string; organizationId: string | null; shareTickets: boolean };

/**
 * The one place that says which tickets a contact sees: their own, those they are CC'd on, and their
 * organization's where it shares tickets. Every ticket query goes through it.
 */
function visibleTo(visibility: Visibility, ticketId: SQL): SQL | undefined {
  if (visibility.kind === 'all') return undefined;
  const parts = [
    sql`SELECT id FROM tickets WHERE requester_id = ${visibility.contactId}`,
    sql`SELECT ticket_id FROM ticket_ccs WHERE contact_id = ${visibility.contactId}`,
  ];
  if (visibility.shareTickets && visibility.organizationId) {
    parts.push(sql`SELECT id FROM tickets WHERE organization_id = ${visibility.organizationId}`);
  }
  return sql`${ticketId} IN (${sql.join(parts, sql` UNION `)})`;
}

// tickets ----------------------------------------------------------------------------------------

export async function insertTicket(db: Db, values: typeof tickets.$inferInsert) {
  return (await db.insert(tickets).values(values).returning())[0] as TicketRow;
}

export async function findTicket(db: Db, id: number, visibility: Visibility, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), visibleTo(visibility, sql`${tickets.id}`)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function findTicketsByIds(db: Db, ids: number[], visibility: Visibility) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(tickets)
    .where(and(inArray(tickets.id, ids), visibleTo(visibility, sql`${tickets.id}`)));
}

export async function updateTicketRow(db: Db, id: number, values: Partial<typeof tickets.$inferInsert>) {
  return (await db.update(tickets).set(values).where(eq(tickets.id, id)).returning())[0] as TicketRow;
}

export type TicketSort =
  | 'updated'
  | '-updated'
  | 'created'
  | '-created'
  | 'number'
  | '-number'
  | 'priority'
  | '-priority';

export interface TicketFilter {
  statuses?: TicketStatus[];
  priorities?: TicketPriority[];
  /** null: unassigned */
  assigneeId?: string | null;
  teamId?: string | null;
  organizationId?: string;
  requesterId?: string;
  tags?: string[];
  q?: string;
}

export interface TicketListRow extends TicketRow {
  cursorUpdatedAt: string;
}

function filterConditions(filter: TicketFilter, visibility: Visibility): (SQL | undefined)[] {
  const q = filter.q?.trim();
  const number = q && /^#?\d{1,15}$/.test(q) ? Number(q.replace('#', '')) : undefined;
  return [
    visibleTo(visibility, sql`${tickets.id}`),
    filter.statuses?.length ? inArray(tickets.status, filter.statuses) : undefined,
    filter.priorities?.length ? inArray(tickets.priority, filter.priorities) : undefined,
    filter.assigneeId === null
      ? sql`${tickets.assigneeId} IS NULL`
      : filter.assigneeId
        ? eq(tickets.assigneeId, filter.assigneeId)
        : undefined,
    filter.teamId === null
      ? sql`${tickets.teamId} IS NULL`
      : filter.teamId
        ? eq(tickets.teamId, filter.teamId)
        : undefined,
    filter.organizationId ? eq(tickets.organizationId, filter.organizationId) : undefined,
    filter.requesterId ? eq(tickets.requesterId, filter.requesterId) : undefined,
    filter.tags?.length ? sql`${tickets.tags} @> ${sql.param(filter.tags)}::text[]` : undefined,
    q
      ? number !== undefined
        ? eq(tickets.id, number)
        : sql`search_vector @@ websearch_to_tsquery('english', ${q})`
      : undefined,
  ];
}

/**
 * One page of tickets in keyset order. Each sort has an index that serves it with the common
 * filters in front, so a page costs the same on the first and the ten-thousandth page.
 */
export async function listTicketRows(
  db: Db,
  filter: TicketFilter,
  visibility: Visibility,
  sort: TicketSort,
  after: unknown[] | undefined,
  limit: number,
): Promise<TicketListRow[]> {
  const descending = sort.startsWith('-');
  const key = sort.replace('-', '');
  const cmp = descending ? sql`<` : sql`>`;
  const dir = descending ? sql`DESC` : sql`ASC`;
  let order: SQL;
  let keyset: SQL | undefined;
  if (key === 'updated') {
    order = sql`${tickets.updatedAt} ${dir}, ${tickets.id} ${dir}`;
    if (after)
      keyset = sql`(${tickets.updatedAt}, ${tickets.id}) ${cmp} (${String(after[0])}::timestamptz, ${Number(after[1])})`;
  } else if (key === 'priority') {
    order = sql`${tickets.priority} ${dir}, ${tickets.id} ${dir}`;
    if (after)
      keyset = sql`(${tickets.priority}, ${tickets.id}) ${cmp} (${String(after[0])}::ticket_priority, ${Number(after[1])})`;
  } else {
    // created and number are the same order: numbers are given out in creation order
    order = sql`${tickets.id} ${dir}`;
    if (after) keyset = sql`${tickets.id} ${cmp} ${Number(after[1])}`;
  }
  return db
    .select({ ...getTableColumns(tickets), cursorUpdatedAt: sql<string>`${tickets.updatedAt}::text` })
    .from(tickets)
    .where(and(...filterConditions(filter, visibility), keyset))
    .orderBy(order)
    .limit(limit + 1);
}

export async function countTickets(db: Db, filter: TicketFilter, visibility: Visibility): Promise<number> {
  const where = and(...filterConditions(filter, visibility));
  const row = await queryOne<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM tickets ${where ? sql`WHERE ${where}` : sql``}`,
  );
  return row?.n ?? 0;
}

// ccs --------------------------------------------------------------------------------------------

export async function addTicketCcs(db: Db, ticketId: number, contactIds: string[], at: Date) {
  if (contactIds.length === 0) return [];
  return db
    .insert(ticketCcs)
    .values(contactIds.map((contactId) => ({ ticketId, contactId, addedAt: at })))
    .onConflictDoNothing()
    .returning({ contactId: ticketCcs.contactId });
}

export async function removeTicketCcs(db: Db, ticketId: number, contactIds: string[]) {
  if (contactIds.length === 0) return;
  await db.delete(ticketCcs).where(and(eq(ticketCcs.ticketId, ticketId), inArray(ticketCcs.contactId, contactIds)));
}

export async function listTicketCcIds(db: Db, ticketIds: number[]) {
  if (ticketIds.length === 0) return [];
  return db
    .select({ ticketId: ticketCcs.ticketId, contactId: ticketCcs.contactId })
    .from(ticketCcs)
    .where(inArray(ticketCcs.ticketId, ticketIds))
    .orderBy(asc(ticketCcs.addedAt));
}

// messages ---------------------------------------------------------------------------------------

export async function insertMessage(db: Db, values: typeof messages.$inferInsert) {
  return (await db.insert(messages).values(values).returning())[0] as MessageRow;
}

export async function listMessageRows(
  db: Db,
  ticketId: number,
  options: { includeInternal: boolean; afterId: number; limit: number },
) {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticketId),
        gt(messages.id, options.afterId),
        options.includeInternal ? undefined : eq(messages.internal, false),
      ),
    )
    .orderBy(asc(messages.id))
    .limit(options.limit + 1);
}

// attachments ------------------------------------------------------------------------------------

/** Stores content once per SHA-256, however many messages carry it. */
export async function insertBlob(db: Db, sha256: Buffer, content: Buffer, at: Date) {
  await db.insert(blobs).values({ sha256, size: content.length, content, createdAt: at }).onConflictDoNothing();
}

export async function insertAttachment(db: Db, values: typeof attachments.$inferInsert) {
  return (await db.insert(attachments).values(values).returning())[0] as AttachmentRow;
}

export async function listAttachmentRows(db: Db, messageIds: number[]) {
  if (messageIds.length === 0) return [];
  return db
    .select()
    .from(attachments)
    .where(inArray(attachments.messageId, messageIds))
    .orderBy(asc(attachments.createdAt));
}

export async function findAttachmentWithContent(db: Db, id: string) {
  const rows = await db
    .select({ attachment: attachments, content: blobs.content, internal: messages.internal })
    .from(attachments)
    .innerJoin(blobs, eq(blobs.sha256, attachments.sha256))
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(eq(attachments.id, id));
  return rows[0];
}

// search -----------------------------------------------------------------------------------------

export interface SearchHit {
  ticketId: number;
  rank: number;
}

/** How many of the newest matches per source are ranked; keeps a common word as fast as a rare one. */
const SEARCH_CANDIDATES = 1000;

/**
 * Full-text search over subjects and messages, ranked. Contacts match only public messages of
 * tickets they may see. Subject matches weigh double.
 */
export async function searchTicketIds(
  db: Db,
  q: string,
  visibility: Visibility,
  limit: number,
  offset: number,
): Promise<SearchHit[]> {
  const ticketVisible = visibleTo(visibility, sql`t.id`);
  const messageVisible = visibleTo(visibility, sql`m.ticket_id`);
  const rows = await queryRows<{ ticketId: number; rank: number }>(
    db,
    sql`WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
        subject_hits AS (
          SELECT t.id AS ticket_id, ts_rank_cd(t.search_vector, query.q) * 2 AS rank
          FROM tickets t, query
          WHERE t.search_vector @@ query.q ${ticketVisible ? sql`AND ${ticketVisible}` : sql``}
          ORDER BY t.id DESC
          LIMIT ${SEARCH_CANDIDATES}
        ),
        message_hits AS (
          SELECT m.ticket_id, ts_rank_cd(m.search_vector, query.q) AS rank
          FROM messages m, query
          WHERE m.search_vector @@ query.q
            ${visibility.kind === 'contact' ? sql`AND NOT m.internal` : sql``}
            ${messageVisible ? sql`AND ${messageVisible}` : sql``}
          ORDER BY m.id DESC
          LIMIT ${SEARCH_CANDIDATES}
        )
        SELECT ticket_id AS "ticketId", max(rank)::float8 AS rank
        FROM (SELECT * FROM subject_hits UNION ALL SELECT * FROM message_hits) hits
        GROUP BY ticket_id
        ORDER BY rank DESC, ticket_id DESC
        LIMIT ${limit + 1} OFFSET ${offset}`,
  );
  return rows.map((r) => ({ ticketId: Number(r.ticketId), rank: Number(r.rank) }));
}

export interface SearchSnippet {
  ticketId: number;
  subjectHighlight: string;
  messageHighlight: string | null;
  messageId: number | null;
}

export const MARK_START = '@@pf-mark@@';
export const MARK_END = '@@pf-end@@';

/** Highlighted subject and best-matching message for each hit, matches between MARK_START and MARK_END. */
export async function searchSnippets(
  db: Db,
  q: string,
  ticketIds: number[],
  includeInternal: boolean,
): Promise<SearchSnippet[]> {
  if (ticketIds.length === 0) return [];
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2`;
  return queryRows<SearchSnippet>(
    db,
    sql`WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q)
        SELECT t.id AS "ticketId",
               ts_headline('english', t.subject, query.q, ${options}) AS "subjectHighlight",
               best.id AS "messageId",
               CASE WHEN best.id IS NULL THEN NULL
                    ELSE ts_headline('english', left(best.body_text, 65536), query.q, ${options}) END AS "messageHighlight"
        FROM tickets t CROSS JOIN query
        LEFT JOIN LATERAL (
          SELECT m.id, m.body_text FROM messages m
          WHERE m.ticket_id = t.id AND m.search_vector @@ query.q ${includeInternal ? sql`` : sql`AND NOT m.internal`}
          ORDER BY ts_rank_cd(m.search_vector, query.q) DESC, m.id DESC
          LIMIT 1
        ) best ON true
        WHERE t.id IN (${sql.join(
          ticketIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  ).then((rows) =>
    rows.map((r) => ({
      ...r,
      ticketId: Number(r.ticketId),
      messageId: r.messageId === null ? null : Number(r.messageId),
    })),
  );
}

// sweeps -----------------------------------------------------------------------------------------

/** Tickets that have been in `status` since before `before`, oldest first; sweeps act on each. */
export async function listTicketIdsInStatusSince(
  db: Db,
  status: 'pending' | 'solved',
  before: Date,
  options: { onlyUnreminded?: boolean; limit: number },
) {
  return db
    .select({ id: tickets.id, statusChangedAt: tickets.statusChangedAt })
    .from(tickets)
    .where(
      and(
        eq(tickets.status, status),
        sql`${tickets.statusChangedAt} < ${before.toISOString()}::timestamptz`,
        eq(tickets.autoClose, true),
        options.onlyUnreminded ? sql`${tickets.pendingRemindedAt} IS NULL` : undefined,
      ),
    )
    .orderBy(asc(tickets.statusChangedAt))
    .limit(options.limit);
}

// views ------------------------------------------------------------------------------------------

export async function insertView(db: Db, values: typeof views.$inferInsert) {
  return (await db.insert(views).values(values).returning())[0] as ViewRow;
}

export async function listViewRows(db: Db, agentId: string | null) {
  return db
    .select()
    .from(views)
    .where(agentId ? sql`${views.agentId} IS NULL OR ${views.agentId} = ${agentId}` : sql`${views.agentId} IS NULL`)
    .orderBy(asc(views.name));
}

export async function findViewRow(db: Db, id: string) {
  return (await db.select().from(views).where(eq(views.id, id)))[0];
}

export async function deleteViewRow(db: Db, id: string) {
  await db.delete(views).where(eq(views.id, id));
}
