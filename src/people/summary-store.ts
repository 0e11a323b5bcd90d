import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';

// What the people pages show beside a customer: their active tickets by status, the tickets they are
// CC'd on, the public issues their organization waits on. A report across modules by nature (it
// reads tickets and links too), as the demand report is. Every query starts from an index on the
// person or the organization and touches only active tickets (migration 0014's partial indexes):
// a customer with 100,000 closed tickets costs what one with none does.

export const ACTIVE_STATUSES = ['new', 'open', 'pending', 'on-hold', 'watching'] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

const ACTIVE = sql.raw(`(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** Active tickets by status, of one requester or one organization. */
export async function countActiveTickets(
  db: Db,
  of: { requesterId: string } | { organizationId: string },
): Promise<Record<ActiveStatus, number>> {
  const where =
    'requesterId' in of ? sql`requester_id = ${of.requesterId}` : sql`organization_id = ${of.organizationId}`;
  const rows = await queryRows<{ status: ActiveStatus; n: number }>(
    db,
    sql`SELECT status::text AS status, count(*)::int AS n FROM tickets
        WHERE ${where} AND status IN ${ACTIVE} GROUP BY status`,
  );
  const counts = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, 0])) as Record<ActiveStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export interface CcTicketRow {
  number: number;
  subject: string;
  status: string;
  priority: string;
  requesterId: string;
  requesterName: string | null;
  requesterEmail: string;
  updatedAt: Date | string;
}

/** The newest tickets a contact is CC'd on (ticket_ccs_contact_idx, read backwards). */
export async function listCcTickets(db: Db, contactId: string, limit: number) {
  return queryRows<CcTicketRow>(
    db,
    sql`SELECT t.id AS number, t.subject, t.status::text AS status, t.priority::text AS priority,
               c.id AS "requesterId", c.name AS "requesterName", c.email AS "requesterEmail",
               t.updated_at AS "updatedAt"
        FROM (SELECT ticket_id FROM ticket_ccs WHERE contact_id = ${contactId}
              ORDER BY ticket_id DESC LIMIT ${limit}) cc
        JOIN tickets t ON t.id = cc.ticket_id
        JOIN contacts c ON c.id = t.requester_id
        ORDER BY t.id DESC`,
  );
}

export async function countContactsOf(db: Db, organizationId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM contacts WHERE organization_id = ${organizationId}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The organization's named support contacts (who may open tickets for it), by email. */
export async function listSupportContacts(db: Db, organizationId: string, limit: number) {
  return queryRows<{ id: string; email: string; name: string | null }>(
    db,
    sql`SELECT id, email, name FROM contacts
        WHERE organization_id = ${organizationId} AND support_contact
        ORDER BY email LIMIT ${limit}`,
  );
}

export interface WaitedOnRow {
  id: string;
  forgeKind: string;
  forgeName: string;
  kind: string;
  project: string;
  number: number;
  url: string;
  title: string;
  state: string;
  status: string;
  milestoneTitle: string | null;
  tickets: number;
}

/** The public issues an organization's active tickets wait on, most waited on first. */
export async function listIssuesWaitedOn(db: Db, organizationId: string, limit: number) {
  return queryRows<WaitedOnRow>(
    db,
    sql`SELECT fi.id, f.kind AS "forgeKind", f.name AS "forgeName", fi.item_kind AS kind,
               fi.project_ref AS project, fi.number, fi.url, fi.title, fi.state, fi.status,
               fi.milestone_title AS "milestoneTitle", count(*)::int AS tickets
        FROM tickets t
        JOIN ticket_links tl ON tl.ticket_id = t.id
        JOIN forge_issues fi ON fi.id = tl.forge_issue_id
        JOIN forges f ON f.id = fi.forge_id
        WHERE t.organization_id = ${organizationId} AND t.status IN ${ACTIVE}
        GROUP BY fi.id, f.kind, f.name
        ORDER BY tickets DESC, fi.title
        LIMIT ${limit}`,
  );
}
