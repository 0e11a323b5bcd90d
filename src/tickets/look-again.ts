import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { formatUtc } from '../platform/clock.js';
import { defineJob } from '../platform/jobs/define-job.js';
import { addMessageRecord } from './add-message.js';
import { ticketChanged } from './lifecycle.js';
import { statusChangeFields } from './status-rules.js';
import { findTicket, updateTicketRow } from './ticket-store.js';

// A watching ticket without a linked issue has a date to look again. On that date it reopens: back
// in the active queue (its assignee's, or routed when it has none), its SLA clocks running again,
// with a note saying why. The tickets sweep enqueues one job per ticket and date.

export interface LookAgainStep {
  ticketId: number;
  /** the look_again_at the sweep saw; nothing happens if it has changed since */
  at: string;
}

export const lookAgainJob = defineJob<LookAgainStep, Deps>({
  name: 'tickets.look-again',
  async handle(deps, step) {
    await inTransaction(deps, async (tx) => {
      const ticket = await findTicket(tx.db, step.ticketId, { kind: 'all' }, { forUpdate: true });
      if (ticket?.status !== 'watching' || ticket.lookAgainAt?.toISOString() !== step.at) return;
      const now = tx.clock.now();
      const changed = await updateTicketRow(tx.db, ticket.id, {
        ...statusChangeFields('watching', 'open', now),
        updatedAt: now,
      });
      await ticketChanged(tx, { kind: 'updated', before: ticket, ticket: changed }, (fields) =>
        updateTicketRow(tx.db, ticket.id, fields),
      );
      await addMessageRecord(
        tx,
        SYSTEM,
        ticket.id,
        {
          body: `Open again: the date set to look again at this watching ticket (${formatUtc(ticket.lookAgainAt)}) has come.`,
          internal: true,
          channel: 'system',
          notify: false,
        },
        { trusted: true, keepStatus: true },
      );
      await recordEvent(tx.db, {
        actor: SYSTEM,
        at: now,
        action: 'ticket.updated',
        entityType: 'ticket',
        entityId: ticket.id,
        ticketId: ticket.id,
        data: { changes: { status: { from: 'watching', to: 'open' } }, reason: 'the date to look again came' },
      });
    });
  },
});
