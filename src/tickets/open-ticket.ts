import { sql } from 'drizzle-orm';
import { auditEventInsertSql } from '../audit/index.js';
import { type Actor, auditActor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { prepareNewTicketFields, storeNewTicketFields } from '../fields/index.js';
import {
  findContactWithOrganization,
  findOrCreateContact,
  findOrCreateRequester,
  resolveAgent,
  resolveTeam,
} from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { colleaguesByEmail } from '../portal/colleagues.js';
import { priorityOfSeverity } from '../portal/severities.js';
import { type AttachmentInput, decodeAttachments, storeAttachments } from './attachments.js';
import { ticketChanged, ticketCreating } from './lifecycle.js';
import { type MessageBodyInput, messageHtmlOf } from './message-body.js';
import { shapeTicket, type TicketRefs } from './present.js';
import { checkAgentTransition, type TicketPriority, type TicketStatus } from './status-rules.js';
import { mailPublicMessage } from './ticket-mail.js';
import { insertTicketWithMessage, ticketRowOf, updateTicketRow } from './ticket-store.js';

export interface OpenTicketInput extends MessageBodyInput {
  subject: string;
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
  /** agents: the first message is an internal note (what was said on a call), mailed to nobody */
  firstMessageInternal?: boolean;
  /** agents: false records a public first message without mailing it (imports) */
  notify?: boolean;
  /** how bad it is, 1 (production down) to 4: sets the priority by the desk's table (portal/severities.ts) */
  severity?: number;
  /** custom field values by key (fields/ticket-fields.ts checks them) */
  fields?: Record<string, unknown>;
}

const AGENT_ONLY_FIELDS = [
  'requesterEmail',
  'tags',
  'assignee',
  'team',
  'status',
  'region',
  'channel',
  'firstMessageInternal',
  'notify',
] as const;

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
    if (!options.trustedFields && input.priority !== undefined) {
      throw new AppError(
        'FIELD_NOT_ALLOWED',
        'Customers choose a severity (1–4, see /api/v1/severities); the desk sets the priority from it.',
      );
    }
  } else if (!input.requesterEmail) {
    throw new AppError('REQUESTER_REQUIRED', 'Name the customer the ticket is for with requesterEmail.');
  }
  const files = decodeAttachments(deps, input.attachments);
  const bodyHtml = await messageHtmlOf(input);

  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const found =
      options.requester ??
      (actor.kind === 'contact'
        ? await findContactWithOrganization(tx.db, { id: actor.contactId })
        : await findOrCreateRequester(tx, input.requesterEmail as string, input.requesterName));
    if (!found) throw new AppError('CONTACT_NOT_FOUND', 'Your contact record no longer exists.');
    const { contact: requester, organization } = found;
    // a customer copies colleagues of their organization only (a mail's CCs are the mail pipeline's call)
    if (actor.kind === 'contact' && !options.trustedFields)
      await colleaguesByEmail(tx.db, requester.organizationId, input.ccEmails ?? []);
    const priority = input.priority ?? (input.severity ? await priorityOfSeverity(tx.db, input.severity) : 'normal');
    // checked before anything is written; mail cannot be refused, so it skips the required ones
    const fieldValues = await prepareNewTicketFields(tx, {
      actor,
      plan: organization?.plan ?? null,
      values: input.fields,
      enforceRequired: !options.trustedFields,
    });
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
      priority,
      severity: input.severity ?? null,
      requesterId: requester.id,
      organizationId: requester.organizationId,
      assigneeId: assignee?.id ?? null,
      // assigned by hand at opening: it stays with them at handover unless that is their default
      ...(assignee ? { handOver: assignee.handOverDefault } : {}),
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
    // an agent opening a ticket after a call may keep what was said to the team
    const internal = !fromContact && input.firstMessageInternal === true;
    // SLA due time, routing wait: into the insert itself, not a second write of the new row
    const prepared = await ticketCreating(tx, {
      ticket: ticketRowOf(draft, 0),
      message: { authorKind, internal, createdAt: now },
    });
    const { ticket, message } = await insertTicketWithMessage(tx.db, {
      ticket: { ...draft, ...prepared },
      message: {
        internal,
        authorKind,
        authorContactId: fromContact ? requester.id : null,
        authorAgentId: actor.kind === 'agent' ? actor.agentId : null,
        authorName: fromContact ? (requester.name ?? requester.email) : actor.name,
        channel,
        bodyText: input.body,
        bodyHtml,
        createdAt: now,
      },
      ccIds: ccs.map((c) => c.id),
      ccAddedBy: { ...auditActor(actor), via: 'opened' },
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
              priority,
              ...(input.severity ? { severity: input.severity } : {}),
              requester: requester.email,
              ccs: ccEmails,
              assignee: assignee?.email ?? null,
              team: team?.name ?? null,
              tags,
              channel,
              ...(internal ? { firstMessageInternal: true } : {}),
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
    await storeNewTicketFields(tx, ticket.id, fieldValues);
    const tracked = await ticketChanged(tx, { kind: 'created', ticket, message }, (fields) =>
      updateTicketRow(tx.db, ticket.id, fields),
    );
    // opened by an agent on the customer's behalf: they (and the CCs) get the public first message,
    // as they would any reply; a customer's own ticket is acknowledged elsewhere, a note never mailed
    if (!fromContact && !internal && input.notify !== false) await mailPublicMessage(tx, tracked, message);

    // shaped from what we hold: no second round of lookups on the desk's busiest write
    const refs: TicketRefs = {
      contacts: new Map([requester, ...ccs].map((c) => [c.id, { id: c.id, email: c.email, name: c.name }])),
      organizations: new Map(organization ? [[organization.id, organization]] : []),
      agents: new Map(assignee ? [[assignee.id, { id: assignee.id, email: assignee.email, name: assignee.name }]] : []),
      teams: new Map(team ? [[team.id, { id: team.id, name: team.name }]] : []),
      ccs: ccs.map((c) => ({ ticketId: ticket.id, contactId: c.id })),
    };
    return { ticket: tracked, message, view: shapeTicket(actor, tracked, refs, true, now) };
  });
}
