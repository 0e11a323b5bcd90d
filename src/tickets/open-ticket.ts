import { recordEvent } from '../audit/index.js';
import type { Actor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { type ContactRow, findContactById, findOrCreateContact, resolveAgent, resolveTeam } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { type AttachmentInput, decodeAttachments, storeAttachments } from './attachments.js';
import { sanitizeMessageHtml, textToHtml } from './html.js';
import { presentTicket } from './present.js';
import { checkAgentTransition, type TicketPriority, type TicketStatus } from './status-rules.js';
import { addTicketCcs, insertMessage, insertTicket } from './ticket-store.js';

export interface OpenTicketInput {
  subject: string;
  body: string;
  html?: string;
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
  if (actor.kind === 'contact') {
    const forbidden = AGENT_ONLY_FIELDS.filter((field) => input[field] !== undefined);
    if (forbidden.length > 0) {
      throw new AppError('FIELD_NOT_ALLOWED', `Customers cannot set ${forbidden.join(', ')} on a ticket.`);
    }
  } else if (!input.requesterEmail) {
    throw new AppError('REQUESTER_REQUIRED', 'Name the customer the ticket is for with requesterEmail.');
  }
  const files = decodeAttachments(deps, input.attachments);

  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const requester: ContactRow =
      actor.kind === 'contact'
        ? ((await findContactById(tx.db, actor.contactId)) as ContactRow)
        : await findOrCreateContact(tx, input.requesterEmail as string, input.requesterName);
    const assignee = input.assignee ? await resolveAgent(tx, input.assignee) : null;
    const team = input.team ? await resolveTeam(tx, input.team) : null;
    const status = input.status ?? 'new';
    if (status !== 'new') checkAgentTransition('new', status);

    const ticket = await insertTicket(tx.db, {
      subject: input.subject.trim(),
      status,
      priority: input.priority ?? 'normal',
      requesterId: requester.id,
      organizationId: requester.organizationId,
      assigneeId: assignee?.id ?? null,
      teamId: team?.id ?? null,
      region: input.region ?? null,
      tags: normalizeTags(input.tags ?? []),
      channel: input.channel ?? (actor.kind === 'contact' && actor.tokenId === null ? 'web' : 'api'),
      autoClose: true,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
    });

    const ccEmails = [...new Set((input.ccEmails ?? []).map((e) => e.toLowerCase()))].filter(
      (e) => e !== requester.email,
    );
    const ccs = [];
    for (const email of ccEmails) ccs.push(await findOrCreateContact(tx, email));
    await addTicketCcs(
      tx.db,
      ticket.id,
      ccs.map((c) => c.id),
      now,
    );

    const fromContact = actor.kind === 'contact';
    const message = await insertMessage(tx.db, {
      ticketId: ticket.id,
      internal: false,
      authorKind: fromContact ? 'contact' : 'agent',
      authorContactId: fromContact ? requester.id : null,
      authorAgentId: actor.kind === 'agent' ? actor.agentId : null,
      authorName: fromContact ? (requester.name ?? requester.email) : actor.name,
      channel: ticket.channel,
      bodyText: input.body,
      bodyHtml: input.html ? sanitizeMessageHtml(input.html) : textToHtml(input.body),
      createdAt: now,
    });
    await storeAttachments(tx, ticket.id, message.id, files);

    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'ticket.created',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: {
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        requester: requester.email,
        ccs: ccEmails,
        assignee: assignee?.email ?? null,
        team: team?.name ?? null,
        tags: ticket.tags,
        channel: ticket.channel,
        messageId: message.id,
      },
    });
    return presentTicket(tx, actor, ticket);
  });
}
