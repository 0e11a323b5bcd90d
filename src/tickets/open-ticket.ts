import { sql } from 'drizzle-orm';
import { auditEventInsertSql } from '../audit/index.js';
import type { Actor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import {
  findContactWithOrganization,
  findOrCreateContact,
  findOrCreateRequester,
  resolveAgent,
  resolveTeam,
} from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { type AttachmentInput, decodeAttachments, storeAttachments } from './attachments.js';
import { type SafeHtml, sanitizeMessageHtml, textToHtml } from './html.js';
import { ticketChanged, ticketCreating } from './lifecycle.js';
import { shapeTicket, type TicketRefs } from './present.js';
import { checkAgentTransition, type TicketPriority, type TicketStatus } from './status-rules.js';
import { insertTicketWithMessage, ticketRowOf, updateTicketRow } from './ticket-store.js';

export interface OpenTicketInput {
  subject: string;
  body: string;
  /** HTML from the caller, sanitized here */
  html?: string;
  /** HTML sanitized already (mail, prepared on a worker thread): not sanitized a second time */
  safeHtml?: SafeHtml;
  requesterEmail?: string;
  requesterName?: string;
  priority?: TicketPriority;
  tags?: string[];
  ccEmails?: string[];
  assignee?: string | null;
  team?: string | null;
  status?: TicketStatus;
  region?: string | null;
  channel?: string;
  attachments?: AttachmentInput[];
}

const AGENT_ONLY_FIELDS = ['requesterEmail', 'tags', 'assignee', 'team', 'status', 'region', 'channel'] as const;

export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}

/** Opens a ticket with its first message. A contact opens it for themselves; an agent names the requester. */
export async function openTicket(deps: Deps, actor: Actor, input: OpenTicketInput) {
  return (await openTicketWithMessage(deps, actor, input)).view;
}

export interface OpenTicketOptions {
  /** contacts may not set agent fields; the mail pipeline sets channel and priority for them */
  trustedFields?: boolean;
  /** the requester and organization, when the caller has just looked them up */
  requester?: Awaited<ReturnType<typeof findContactWithOrganization>>;
}

/** Opens a ticket and returns its rows too, for callers that record more about the first message. */
export async function openTicketWithMessage(
  deps: Deps,
  actor: Actor,
  input: OpenTicketInput,
  options: OpenTicketOptions = {},
) {
  if (actor.kind === 'contact') {
    const forbidden = options.trustedFields ? [] : AGENT_ONLY_FIELDS.filter((field) => input[field] !== undefined);
    if (forbidden.length > 0) {
      throw new AppError('FIELD_NOT_ALLOWED', `Customers cannot set ${forbidden.join(', ')} on a ticket.`);
    }
  } else if (!input.requesterEmail) {
    throw new AppError('REQUESTER_REQUIRED', 'Name the customer the ticket is for with requesterEmail.');
  }
  const files = decodeAttachments(deps, input.attachments);

  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const found =
      options.requester ??
      (actor.kind === 'contact'
        ? await findContactWithOrganization(tx.db, { id: actor.contactId })
        : await findOrCreateRequester(tx, input.requesterEmail as string, input.requesterName));
    if (!found) throw new AppError('CONTACT_NOT_FOUND', 'Your contact record no longer exists.');
    const { contact: requester, organization } = found;
    const assignee = input.assignee ? await resolveAgent(tx, input.assignee) : null;
    const team = input.team ? await resolveTeam(tx, input.team) : null;
    const status = input.status ?? 'new';
    if (status !== 'new') checkAgentTransition('new', status);

    const ccEmails = [...new Set((input.ccEmails ?? []).map((e) => e.toLowerCase()))].filter(
      (e) => e !== requester.email,
    );
    const ccs = [];
    for (const email of ccEmails) ccs.push(await findOrCreateContact(tx, email));

    const channel = input.channel ?? (actor.kind === 'contact' && actor.tokenId === null ? 'web' : 'api');
    const fromContact = actor.kind === 'contact';
    const tags = normalizeTags(input.tags ?? []);
    const draft = {
      subject: input.subject.trim(),
      status,
      priority: input.priority ?? 'normal',
      requesterId: requester.id,
      organizationId: requester.organizationId,
      assigneeId: assignee?.id ?? null,
      teamId: team?.id ?? null,
      region: input.region ?? null,
      tags,
      channel,
      autoClose: true,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
    } as const;
    const authorKind = fromContact ? 'contact' : 'agent';
    // SLA due time, routing wait: into the insert itself, not a second write of the new row
    const prepared = await ticketCreating(tx, {
      ticket: ticketRowOf(draft, 0),
      message: { authorKind, internal: false, createdAt: now },
    });
    const { ticket, message } = await insertTicketWithMessage(tx.db, {
      ticket: { ...draft, ...prepared },
      message: {
        internal: false,
        authorKind,
        authorContactId: fromContact ? requester.id : null,
        authorAgentId: actor.kind === 'agent' ? actor.agentId : null,
        authorName: fromContact ? (requester.name ?? requester.email) : actor.name,
        channel,
        bodyText: input.body,
        bodyHtml: input.safeHtml ?? (input.html ? sanitizeMessageHtml(input.html) : textToHtml(input.body)),
        createdAt: now,
      },
      ccIds: ccs.map((c) => c.id),
      audit: (ids) =>
        auditEventInsertSql(
          {
            actor,
            at: now,
            action: 'ticket.created',
            entityType: 'ticket',
            data: {
              subject: input.subject.trim(),
              status,
              priority: input.priority ?? 'normal',
              requester: requester.email,
              ccs: ccEmails,
              assignee: assignee?.email ?? null,
              team: team?.name ?? null,
              tags,
              channel,
            },
          },
          {
            entityId: sql`${ids.ticketId}::text`,
            ticketId: ids.ticketId,
            from: ids.from,
            extraData: sql`jsonb_build_object('messageId', ${ids.messageId})`,
          },
        ),
    });
    await storeAttachments(tx, ticket.id, message.id, files);
    const tracked = await ticketChanged(tx, { kind: 'created', ticket, message }, (fields) =>
      updateTicketRow(tx.db, ticket.id, fields),
    );

    // shaped from what we hold: no second round of lookups on the desk's busiest write
    const refs: TicketRefs = {
      contacts: new Map([requester, ...ccs].map((c) => [c.id, { id: c.id, email: c.email, name: c.name }])),
      organizations: new Map(organization ? [[organization.id, organization]] : []),
      agents: new Map(assignee ? [[assignee.id, { id: assignee.id, email: assignee.email, name: assignee.name }]] : []),
      teams: new Map(team ? [[team.id, { id: team.id, name: team.name }]] : []),
      ccs: ccs.map((c) => ({ ticketId: ticket.id, contactId: c.id })),
    };
    return { ticket: tracked, message, view: shapeTicket(actor, tracked, refs, true) };
  });
}
