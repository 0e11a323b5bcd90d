import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import type { IssueSnapshot, ItemRef } from './forge.js';
import { issueStatus } from './issue-status.js';
import { forgeDeliveries, forgeIssues, forges, linkNotices, ticketLinks } from './tables.js';

export type ForgeRow = typeof forges.$inferSelect;
export type ForgeIssueRow = typeof forgeIssues.$inferSelect;

// forges -----------------------------------------------------------------------------------------

export async function insertForge(db: Db, values: typeof forges.$inferInsert) {
  return (await db.insert(forges).values(values).onConflictDoNothing().returning())[0];
}

export async function listForgeRows(db: Db) {
  return db.select().from(forges).orderBy(asc(forges.name));
}

export async function findForgeRow(db: Db, id: string) {
  return (await db.select().from(forges).where(eq(forges.id, id)))[0];
}

export async function updateForgeRow(
  db: Db,
  id: string,
  values: Partial<Pick<typeof forges.$inferInsert, 'name' | 'writeBack' | 'searchProjects'>>,
) {
  return (await db.update(forges).set(values).where(eq(forges.id, id)).returning())[0];
}

export async function deleteForgeRow(db: Db, id: string) {
  return (await db.delete(forges).where(eq(forges.id, id)).returning({ id: forges.id })).length > 0;
}

// issues -----------------------------------------------------------------------------------------

function snapshotColumns(snapshot: IssueSnapshot) {
  return {
    externalId: snapshot.externalId,
    url: snapshot.url,
    title: snapshot.title,
    state: snapshot.state,
    stateReason: snapshot.stateReason,
    labels: snapshot.labels,
    milestoneTitle: snapshot.milestone?.title ?? null,
    milestoneDue: snapshot.milestone?.dueDate?.slice(0, 10) ?? null,
    assignees: snapshot.assignees,
    closedAt: snapshot.closedAt ? new Date(snapshot.closedAt) : null,
    changeNumber: snapshot.change?.number ?? null,
    changeTitle: snapshot.change?.title ?? null,
    changeUrl: snapshot.change?.url ?? null,
    changeAuthor: snapshot.change?.author ?? null,
    changeMergedBy: snapshot.change?.mergedBy ?? null,
    changeMergedAt: snapshot.change?.mergedAt ? new Date(snapshot.change.mergedAt) : null,
    changeMergeSha: snapshot.change?.mergeSha ?? null,
    releaseTag: snapshot.release?.tag ?? null,
    releaseName: snapshot.release?.name ?? null,
    releaseUrl: snapshot.release?.url ?? null,
    releasedAt: snapshot.release?.releasedAt ? new Date(snapshot.release.releasedAt) : null,
    status: issueStatus(snapshot),
  };
}

/** The stored row as the snapshot it was made from, to compare with what the forge says now. */
export function rowSnapshot(row: ForgeIssueRow): IssueSnapshot {
  return {
    externalId: row.externalId,
    itemKind: row.itemKind,
    projectRef: row.projectRef,
    number: row.number,
    url: row.url,
    title: row.title,
    state: row.state,
    stateReason: row.stateReason,
    labels: row.labels,
    milestone: row.milestoneTitle ? { title: row.milestoneTitle, dueDate: row.milestoneDue } : null,
    assignees: row.assignees,
    closedAt: row.closedAt?.toISOString() ?? null,
    change:
      row.changeNumber !== null
        ? {
            number: row.changeNumber,
            title: row.changeTitle ?? '',
            url: row.changeUrl ?? '',
            author: row.changeAuthor,
            mergedBy: row.changeMergedBy,
            mergedAt: row.changeMergedAt?.toISOString() ?? null,
            mergeSha: row.changeMergeSha,
            merged: row.changeMergedAt !== null,
          }
        : null,
    release: row.releaseTag
      ? {
          tag: row.releaseTag,
          name: row.releaseName,
          url: row.releaseUrl,
          releasedAt: row.releasedAt?.toISOString() ?? null,
        }
      : null,
    notPublic: null,
  };
}

export async function upsertForgeIssue(
  db: Db,
  forgeId: string,
  snapshot: IssueSnapshot,
  values: { etag: string | null; now: Date; nextPollAt: Date },
) {
  const columns = snapshotColumns(snapshot);
  return (
    await db
      .insert(forgeIssues)
      .values({
        forgeId,
        itemKind: snapshot.itemKind,
        projectRef: snapshot.projectRef,
        number: snapshot.number,
        ...columns,
        etag: values.etag,
        lastHeardAt: values.now,
        nextPollAt: values.nextPollAt,
        createdAt: values.now,
        updatedAt: values.now,
      })
      .onConflictDoUpdate({
        target: [forgeIssues.forgeId, forgeIssues.itemKind, forgeIssues.projectRef, forgeIssues.number],
        set: {
          ...columns,
          etag: values.etag,
          lastHeardAt: values.now,
          nextPollAt: values.nextPollAt,
          updatedAt: values.now,
        },
      })
      .returning()
  )[0] as ForgeIssueRow;
}

export async function findForgeIssue(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(forgeIssues).where(eq(forgeIssues.id, id));
  return (options.forUpdate ? await query.for('update') : await query)[0];
}

export async function findForgeIssueByRef(db: Db, forgeId: string, ref: ItemRef) {
  return (
    await db
      .select()
      .from(forgeIssues)
      .where(
        and(
          eq(forgeIssues.forgeId, forgeId),
          eq(forgeIssues.itemKind, ref.itemKind),
          eq(forgeIssues.projectRef, ref.projectRef),
          eq(forgeIssues.number, ref.number),
        ),
      )
  )[0];
}

export async function listForgeIssuesInProject(db: Db, forgeId: string, projectRef: string, statuses: string[]) {
  return db
    .select()
    .from(forgeIssues)
    .where(
      and(
        eq(forgeIssues.forgeId, forgeId),
        eq(forgeIssues.projectRef, projectRef),
        inArray(forgeIssues.status, statuses as never),
      ),
    );
}

export async function touchForgeIssue(db: Db, id: string, values: { heard: boolean; now: Date; nextPollAt: Date }) {
  await db
    .update(forgeIssues)
    .set({ ...(values.heard ? { lastHeardAt: values.now } : {}), nextPollAt: values.nextPollAt })
    .where(eq(forgeIssues.id, id));
}

/** Linked issues due for a poll that still have a ticket waiting on them. */
export async function listIssuesDueForPoll(db: Db, now: Date, limit: number) {
  return queryRows<{ id: string }>(
    db,
    sql`SELECT fi.id FROM forge_issues fi
        WHERE fi.next_poll_at <= ${now.toISOString()}::timestamptz
          AND EXISTS (SELECT 1 FROM ticket_links tl JOIN tickets t ON t.id = tl.ticket_id
                      WHERE tl.forge_issue_id = fi.id AND t.status NOT IN ('closed'))
        ORDER BY fi.next_poll_at
        LIMIT ${limit}`,
  );
}

// links ------------------------------------------------------------------------------------------

export async function insertTicketLink(db: Db, values: typeof ticketLinks.$inferInsert) {
  return (await db.insert(ticketLinks).values(values).onConflictDoNothing().returning()).length > 0;
}

export async function markInvited(db: Db, ticketId: number, forgeIssueId: string, at: Date) {
  await db
    .update(ticketLinks)
    .set({ invitedAt: at })
    .where(and(eq(ticketLinks.ticketId, ticketId), eq(ticketLinks.forgeIssueId, forgeIssueId)));
}

export async function deleteTicketLink(db: Db, ticketId: number, forgeIssueId: string) {
  return (
    (
      await db
        .delete(ticketLinks)
        .where(and(eq(ticketLinks.ticketId, ticketId), eq(ticketLinks.forgeIssueId, forgeIssueId)))
        .returning({ ticketId: ticketLinks.ticketId })
    ).length > 0
  );
}

/**
 * Moves a ticket's links onto another ticket (a merge), with the notices already told: the target is
 * not told again what the customer heard on the merged ticket. An issue linked on both stays once.
 * Returns the ids of the issues that moved.
 */
export async function moveTicketLinkRows(db: Db, fromTicketId: number, toTicketId: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT forge_issue_id AS id FROM ticket_links WHERE ticket_id = ${fromTicketId} ORDER BY created_at`,
  );
  if (rows.length === 0) return [];
  await db.execute(sql`INSERT INTO ticket_links (ticket_id, forge_issue_id, created_at, created_by)
    SELECT ${toTicketId}, forge_issue_id, created_at, created_by FROM ticket_links WHERE ticket_id = ${fromTicketId}
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO link_notices (ticket_id, forge_issue_id, transition, message_id, created_at)
    SELECT ${toTicketId}, forge_issue_id, transition, message_id, created_at FROM link_notices WHERE ticket_id = ${fromTicketId}
    ON CONFLICT DO NOTHING`);
  await db.delete(ticketLinks).where(eq(ticketLinks.ticketId, fromTicketId));
  return rows.map((r) => r.id);
}

export async function listTicketLinkRows(db: Db, ticketIds: number[]) {
  if (ticketIds.length === 0) return [];
  return db
    .select({
      link: ticketLinks,
      issue: forgeIssues,
      forge: { id: forges.id, kind: forges.kind, name: forges.name, writeBack: forges.writeBack },
    })
    .from(ticketLinks)
    .innerJoin(forgeIssues, eq(forgeIssues.id, ticketLinks.forgeIssueId))
    .innerJoin(forges, eq(forges.id, forgeIssues.forgeId))
    .where(inArray(ticketLinks.ticketId, ticketIds))
    .orderBy(asc(ticketLinks.createdAt));
}

/** The tickets waiting on an issue (not closed), a page at a time by ticket id. */
export async function listWaitingTicketIds(db: Db, forgeIssueId: string, afterTicketId: number, limit: number) {
  return queryRows<{ ticketId: number }>(
    db,
    sql`SELECT tl.ticket_id AS "ticketId" FROM ticket_links tl JOIN tickets t ON t.id = tl.ticket_id
        WHERE tl.forge_issue_id = ${forgeIssueId} AND t.status <> 'closed' AND tl.ticket_id > ${afterTicketId}
        ORDER BY tl.ticket_id LIMIT ${limit}`,
  ).then((rows) => rows.map((r) => Number(r.ticketId)));
}

export async function countWaitingTickets(db: Db, forgeIssueId: string) {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM ticket_links tl JOIN tickets t ON t.id = tl.ticket_id
        WHERE tl.forge_issue_id = ${forgeIssueId} AND t.status NOT IN ('solved', 'closed')`,
  );
  return rows[0]?.n ?? 0;
}

// deliveries and notices -------------------------------------------------------------------------

/** Records a webhook delivery; false when it was seen before (a resend, or a replay). */
export async function recordDelivery(db: Db, forgeId: string, deliveryId: string, event: string, at: Date) {
  return (
    (
      await db
        .insert(forgeDeliveries)
        .values({ forgeId, deliveryId, event, receivedAt: at })
        .onConflictDoNothing()
        .returning()
    ).length > 0
  );
}

export async function deleteDeliveriesBefore(db: Db, before: Date) {
  await db.delete(forgeDeliveries).where(lte(forgeDeliveries.receivedAt, before));
}

/** Claims the right to tell a ticket about transitions; returns the ones not told before. */
export async function claimNotices(db: Db, ticketId: number, forgeIssueId: string, keys: string[], at: Date) {
  if (keys.length === 0) return [];
  const rows = await db
    .insert(linkNotices)
    .values(keys.map((transition) => ({ ticketId, forgeIssueId, transition, createdAt: at })))
    .onConflictDoNothing()
    .returning({ transition: linkNotices.transition });
  return rows.map((r) => r.transition);
}

export async function setNoticeMessage(
  db: Db,
  ticketId: number,
  forgeIssueId: string,
  keys: string[],
  messageId: number,
) {
  if (keys.length === 0) return;
  await db
    .update(linkNotices)
    .set({ messageId })
    .where(
      and(
        eq(linkNotices.ticketId, ticketId),
        eq(linkNotices.forgeIssueId, forgeIssueId),
        inArray(linkNotices.transition, keys),
      ),
    );
}

// demand -----------------------------------------------------------------------------------------

export interface DemandRow {
  id: string;
  forgeName: string;
  url: string;
  title: string;
  status: string;
  openTickets: number;
  organizations: number;
  plans: string[];
  oldestWaitSince: Date | string;
}

/**
 * Issues ranked by the customers waiting on them: open tickets, distinct organizations, then the
 * longest wait. A report across modules by nature: it reads tickets and organizations too.
 */
export async function listDemand(db: Db, limit: number) {
  return queryRows<DemandRow>(
    db,
    sql`SELECT fi.id, f.name AS "forgeName", fi.url, fi.title, fi.status,
               count(*)::int AS "openTickets",
               count(DISTINCT t.organization_id)::int AS organizations,
               coalesce(array_agg(DISTINCT o.plan) FILTER (WHERE o.plan IS NOT NULL), '{}') AS plans,
               min(t.created_at) AS "oldestWaitSince"
        FROM forge_issues fi
        JOIN forges f ON f.id = fi.forge_id
        JOIN ticket_links tl ON tl.forge_issue_id = fi.id
        JOIN tickets t ON t.id = tl.ticket_id AND t.status NOT IN ('solved', 'closed')
        LEFT JOIN organizations o ON o.id = t.organization_id
        GROUP BY fi.id, f.name
        ORDER BY "openTickets" DESC, organizations DESC, "oldestWaitSince" ASC
        LIMIT ${limit}`,
  );
}
