import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { listTicketLinkRows } from '../forges/forge-store.js';
import { linkIssue } from '../forges/link-issue.js';
import { AppError } from '../platform/errors.js';
import { addMessage } from '../tickets/add-message.js';
import { getTicket } from '../tickets/get-ticket.js';
import { normalizeTags } from '../tickets/open-ticket.js';
import { checkAgentTransition, type TicketStatus } from '../tickets/status-rules.js';
import type { TicketChanges } from '../tickets/update-ticket.js';
import { updateTicket } from '../tickets/update-ticket.js';
import { countMacroUse } from './macro-store.js';
import { findVisibleMacro } from './macros.js';
import { firstName, renderPlaceholders } from './placeholders.js';

export interface ApplyMacroOptions {
  /** also add the rendered body to the ticket as the message (bulk actions); otherwise it is for the composer */
  send?: boolean;
}

/**
 * Applies a macro to a ticket: its actions through the ticket's own update and link actions (so the
 * audit trail, SLA, routing and live updates all happen), then its body rendered for this ticket.
 * The body goes back to the composer, or with `send` is added as a reply or note at once.
 */
export async function applyMacro(
  deps: Deps,
  actor: Actor,
  ticketNumber: number,
  macroId: string,
  options: ApplyMacroOptions = {},
) {
  const agent = requireAgent(actor);
  const macro = await findVisibleMacro(deps, actor, macroId);
  const actions = macro.actions;
  const before = await getTicket(deps, actor, ticketNumber);

  // refuse what would fail halfway before anything is changed: the link below is not undone
  const fieldChange = [actions.status, actions.priority, actions.assignee, actions.team].some((v) => v !== undefined);
  if (before.status === 'closed' && (fieldChange || actions.linkIssueUrl || options.send)) {
    throw new AppError('TICKET_CLOSED', `Ticket #${ticketNumber} is closed; open a follow-up ticket instead.`);
  }
  if (actions.status) checkAgentTransition(before.status as TicketStatus, actions.status);
  if (actions.assignee === 'me' && !agent.agentId) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${macro.name}" assigns to "me", which needs an agent signed in as themselves.`,
    );
  }

  // linked first, outside the transaction: it asks the forge, and no ticket should stay locked meanwhile;
  // first also because a status such as watching may need the link
  // the macro's own reply is what the customer reads: the link adds no notice of its own
  if (actions.linkIssueUrl) await linkIssue(deps, actor, ticketNumber, actions.linkIssueUrl, { notify: false });

  return inTransaction(deps, async (tx) => {
    const current = await getTicket(tx, actor, ticketNumber);
    const changes: TicketChanges = {};
    if (actions.status !== undefined) changes.status = actions.status;
    if (actions.priority !== undefined) changes.priority = actions.priority;
    if (actions.assignee !== undefined) changes.assignee = actions.assignee === 'me' ? agent.agentId : actions.assignee;
    if (actions.team !== undefined) changes.team = actions.team;
    if (actions.addTags?.length || actions.removeTags?.length) {
      const removed = new Set(actions.removeTags ?? []);
      changes.tags = normalizeTags([
        ...(('tags' in current ? current.tags : undefined) ?? []),
        ...(actions.addTags ?? []),
      ]).filter((t) => !removed.has(t));
    }
    let ticket = Object.keys(changes).length > 0 ? await updateTicket(tx, actor, ticketNumber, changes) : current;

    const links = await listTicketLinkRows(tx.db, [ticketNumber]);
    const issue = links.at(-1)?.issue; // the most recent link is the one a reply talks about
    const body = renderPlaceholders(macro.body, {
      'requester.name': ticket.requester?.name,
      'requester.first_name': firstName(ticket.requester?.name),
      'requester.email': ticket.requester?.email,
      'organization.name': ticket.organization?.name,
      'ticket.number': ticket.number,
      'ticket.subject': ticket.subject,
      'ticket.status': ticket.status,
      'ticket.priority': ticket.priority,
      'agent.name': agent.name,
      'agent.first_name': firstName(agent.name),
      'issue.url': issue?.url,
      'issue.title': issue?.title,
      'issue.milestone': issue?.milestoneTitle,
    });

    const now = tx.clock.now();
    await countMacroUse(tx.db, macro.id, now);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'macro.applied',
      entityType: 'ticket',
      entityId: ticketNumber,
      ticketId: ticketNumber,
      data: { macroId: macro.id, name: macro.name, sent: !!options.send && body.trim() !== '' },
    });

    let message: Awaited<ReturnType<typeof addMessage>>['message'] | undefined;
    if (options.send && body.trim()) {
      const added = await addMessage(tx, actor, ticketNumber, { body, internal: macro.internal, format: 'markdown' });
      ticket = added.ticket;
      message = added.message;
    }
    return { body, internal: macro.internal, ticket, ...(message ? { message } : {}) };
  });
}
