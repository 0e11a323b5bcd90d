import { and, asc, eq, getTableColumns, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryOne, queryRows } from '../platform/db.js';
import type { TicketPriority, TicketStatus } from './status-rules.js';
import { attachments, blobs, type CcVia, messages, ticketCcs, tickets, views } from './tables.js';

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
 * organization's where it shares tickets. Every ticket query goes through it; visibility.ts's canSee
 * is the same rule for a ticket in hand (live events), so change both together.
 */
export function visibleTo(visibility: Visibility, ticketId: SQL): SQL | undefined {
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

export interface NewTicketWithMessage {
  ticket: Omit<typeof tickets.$inferInsert, 'id'>;
  message: Omit<typeof messages.$inferInsert, 'id' | 'ticketId'>;
  ccIds: string[];
  /** who copied the CCs: whoever opened the ticket (its first mail's sender, or an agent) */
  ccAddedBy?: CcAdder;
  /** the audit INSERT for the same statement, given SQL for the new ticket's and message's ids */
  audit: (ids: { ticketId: SQL; messageId: SQL; from: SQL }) => SQL;
}

/** The row a new ticket is (or will be, with id 0 before its insert): the columns' defaults filled in. */
export function ticketRowOf(t: NewTicketWithMessage['ticket'], id: number): TicketRow {
  return {
    followUpOfId: null,
    organizationId: null,
    assigneeId: null,
    teamId: null,
    region: null,
    pendingRemindedAt: null,
    solvedAt: null,
    closedAt: null,
    slaDueAt: null,
    handovers: 0,
    routeAfter: null,
    handOver: true,
    lookAgainAt: null,
    mergedIntoId: null,
    severity: null,
    // the trigger of migration 0013 sets it so on insert
    customerUpdatedAt: t.updatedAt,
    ...t,
    id,
  } as TicketRow;
}

/**
 * A ticket, its CCs, its first message and its audit event in one statement: opening a ticket is the
 * desk's hottest write, and each round trip to the database costs more than the inserts themselves.
 */
export async function insertTicketWithMessage(db: Db, input: NewTicketWithMessage) {
  const t = input.ticket;
  const m = input.message;
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const rows = await queryRows<{ ticketId: number; messageId: number }>(
    db,
    sql`WITH t AS (
          INSERT INTO tickets (subject, status, priority, requester_id, organization_id, assignee_id, team_id, region,
                               tags, channel, follow_up_of_id, auto_close, created_at, updated_at, status_changed_at,
                               sla_due_at, route_after, hand_over, severity)
          VALUES (${t.subject}, ${t.status}, ${t.priority}, ${t.requesterId}, ${t.organizationId ?? null},
                  ${t.assigneeId ?? null}, ${t.teamId ?? null}, ${t.region ?? null}, ${sql.param(t.tags ?? [])}::text[],
                  ${t.channel}, ${t.followUpOfId ?? null}, ${t.autoClose ?? true}, ${at(t.createdAt)}, ${at(t.updatedAt)},
                  ${at(t.statusChangedAt)}, ${t.slaDueAt ? at(t.slaDueAt) : null}, ${t.routeAfter ? at(t.routeAfter) : null}, ${t.handOver ?? true},
                  ${t.severity ?? null})
          RETURNING id),
        c AS (
          INSERT INTO ticket_ccs (ticket_id, contact_id, added_at, added_by_kind, added_by_id, added_by_name, added_via)
          SELECT t.id, cc, ${at(t.createdAt)}, ${input.ccAddedBy?.kind ?? null}, ${input.ccAddedBy?.id ?? null},
                 ${input.ccAddedBy?.name ?? null}, ${input.ccAddedBy?.via ?? null}
          FROM t, unnest(${sql.param(input.ccIds)}::uuid[]) AS cc),
        m AS (
          INSERT INTO messages (ticket_id, internal, author_kind, author_contact_id, author_agent_id, author_name, channel,
                                body_text, body_html, created_at)
          SELECT t.id, ${m.internal}, ${m.authorKind}, ${m.authorContactId ?? null}, ${m.authorAgentId ?? null},
                 ${m.authorName}, ${m.channel}, ${m.bodyText}, ${m.bodyHtml}, ${at(m.createdAt)}
          FROM t
          RETURNING id, ticket_id),
        a AS (${input.audit({ ticketId: sql`m.ticket_id`, messageId: sql`m.id`, from: sql`m` })})
        SELECT m.ticket_id AS "ticketId", m.id AS "messageId" FROM m`,
  );
  const ids = rows[0] as { ticketId: number; messageId: number };
  const ticket = ticketRowOf(t, Number(ids.ticketId));
  const message: MessageRow = {
    authorContactId: null,
    authorAgentId: null,
    ...m,
    id: Number(ids.messageId),
    ticketId: ticket.id,
  } as MessageRow;
  return { ticket, message };
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
  /** any of these agents (an empty list matches nothing) */
  assigneeIds?: string[];
  teamId?: string | null;
  organizationId?: string;
  requesterId?: string;
  tags?: string[];
  q?: string;
  /** created or last updated in [from, to) */
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  updatedTo?: Date;
  /** custom field values (field.<key>=…), as conditions the fields module writes on tickets.id */
  fieldConditions?: SQL[];
}

export interface TicketListRow extends TicketRow {
  cursorUpdatedAt: string;
}

/** "Updated": for a customer, the last change they can see (migration 0013); for agents, any change. */
export function updatedColumn(visibility: Visibility) {
  return visibility.kind === 'contact' ? tickets.customerUpdatedAt : tickets.updatedAt;
}

export function filterConditions(filter: TicketFilter, visibility: Visibility): (SQL | undefined)[] {
  const q = filter.q?.trim();
  const number = q && /^#?\d{1,15}$/.test(q) ? Number(q.replace('#', '')) : undefined;
  return [
    visibleTo(visibility, sql`${tickets.id}`),
    ...(filter.fieldConditions ?? []),
    filter.statuses?.length ? inArray(tickets.status, filter.statuses) : undefined,
    filter.priorities?.length ? inArray(tickets.priority, filter.priorities) : undefined,
    filter.assigneeId === null
      ? sql`${tickets.assigneeId} IS NULL`
      : filter.assigneeId
        ? eq(tickets.assigneeId, filter.assigneeId)
        : undefined,
    filter.assigneeIds
      ? filter.assigneeIds.length > 0
        ? inArray(tickets.assigneeId, filter.assigneeIds)
        : sql`false`
      : undefined,
    filter.teamId === null
      ? sql`${tickets.teamId} IS NULL`
      : filter.teamId
        ? eq(tickets.teamId, filter.teamId)
        : undefined,
    filter.organizationId ? eq(tickets.organizationId, filter.organizationId) : undefined,
    filter.requesterId ? eq(tickets.requesterId, filter.requesterId) : undefined,
    filter.tags?.length ? sql`${tickets.tags} @> ${sql.param(filter.tags)}::text[]` : undefined,
    filter.createdFrom ? sql`${tickets.createdAt} >= ${filter.createdFrom.toISOString()}::timestamptz` : undefined,
    filter.createdTo ? sql`${tickets.createdAt} < ${filter.createdTo.toISOString()}::timestamptz` : undefined,
    filter.updatedFrom
      ? sql`${updatedColumn(visibility)} >= ${filter.updatedFrom.toISOString()}::timestamptz`
      : undefined,
    filter.updatedTo ? sql`${updatedColumn(visibility)} < ${filter.updatedTo.toISOString()}::timestamptz` : undefined,
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
  // a customer's list runs in the order of what they saw change (their tickets are few: no index needed)
  const updatedAt = updatedColumn(visibility);
  if (key === 'updated') {
    order = sql`${updatedAt} ${dir}, ${tickets.id} ${dir}`;
    if (after)
      keyset = sql`(${updatedAt}, ${tickets.id}) ${cmp} (${String(after[0])}::timestamptz, ${Number(after[1])})`;
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
    .select({ ...getTableColumns(tickets), cursorUpdatedAt: sql<string>`${updatedAt}::text` })
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

/** Who copied someone onto a ticket, and how: shown as "CC'd by Ana on …" or "joined by replying". */
export interface CcAdder {
  kind: 'agent' | 'contact' | 'token' | 'system';
  id: string | null;
  name: string;
  via: CcVia;
}

export async function addTicketCcs(db: Db, ticketId: number, contactIds: string[], at: Date, by?: CcAdder) {
  if (contactIds.length === 0) return [];
  const adder = by
    ? { addedByKind: by.kind, addedById: by.id, addedByName: by.name, addedVia: by.via }
    : ({} as Record<string, never>);
  return db
    .insert(ticketCcs)
    .values(contactIds.map((contactId) => ({ ticketId, contactId, addedAt: at, ...adder })))
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

/** A stored file's bytes by its hex SHA-256. */
export async function readBlob(db: Db, sha256: string): Promise<Buffer | undefined> {
  const rows = await db
    .select({ content: blobs.content })
    .from(blobs)
    .where(eq(blobs.sha256, Buffer.from(sha256, 'hex')));
  return rows[0]?.content;
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

/**
 * A common word matches hundreds of thousands of messages. GIN's fuzzy limit makes the index return a
 * random sample of about this many matches for such a word, so a search costs about the same for a
 * common word as for a rare one; rare words (error codes, hosts) are matched exactly.
 */
const SEARCH_SAMPLE = 300;

/**
 * Parses web-search syntax into a tsquery once, up front. Passed on as a constant, it lets the
 * planner see how common the words are (newest-first scan for common words, the GIN index for rare
 * ones) and is not parsed again for every row. Null when nothing searchable is left (only stop words).
 */
export async function toSearchQuery(db: Db, q: string): Promise<string | null> {
  const row = await queryOne<{ query: string }>(db, sql`SELECT websearch_to_tsquery('english', ${q})::text AS query`);
  return row?.query ? row.query : null;
}

/**
 * Full-text search over subjects and messages, ranked. Contacts match only public messages of
 * tickets they may see. Subject matches weigh double.
 */
export async function searchTicketIds(
  db: Db,
  tsquery: string,
  visibility: Visibility,
  limit: number,
  offset: number,
  filter: TicketFilter = {},
): Promise<SearchHit[]> {
  // the list filters (status, priority, assignee, dates…) judge the ticket of each hit; "updated" is
  // what this reader sees as updated (a customer must not learn when an internal note was written)
  const filtered = and(...filterConditions({ ...filter, q: undefined }, visibility));
  const ticketVisible = visibleTo(visibility, sql`t.id`);
  const messageVisible = visibleTo(visibility, sql`m.ticket_id`);
  const query = sql`${tsquery}::tsquery`;
  return db.transaction(async (tx) => {
    // the GIN index, never a scan of every message (which the planner may pick when it misjudges a word)
    await tx.execute(sql`SELECT set_config('gin_fuzzy_search_limit', ${String(SEARCH_SAMPLE)}, true),
                                set_config('enable_seqscan', 'off', true)`);
    const rows = await queryRows<{ ticketId: number; rank: number }>(
      tx as unknown as Db,
      sql`SELECT ticket_id AS "ticketId", max(rank)::float8 AS rank
          FROM (
            SELECT t.id AS ticket_id, ts_rank_cd(t.search_vector, ${query}) * 2 AS rank
            FROM tickets t
            WHERE t.search_vector @@ ${query} ${ticketVisible ? sql`AND ${ticketVisible}` : sql``}
            UNION ALL
            SELECT m.ticket_id, ts_rank_cd(m.search_vector, ${query}) AS rank
            FROM messages m
            WHERE m.search_vector @@ ${query}
              ${visibility.kind === 'contact' ? sql`AND NOT m.internal` : sql``}
              ${messageVisible ? sql`AND ${messageVisible}` : sql``}
          ) hits
          ${filtered ? sql`JOIN tickets ON tickets.id = hits.ticket_id WHERE ${filtered}` : sql``}
          GROUP BY ticket_id
          ORDER BY rank DESC, ticket_id DESC
          LIMIT ${limit + 1} OFFSET ${offset}`,
    );
    return rows.map((r) => ({ ticketId: Number(r.ticketId), rank: Number(r.rank) }));
  });
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
  tsquery: string,
  ticketIds: number[],
  includeInternal: boolean,
): Promise<SearchSnippet[]> {
  if (ticketIds.length === 0) return [];
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2`;
  return queryRows<SearchSnippet>(
    db,
    sql`WITH query AS (SELECT ${tsquery}::tsquery AS q)
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
/** Watching tickets whose date to look again has come, earliest first. */
export async function listTicketsToLookAgain(db: Db, now: Date, limit: number) {
  return db
    .select({ id: tickets.id, lookAgainAt: tickets.lookAgainAt })
    .from(tickets)
    .where(and(eq(tickets.status, 'watching'), sql`${tickets.lookAgainAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(asc(tickets.lookAgainAt))
    .limit(limit);
}

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

/** An agent's own views, their teams' and everyone's. */
export async function listViewRows(db: Db, agentId: string | null, teamIds: string[] = []) {
  const shared = sql`(${views.agentId} IS NULL AND (${views.teamId} IS NULL OR ${views.teamId} = ANY(${sql.param(teamIds)}::uuid[])))`;
  return db
    .select()
    .from(views)
    .where(agentId ? sql`${shared} OR ${views.agentId} = ${agentId}` : shared)
    .orderBy(asc(views.name));
}

export async function findViewRow(db: Db, id: string) {
  return (await db.select().from(views).where(eq(views.id, id)))[0];
}

export async function deleteViewRow(db: Db, id: string) {
  await db.delete(views).where(eq(views.id, id));
}

/** "What breaches next": open clocks' earliest due times, one indexed scan. */
export async function listTicketRowsBySlaDue(db: Db, limit: number) {
  return db
    .select()
    .from(tickets)
    .where(sql`${tickets.slaDueAt} IS NOT NULL`)
    .orderBy(asc(tickets.slaDueAt), asc(tickets.id))
    .limit(limit);
}

/** Unassigned tickets waiting for a shift that has now started. */
export async function listTicketIdsToRoute(db: Db, now: Date, limit: number) {
  return queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM tickets WHERE route_after <= ${now.toISOString()}::timestamptz ORDER BY route_after, id LIMIT ${limit}`,
  );
}

/** Tickets waiting on an agent (new or open) assigned to any of these agents, except those pinned to them. */
export async function listWaitingTicketIdsOf(db: Db, agentIds: string[], limit: number, afterId = 0) {
  if (agentIds.length === 0) return [];
  return queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM tickets WHERE assignee_id = ANY(${sql.param(agentIds)}::uuid[]) AND status IN ('new', 'open')
        AND hand_over AND id > ${afterId} ORDER BY id LIMIT ${limit}`,
  );
}

/** Open tickets per agent, for "least open tickets" routing. */
export async function countActiveTicketsOf(db: Db, agentIds: string[]) {
  if (agentIds.length === 0) return new Map<string, number>();
  const rows = await queryRows<{ agentId: string; n: number }>(
    db,
    sql`SELECT assignee_id AS "agentId", count(*)::int AS n FROM tickets
        WHERE assignee_id = ANY(${sql.param(agentIds)}::uuid[]) AND status IN ('new', 'open', 'pending', 'on-hold', 'watching')
        GROUP BY assignee_id`,
  );
  return new Map(rows.map((r) => [r.agentId, Number(r.n)]));
}

/** The latest message of each kind on a ticket, for a handover note. */
export async function latestMessagesByKind(db: Db, ticketId: number) {
  const rows = await queryRows<{ kind: string; bodyText: string; createdAt: string; authorName: string | null }>(
    db,
    sql`SELECT DISTINCT ON (kind) kind, body_text AS "bodyText", created_at AS "createdAt", author_name AS "authorName" FROM (
          SELECT CASE WHEN internal THEN 'note' WHEN author_kind = 'contact' THEN 'customer' WHEN author_kind = 'agent' THEN 'agent' ELSE 'desk' END AS kind,
                 id, body_text, created_at, author_name
          FROM messages WHERE ticket_id = ${ticketId} AND channel <> 'system') m
        ORDER BY kind, id DESC`,
  );
  return new Map(rows.map((r) => [r.kind, { ...r, createdAt: new Date(r.createdAt) }]));
}

/**
 * Replaces a message's body (text and HTML; its search vector follows the text, a generated column):
 * for a desk-written note whose content must not outlive what it described.
 */
export async function replaceMessageBody(db: Db, messageId: number, body: { text: string; html: string }) {
  await db.update(messages).set({ bodyText: body.text, bodyHtml: body.html }).where(eq(messages.id, messageId));
}
