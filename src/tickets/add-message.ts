import { recordEvent } from '../audit/index.js';
import { type Actor, auditActor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { type AttachmentInput, decodeAttachments, storeAttachments } from './attachments.js';
import { ticketChanged } from './lifecycle.js';
import { type MessageBodyInput, messageHtmlOf } from './message-body.js';
import { presentMessages, presentTicket } from './present.js';
import {
  checkAgentTransition,
  statusAfterAgentReply,
  statusAfterCustomerReply,
  statusChangeFields,
  type TicketStatus,
} from './status-rules.js';
import { followMerges } from './story-store.js';
import { mailPublicMessage } from './ticket-mail.js';
import {
  addTicketCcs,
  findTicket,
  insertMessage,
  insertTicket,
  listTicketCcIds,
  type TicketRow,
  updateTicketRow,
} from './ticket-store.js';
import { visibilityOf } from './visibility.js';

export interface AddMessageInput extends MessageBodyInput {
  internal?: boolean;
  /** agents: the status the ticket takes with this message */
  status?: TicketStatus;
  attachments?: AttachmentInput[];
  channel?: string;
  /** false records a public reply without mailing it (imports, the demo) */
  notify?: boolean;
}

export interface AddMessageOptions {
  /** the caller has already established the actor belongs on this ticket (a signed reply address) */
  trusted?: boolean;
  /**
   * store the message without changing the status: an out-of-office must not reopen a ticket, and
   * a notice from the desk must not move one
   */
  keepStatus?: boolean;
}

/**
 * Adds a public reply or an internal note. A customer's reply reopens a waiting or solved ticket;
 * a customer's reply to a closed ticket opens a follow-up ticket linked to it.
 */
export async function addMessageRecord(
  deps: Deps,
  actor: Actor,
  number: number,
  input: AddMessageInput,
  options: AddMessageOptions = {},
) {
  if (actor.kind === 'contact' && (input.internal || input.status !== undefined)) {
    throw new AppError('FIELD_NOT_ALLOWED', 'Customers cannot write internal notes or set the status.');
  }
  const files = decodeAttachments(deps, input.attachments);
  const bodyHtml = await messageHtmlOf(input);

  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, number, options.trusted ? { kind: 'all' } : visibilityOf(actor), {
      forUpdate: true,
    });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
    const now = tx.clock.now();

    let target: TicketRow = ticket;
    let followUp = false;
    // a customer writing on a merged ticket reaches the ticket it continues on, when they may see it
    const continued =
      ticket.mergedIntoId && actor.kind === 'contact' ? await mergedTarget(tx, actor, ticket) : undefined;
    if (continued) target = continued;
    else if (ticket.status === 'closed') {
      if (actor.kind !== 'contact') {
        throw new AppError(
          'TICKET_CLOSED',
          ticket.mergedIntoId
            ? `Ticket #${number} was merged into #${ticket.mergedIntoId}; write there.`
            : `Ticket #${number} is closed; open a follow-up ticket instead.`,
        );
      }
      target = await openFollowUp(tx, actor, ticket, now);
      followUp = true;
    }

    const internal = input.internal ?? false;
    const fromContact = actor.kind === 'contact';
    const message = await insertMessage(tx.db, {
      ticketId: target.id,
      internal,
      authorKind: fromContact ? 'contact' : actor.kind === 'system' ? 'system' : 'agent',
      authorContactId: fromContact ? actor.contactId : null,
      authorAgentId: actor.kind === 'agent' ? actor.agentId : null,
      authorName: actor.name,
      channel: input.channel ?? 'api',
      bodyText: input.body,
      bodyHtml,
      createdAt: now,
    });
    await storeAttachments(tx, target.id, message.id, files);

    let nextStatus: TicketStatus = target.status;
    if (options.keepStatus) nextStatus = target.status;
    else if (fromContact) nextStatus = statusAfterCustomerReply(target.status);
    else if (!internal) nextStatus = statusAfterAgentReply(target.status, input.status);
    else if (input.status) nextStatus = input.status;
    if (!fromContact) checkAgentTransition(target.status, nextStatus);

    const changed = await updateTicketRow(tx.db, target.id, {
      ...statusChangeFields(target.status, nextStatus, now),
      updatedAt: now,
      // the customer sees a public message: their "last update" moves (an internal note moves it only by a status they see)
      ...(internal ? {} : { customerUpdatedAt: now }),
    });
    const updated = await ticketChanged(tx, { kind: 'message', before: target, ticket: changed, message }, (fields) =>
      updateTicketRow(tx.db, target.id, fields),
    );
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: internal ? 'note.added' : 'reply.added',
      entityType: 'message',
      entityId: message.id,
      ticketId: target.id,
      data: {
        messageId: message.id,
        attachments: files.map((f) => f.filename),
        ...(nextStatus !== target.status ? { status: { from: target.status, to: nextStatus } } : {}),
      },
    });
    if (!internal && !fromContact && input.notify !== false) await mailPublicMessage(tx, updated, message);

    return { message, ticket: updated, followUp };
  });
}

/** addMessage as the API answers it: the message and the ticket as the actor may see them. */
export async function addMessage(
  deps: Deps,
  actor: Actor,
  number: number,
  input: AddMessageInput,
  options: AddMessageOptions = {},
) {
  // rendered before the transaction: no ticket row stays locked while a long body renders
  const safeHtml = await messageHtmlOf(input);
  return inTransaction(deps, async (tx) => {
    const { message, ticket, followUp } = await addMessageRecord(tx, actor, number, { ...input, safeHtml }, options);
    return {
      message: (await presentMessages(tx, actor, [message]))[0] as Awaited<ReturnType<typeof presentMessages>>[number],
      ticket: await presentTicket(tx, actor, ticket),
      followUp,
    };
  });
}

async function mergedTarget(deps: Deps, actor: Actor, merged: TicketRow): Promise<TicketRow | undefined> {
  const into = await followMerges(deps.db, merged.id);
  const found = await findTicket(deps.db, into, visibilityOf(actor), { forUpdate: true });
  return found && found.status !== 'closed' ? found : undefined;
}

async function openFollowUp(deps: Deps, actor: Actor, closed: TicketRow, now: Date): Promise<TicketRow> {
  const followUp = await insertTicket(deps.db, {
    subject: closed.subject,
    status: 'new',
    priority: closed.priority,
    requesterId: closed.requesterId,
    organizationId: closed.organizationId,
    assigneeId: closed.assigneeId,
    teamId: closed.teamId,
    region: closed.region,
    tags: closed.tags,
    channel: closed.channel,
    followUpOfId: closed.id,
    autoClose: true,
    createdAt: now,
    updatedAt: now,
    statusChangedAt: now,
  });
  const ccs = await listTicketCcIds(deps.db, [closed.id]);
  await addTicketCcs(
    deps.db,
    followUp.id,
    ccs.map((c) => c.contactId),
    now,
    { ...auditActor(actor), via: 'follow-up' },
  );
  await recordEvent(deps.db, {
    actor,
    at: now,
    action: 'ticket.follow-up-created',
    entityType: 'ticket',
    entityId: followUp.id,
    ticketId: followUp.id,
    data: { followUpOf: closed.id },
  });
  await recordEvent(deps.db, {
    actor,
    at: now,
    action: 'ticket.followed-up',
    entityType: 'ticket',
    entityId: closed.id,
    ticketId: closed.id,
    data: { followUp: followUp.id },
  });
  return ticketChanged(deps, { kind: 'created', ticket: followUp, message: null }, (fields) =>
    updateTicketRow(deps.db, followUp.id, fields),
  );
}
