import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { findAgentsByIds, findContactsByIds, findOrganizationsByIds, findTeamsByIds } from '../people/index.js';
import { customerFacingStatus } from './status-rules.js';
import {
  type AttachmentRow,
  listAttachmentRows,
  listTicketCcIds,
  type MessageRow,
  type TicketRow,
} from './ticket-store.js';

type Person = { id: string; email: string; name: string | null };

/** Loads the people a set of tickets refers to, in one query per kind. */
async function loadReferences(deps: Deps, rows: TicketRow[], withCcs: boolean) {
  const ccRows = withCcs
    ? await listTicketCcIds(
        deps.db,
        rows.map((r) => r.id),
      )
    : [];
  const contactIds = [...new Set([...rows.map((r) => r.requesterId), ...ccRows.map((c) => c.contactId)])];
  const [contacts, organizations, agents, teams] = await Promise.all([
    findContactsByIds(deps.db, contactIds),
    findOrganizationsByIds(deps.db, [...new Set(rows.flatMap((r) => (r.organizationId ? [r.organizationId] : [])))]),
    findAgentsByIds(deps.db, [...new Set(rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])))]),
    findTeamsByIds(deps.db, [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))]),
  ]);
  return {
    contacts: new Map(contacts.map((c) => [c.id, { id: c.id, email: c.email, name: c.name } satisfies Person])),
    organizations: new Map(organizations.map((o) => [o.id, { id: o.id, name: o.name }])),
    agents: new Map(agents.map((a) => [a.id, { id: a.id, email: a.email, name: a.name }])),
    teams: new Map(teams.map((t) => [t.id, { id: t.id, name: t.name }])),
    ccs: ccRows,
  };
}

export type TicketView = Awaited<ReturnType<typeof presentTickets>>[number];

/**
 * Tickets as the API shows them. Customers see less: no tags, team, internal timestamps or agent
 * emails, and on-hold shows as open.
 */
export async function presentTickets(deps: Deps, actor: Actor, rows: TicketRow[], options: { withCcs: boolean }) {
  // PGlite runs one query at a time; Promise.all above only helps on PostgreSQL, and is harmless here
  const refs = await loadReferences(deps, rows, options.withCcs);
  const customer = actor.kind === 'contact';
  return rows.map((row) => {
    const assignee = row.assigneeId ? (refs.agents.get(row.assigneeId) ?? null) : null;
    const base = {
      number: row.id,
      subject: row.subject,
      status: customer ? customerFacingStatus(row.status) : row.status,
      priority: row.priority,
      requester: refs.contacts.get(row.requesterId) ?? null,
      organization: row.organizationId ? (refs.organizations.get(row.organizationId) ?? null) : null,
      ...(options.withCcs
        ? {
            ccs: refs.ccs.filter((c) => c.ticketId === row.id).flatMap((c) => refs.contacts.get(c.contactId) ?? []),
          }
        : {}),
      followUpOf: row.followUpOfId,
      channel: row.channel,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      solvedAt: row.solvedAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
    };
    if (customer) return { ...base, assignee: assignee ? { name: assignee.name } : null };
    return {
      ...base,
      id: row.id,
      assignee,
      team: row.teamId ? (refs.teams.get(row.teamId) ?? null) : null,
      region: row.region,
      tags: row.tags,
      autoClose: row.autoClose,
      statusChangedAt: row.statusChangedAt.toISOString(),
    };
  });
}

export async function presentTicket(deps: Deps, actor: Actor, row: TicketRow) {
  return (await presentTickets(deps, actor, [row], { withCcs: true }))[0] as TicketView;
}

export function presentAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    contentId: row.contentId,
    url: `/api/v1/attachments/${row.id}`,
  };
}

export async function presentMessages(deps: Deps, actor: Actor, rows: MessageRow[]) {
  const attachments = await listAttachmentRows(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    ticketNumber: row.ticketId,
    internal: row.internal,
    author: {
      kind: row.authorKind,
      name: row.authorName,
      ...(actor.kind === 'contact' ? {} : { agentId: row.authorAgentId, contactId: row.authorContactId }),
    },
    channel: row.channel,
    text: row.bodyText,
    html: row.bodyHtml,
    attachments: attachments.filter((a) => a.messageId === row.id).map(presentAttachment),
    createdAt: row.createdAt.toISOString(),
  }));
}
