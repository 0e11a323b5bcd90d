import { loadRoster } from '../coverage/roster.js';
import type { Deps } from '../deps.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import type { MessageRow, TicketRow } from '../tickets/ticket-store.js';
import { customerRepliedJob } from './jobs.js';
import { parseMentions, resolveMentions } from './mentions.js';
import { notifyAgent } from './notify-agent.js';

// The notifications listener (wired in runtime.ts), in the transaction of every ticket change:
// a ticket assigned to someone by someone else (or by routing, or at a handover), an agent
// @mentioned in an internal note, and a customer's reply on an assigned ticket. Nobody is told of
// what they did themselves. SLA warnings are told by the SLA sweep (sla/sweep.ts).

export async function notifyOnChange(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  switch (change.kind) {
    case 'created': {
      const message = change.message;
      // a follow-up (no message yet) is the customer writing again: their message says so next
      if (!message || message.authorKind === 'contact') return undefined;
      const assigneeId = change.ticket.assigneeId;
      if (assigneeId && assigneeId !== message.authorAgentId) {
        await notifyAgent(deps, {
          agentId: assigneeId,
          kind: 'assigned',
          ticket: change.ticket,
          actorName: message.authorName,
          title: `${message.authorName} opened a ticket for you`,
          excerpt: message.bodyText,
        });
      }
      if (message.internal) await notifyMentions(deps, change.ticket, message);
      return undefined;
    }
    case 'message': {
      const { message, ticket } = change;
      if (message.internal) {
        if (message.authorKind === 'agent') await notifyMentions(deps, ticket, message);
      } else if (message.authorKind === 'contact' && ticket.assigneeId) {
        // after the commit, when the mail's facts are in: an out-of-office is not a reply
        await deps.enqueue(deps.db, customerRepliedJob.name, { ticketId: ticket.id, messageId: message.id });
      }
      return undefined;
    }
    case 'updated': {
      const { before, ticket, by } = change;
      const to = ticket.assigneeId;
      if (!to || to === before.assigneeId) return undefined;
      if (by && by.kind === 'agent' && by.agentId === to) return undefined;
      const person = by && by.kind !== 'system' ? by.name : null;
      const title = person
        ? `${person} assigned you a ticket`
        : ticket.handovers > before.handovers
          ? 'A ticket was handed over to you'
          : 'A ticket was routed to you';
      await notifyAgent(deps, { agentId: to, kind: 'assigned', ticket, actorName: person, title });
      return undefined;
    }
  }
}

async function notifyMentions(deps: Deps, ticket: TicketRow, message: MessageRow): Promise<void> {
  const handles = parseMentions(message.bodyText);
  if (handles.length === 0) return;
  // the active agents, read now (not routing's few-second cache): someone added a minute ago counts
  const now = deps.clock.now();
  const { agents } = resolveMentions(handles, await loadRoster(deps, { from: now, to: now }));
  for (const agent of agents) {
    if (agent.id === message.authorAgentId) continue;
    await notifyAgent(deps, {
      agentId: agent.id,
      kind: 'mention',
      ticket,
      messageId: message.id,
      actorName: message.authorName,
      title: `${message.authorName} mentioned you`,
      excerpt: message.bodyText,
    });
  }
}
