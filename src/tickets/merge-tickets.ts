import { recordEvent } from '../audit/index.js';
import { type Actor, auditActor, requireAgent, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { moveTicketLinks } from '../forges/move-links.js';
import { moveTicketMail } from '../mail/move-ticket-mail.js';
import { queueTicketMail } from '../mail/outbound/queue-ticket-mail.js';
import { type ContactRow, findContactsByIds, findOrganizationById } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { addMessageRecord } from './add-message.js';
import { ticketChanged } from './lifecycle.js';
import { presentTicket } from './present.js';
import { statusChangeFields } from './status-rules.js';
import { countAttachmentsOf, listMessageIdsOf, moveMessages } from './story-store.js';
import { mailPublicMessage } from './ticket-mail.js';
import { addTicketCcs, findTicket, listTicketCcIds, type TicketRow, updateTicketRow } from './ticket-store.js';

export interface MergeInput {
  /** the ticket the conversation moves to */
  into: number;
  /** merge tickets of two customers anyway: the messages move as internal notes */
  force?: boolean;
}

/**
 * Merges a ticket into another: its messages (with their files and mail), links and people move to
 * the target, and it closes pointing there. Its customers are told by mail, in its own thread, where
 * the conversation continues; a reply to that thread lands on the target (find-thread follows the
 * pointer).
 *
 * One customer: the same requester, or colleagues of an organization that shares its tickets (they
 * read each other's tickets anyway). Then the merged ticket's requester and CCs become CCs of the
 * target when they belong to the target's organization, or when both tickets have the same requester
 * (their own CCs follow them). Two customers (other organizations, or colleagues who do not share
 * tickets) merge only with force: the messages move as internal notes (agents keep the history, the
 * target's customer reads none of it) and nobody of the merged ticket is copied on the target. An
 * agent may still CC them by hand, a deliberate act that is recorded.
 *
 * The merge notice names the target (subject, portal link) only to people who may read it; everyone
 * else, in the mail and on the merged ticket, hears only that it was merged.
 */
export async function mergeTickets(deps: Deps, actor: Actor, number: number, input: MergeInput) {
  const agent = requireAgent(actor);
  if (input.into === number) {
    throw new AppError('MERGE_INTO_ITSELF', `Ticket #${number} cannot be merged into itself.`);
  }
  return inTransaction(deps, async (tx) => {
    // both rows locked, lower id first: two agents merging the pair both ways cannot deadlock
    const locked = new Map<number, TicketRow | undefined>();
    for (const id of [number, input.into].sort((a, b) => a - b)) {
      locked.set(id, await findTicket(tx.db, id, { kind: 'all' }, { forUpdate: true }));
    }
    const source = locked.get(number);
    const target = locked.get(input.into);
    if (!source) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
    if (!target) throw new AppError('TICKET_NOT_FOUND', `No ticket #${input.into} to merge into.`);
    if (source.status === 'closed') {
      throw new AppError(
        'TICKET_CLOSED',
        source.mergedIntoId
          ? `Ticket #${number} was merged into #${source.mergedIntoId} already.`
          : `Ticket #${number} is closed; a closed ticket cannot be merged.`,
      );
    }
    if (target.status === 'closed') {
      throw new AppError(
        'TICKET_CLOSED',
        `Ticket #${input.into} is closed${target.mergedIntoId ? ` (merged into #${target.mergedIntoId})` : ''}: merge into an open ticket.`,
      );
    }
    const sourceOrg = source.organizationId ? await findOrganizationById(tx.db, source.organizationId) : undefined;
    const sameOrganization = source.organizationId !== null && source.organizationId === target.organizationId;
    const targetOrg = sameOrganization
      ? sourceOrg
      : target.organizationId
        ? await findOrganizationById(tx.db, target.organizationId)
        : undefined;
    const sameRequester = source.requesterId === target.requesterId;
    const sameCustomer = sameRequester || (sameOrganization && sourceOrg?.shareTickets === true);
    if (!sameCustomer && !input.force) {
      throw new AppError(
        'MERGE_ACROSS_ORGANIZATIONS',
        `Tickets #${number} and #${input.into} ${sameOrganization ? 'belong to different customers of an organization that does not share its tickets' : 'belong to different organizations'}. Merging keeps the conversation for agents only (as internal notes on #${input.into}), and nobody of #${number} follows it. Send force: true to merge anyway.`,
      );
    }
    const now = tx.clock.now();
    const messageIds = await listMessageIdsOf(tx.db, source.id);
    const attachmentCount = await countAttachmentsOf(tx.db, messageIds);

    // who follows the conversation to the target
    const sourceCcIds = (await listTicketCcIds(tx.db, [source.id])).map((c) => c.contactId);
    const targetCcIds = new Set((await listTicketCcIds(tx.db, [target.id])).map((c) => c.contactId));
    const people = await findContactsByIds(tx.db, [source.requesterId, ...sourceCcIds]);
    const candidates = people.filter((p) => p.id !== target.requesterId && !targetCcIds.has(p.id));
    const follows = (p: ContactRow) =>
      sameCustomer && (sameRequester || (p.organizationId !== null && p.organizationId === target.organizationId));
    const carried = candidates.filter(follows);
    const leftBehind = candidates.filter((p) => !follows(p));
    // who may read the target once merged (visibility.ts's rule): only they learn which ticket it is
    const seesTarget = (p: ContactRow) =>
      p.id === target.requesterId ||
      targetCcIds.has(p.id) ||
      carried.includes(p) ||
      (targetOrg?.shareTickets === true && p.organizationId === target.organizationId);
    const followers = people.filter(seesTarget);
    const others = people.filter((p) => !seesTarget(p));
    // colleagues of an organization that shares its tickets read the merged ticket without being on it
    const everyoneFollows = others.length === 0 && (sourceOrg?.shareTickets !== true || sameOrganization);

    // 1. the customers hear it in the thread they know, before the conversation moves
    const portal = `${tx.config.publicUrl}/portal/tickets/${target.id}`;
    const naming = `This ticket has been merged into ticket #${target.id} "${target.subject}", where we handle the same request. The conversation continues there: ${portal}\n\nReplies to this mail reach it too.`;
    const neutral =
      'This ticket has been merged with another request our team handles, and it is now closed. If you have anything to add, reply to this mail.';
    const told = await addMessageRecord(
      tx,
      SYSTEM,
      source.id,
      { body: everyoneFollows ? naming : neutral, channel: 'merge', notify: false },
      { trusted: true, keepStatus: true },
    );
    if (everyoneFollows) await mailPublicMessage(tx, told.ticket, told.message);
    else {
      if (others.length > 0) await mailPublicMessage(tx, told.ticket, told.message, { only: others.map((p) => p.id) });
      if (followers.length > 0) await mailFollowers(tx, told.ticket, followers, naming);
    }

    // 2. the conversation, its mail and links move; the people who may follow it do. Another
    // customer's messages arrive as internal notes: the target's customer must not read them.
    await moveMessages(tx.db, messageIds, target.id, !sameCustomer);
    await moveTicketMail(tx.db, messageIds, target.id);
    const links = await moveTicketLinks(tx, source.id, target.id);
    await addTicketCcs(
      tx.db,
      target.id,
      carried.map((p) => p.id),
      now,
      { ...auditActor(agent), via: 'merge' },
    );

    // 3. the merged ticket closes, pointing at the target
    const closed = await updateTicketRow(tx.db, source.id, {
      ...statusChangeFields(told.ticket.status, 'closed', now),
      mergedIntoId: target.id,
      updatedAt: now,
    });
    const merged = await ticketChanged(
      tx,
      { kind: 'updated', before: told.ticket, ticket: closed, by: actor },
      (fields) => updateTicketRow(tx.db, source.id, fields),
    );

    // 4. agents on the target see what came in
    const emails = (list: typeof people) => list.map((p) => p.email);
    const lines = [
      `${agent.name} merged #${source.id} "${source.subject}" into this ticket: ${messageIds.length} ${messageIds.length === 1 ? 'message' : 'messages'}${attachmentCount ? ` (${attachmentCount} ${attachmentCount === 1 ? 'file' : 'files'})` : ''}${links.length ? `, ${links.length} ${links.length === 1 ? 'link' : 'links'}` : ''}.`,
      ...(sameCustomer || messageIds.length === 0
        ? []
        : [
            `They are another customer's: their public messages are kept here as internal notes, which this ticket's customer does not read.`,
          ]),
      ...(carried.length ? [`Now CC'd here: ${emails(carried).join(', ')}.`] : []),
      ...(leftBehind.length
        ? [
            `Not copied here, because they are ${sameCustomer ? "not of this ticket's organization" : 'another customer'}: ${emails(leftBehind).join(', ')}. Add them as CCs if they should follow this ticket.`,
          ]
        : []),
    ];
    const noted = await addMessageRecord(
      tx,
      SYSTEM,
      target.id,
      { body: lines.join('\n'), internal: true, channel: 'merge' },
      { trusted: true, keepStatus: true },
    );

    const facts = {
      messages: messageIds.length,
      attachments: attachmentCount,
      links,
      ccs: emails(carried),
      notCopied: emails(leftBehind),
      forced: !sameCustomer,
    };
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'ticket.merged',
      entityType: 'ticket',
      entityId: source.id,
      ticketId: source.id,
      data: { into: target.id, subject: target.subject, noticeMessageId: told.message.id, ...facts },
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'ticket.merged-in',
      entityType: 'ticket',
      entityId: target.id,
      ticketId: target.id,
      data: { from: source.id, subject: source.subject, ...facts },
    });
    return {
      ticket: await presentTicket(tx, actor, merged),
      into: await presentTicket(tx, actor, noted.ticket),
      notCopied: leftBehind.map((p) => ({ id: p.id, email: p.email, name: p.name })),
    };
  });
}

/** The merge notice naming the target, in the merged ticket's thread, to those who may read the target. */
async function mailFollowers(deps: Deps, merged: TicketRow, followers: ContactRow[], text: string) {
  const requester = followers.find((p) => p.id === merged.requesterId);
  const rest = followers.filter((p) => p !== requester).map((p) => p.email);
  await queueTicketMail(deps, {
    ticket: merged,
    purpose: 'system-notice',
    automatic: 'auto-generated',
    to: requester ? [requester.email] : rest,
    cc: requester ? rest : [],
    text: `${text}\n\n--\n${deps.config.supportName}\nTicket #${merged.id}`,
  });
}
