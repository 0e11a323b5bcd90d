import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { listDeliveryStates, listSenderChecks } from '../mail/mail-store.js';
import { findPeopleByIds, type PeopleRefs } from '../people/index.js';
import { customerFacingStatus } from './status-rules.js';
import {
  type AttachmentRow,
  listAttachmentRows,
  listTicketCcIds,
  type MessageRow,
  type TicketRow,
} from './ticket-store.js';

export type TicketRefs = PeopleRefs & { ccs: { ticketId: number; contactId: string }[] };

/** Loads the people a set of tickets refers to in one round trip (plus one for CCs when wanted). */
async function loadReferences(deps: Deps, rows: TicketRow[], withCcs: boolean): Promise<TicketRefs> {
  const ccs = withCcs
    ? await listTicketCcIds(
        deps.db,
        rows.map((r) => r.id),
      )
    : [];
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  const refs = await findPeopleByIds(deps.db, {
    contactIds: unique([...rows.map((r) => r.requesterId), ...ccs.map((c) => c.contactId)]),
    organizationIds: unique(rows.map((r) => r.organizationId)),
    agentIds: unique(rows.map((r) => r.assigneeId)),
    teamIds: unique(rows.map((r) => r.teamId)),
  });
  return { ...refs, ccs };
}

export type TicketView = ReturnType<typeof shapeTicket>;

/**
 * Tickets as the API shows them. Customers see less: no tags, team, internal timestamps or agent
 * emails, and on-hold shows as open.
 */
export async function presentTickets(deps: Deps, actor: Actor, rows: TicketRow[], options: { withCcs: boolean }) {
  const refs = await loadReferences(deps, rows, options.withCcs);
  const now = deps.clock.now();
  return rows.map((row) => shapeTicket(actor, row, refs, options.withCcs, now));
}

/**
 * Until when a ticket waits for a shift: only while it still waits (unassigned, new or open) and the
 * shift is ahead; a time that has passed means routing is due, not a date to show.
 */
export function waitingForShiftUntil(row: TicketRow, now: Date): string | null {
  if (!row.routeAfter || row.assigneeId || (row.status !== 'new' && row.status !== 'open')) return null;
  return row.routeAfter.getTime() > now.getTime() ? row.routeAfter.toISOString() : null;
}

/** Shapes one ticket from references the caller already holds (no database). */
export function shapeTicket(actor: Actor, row: TicketRow, refs: TicketRefs, withCcs: boolean, now: Date) {
  const customer = actor.kind === 'contact';
  const assignee = row.assigneeId ? (refs.agents.get(row.assigneeId) ?? null) : null;
  const base = {
    number: row.id,
    subject: row.subject,
    status: customer ? customerFacingStatus(row.status) : row.status,
    priority: row.priority,
    severity: row.severity,
    requester: refs.contacts.get(row.requesterId) ?? null,
    organization: row.organizationId ? (refs.organizations.get(row.organizationId) ?? null) : null,
    ...(withCcs
      ? { ccs: refs.ccs.filter((c) => c.ticketId === row.id).flatMap((c) => refs.contacts.get(c.contactId) ?? []) }
      : {}),
    followUpOf: row.followUpOfId,
    mergedInto: row.mergedIntoId ?? null,
    channel: row.channel,
    createdAt: row.createdAt.toISOString(),
    // a customer's "last update" moves only on what they can see (migration 0013)
    updatedAt: (customer ? (row.customerUpdatedAt ?? row.updatedAt) : row.updatedAt).toISOString(),
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
    slaDueAt: row.slaDueAt?.toISOString() ?? null,
    waitingForShiftUntil: waitingForShiftUntil(row, now),
    handovers: row.handovers,
    handOver: row.handOver,
    lookAgainAt: row.lookAgainAt?.toISOString() ?? null,
    customerUpdatedAt: (row.customerUpdatedAt ?? row.updatedAt).toISOString(),
  };
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

/** Inline images (cid: references in mail) point at their stored attachments. */
function resolveInlineImages(html: string, attachments: AttachmentRow[]): string {
  const withIds = attachments.filter((a) => a.contentId);
  if (withIds.length === 0 || !html.includes('cid:')) return html;
  return html.replace(/(["'])cid:([^"']+)\1/gi, (match, quote: string, cid: string) => {
    const wanted = cid.replace(/^<|>$/g, '').toLowerCase();
    const found = withIds.find((a) => (a.contentId as string).replace(/^<|>$/g, '').toLowerCase() === wanted);
    return found ? `${quote}/api/v1/attachments/${found.id}${quote}` : match;
  });
}

export async function presentMessages(deps: Deps, actor: Actor, rows: MessageRow[]) {
  const ids = rows.map((r) => r.id);
  const attachments = await listAttachmentRows(deps.db, ids);
  // agents see whether each mail went out: queued, sent, or failed with the reason
  const deliveries = actor.kind === 'contact' ? [] : await listDeliveryStates(deps.db, ids);
  // and how far the sender of each mail that came in could be verified
  const senders = actor.kind === 'contact' ? [] : await listSenderChecks(deps.db, ids);
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
    html: resolveInlineImages(
      row.bodyHtml,
      attachments.filter((a) => a.messageId === row.id),
    ),
    attachments: attachments.filter((a) => a.messageId === row.id).map(presentAttachment),
    ...(actor.kind === 'contact'
      ? {}
      : {
          delivery: deliveries
            .filter((d) => d.messageId === row.id)
            .map((d) => ({
              to: [...d.to, ...d.cc],
              state: d.state,
              error: d.error,
              sentAt: d.sentAt?.toISOString() ?? null,
            })),
          sender: senders.find((c) => c.messageId === row.id) ?? null,
        }),
    createdAt: row.createdAt.toISOString(),
  }));
}
