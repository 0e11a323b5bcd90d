import { type Deps, inTransaction } from '../deps.js';
import { findMessageMail } from '../mail/mail-store.js';
import { defineJob } from '../platform/jobs/define-job.js';
import { findTicket, listMessageRows } from '../tickets/ticket-store.js';
import { notifyAgent } from './notify-agent.js';

// A customer's reply is told after its transaction commits: by then a mailed reply's facts say
// whether a machine wrote it (an out-of-office, an auto-reply), which no agent needs to hear of.

export const customerRepliedJob = defineJob<{ ticketId: number; messageId: number }, Deps>({
  name: 'notifications.customer-replied',
  async handle(deps, { ticketId, messageId }) {
    await inTransaction(deps, async (tx) => {
      const [facts] = await findMessageMail(tx.db, [messageId]);
      if (facts?.machineReason) return;
      const ticket = await findTicket(tx.db, ticketId, { kind: 'all' });
      // told to whoever holds the ticket now
      if (!ticket?.assigneeId) return;
      const [message] = await listMessageRows(tx.db, ticketId, {
        includeInternal: false,
        afterId: messageId - 1,
        limit: 1,
      });
      if (!message || message.id !== messageId) return;
      await notifyAgent(tx, {
        agentId: ticket.assigneeId,
        kind: 'customer-reply',
        ticket,
        messageId,
        actorName: message.authorName,
        title: `${message.authorName} replied`,
        excerpt: message.bodyText,
      });
    });
  },
});

export const notificationJobs = [customerRepliedJob];
