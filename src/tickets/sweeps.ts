import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { DAY_MS, MINUTE_MS } from '../platform/clock.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import { addMessageRecord } from './add-message.js';
import { ticketChanged } from './lifecycle.js';
import { type LookAgainStep, lookAgainJob } from './look-again.js';
import { statusChangeFields } from './status-rules.js';
import { findTicket, listTicketIdsInStatusSince, listTicketsToLookAgain, updateTicketRow } from './ticket-store.js';

// Pending tickets get a reminder, then are solved; solved tickets close; watching tickets reopen on
// their date to look again. The sweep finds due tickets and enqueues one job per ticket and period
// (the key holds the time the status was entered), so a sweep that runs twice, or two workers, still
// act once.

const BATCH = 500;

interface TicketStep {
  ticketId: number;
  /** the status_changed_at the sweep saw; the step does nothing if the ticket has moved since */
  since: string;
}

export const sweepTicketsJob = defineJob<Record<string, never>, Deps>({
  name: 'tickets.sweep',
  async handle(deps) {
    const now = deps.clock.now().getTime();
    const { pendingReminderDays, pendingSolveDays, solvedCloseDays } = deps.config;
    const plan = [
      { job: 'tickets.remind-pending', status: 'pending', days: pendingReminderDays, onlyUnreminded: true },
      { job: 'tickets.auto-solve', status: 'pending', days: pendingSolveDays, onlyUnreminded: false },
      { job: 'tickets.auto-close', status: 'solved', days: solvedCloseDays, onlyUnreminded: false },
    ] as const;
    for (const step of plan) {
      const due = await listTicketIdsInStatusSince(deps.db, step.status, new Date(now - step.days * DAY_MS), {
        onlyUnreminded: step.onlyUnreminded,
        limit: BATCH,
      });
      for (const ticket of due) {
        const since = ticket.statusChangedAt.toISOString();
        await deps.enqueue(deps.db, step.job, { ticketId: ticket.id, since } satisfies TicketStep, {
          key: `${step.job}:${ticket.id}:${since}`,
        });
      }
    }
    // watching tickets whose date to look again has come reopen
    for (const ticket of await listTicketsToLookAgain(deps.db, new Date(now), BATCH)) {
      const at = (ticket.lookAgainAt as Date).toISOString();
      await deps.enqueue(deps.db, lookAgainJob.name, { ticketId: ticket.id, at } satisfies LookAgainStep, {
        key: `${lookAgainJob.name}:${ticket.id}:${at}`,
      });
    }
  },
});

async function stillDue(deps: Deps, step: TicketStep, status: 'pending' | 'solved') {
  const ticket = await findTicket(deps.db, step.ticketId, { kind: 'all' }, { forUpdate: true });
  if (!ticket || ticket.status !== status || !ticket.autoClose) return undefined;
  if (ticket.statusChangedAt.toISOString() !== step.since) return undefined;
  return ticket;
}

export const remindPendingJob = defineJob<TicketStep, Deps>({
  name: 'tickets.remind-pending',
  async handle(deps, step) {
    await inTransaction(deps, async (tx) => {
      const ticket = await stillDue(tx, step, 'pending');
      if (!ticket || ticket.pendingRemindedAt) return;
      const now = tx.clock.now();
      const body = [
        `We are still waiting for your answer on ticket #${ticket.id}, "${ticket.subject}".`,
        '',
        `Reply to this message and we will pick it up again. If we do not hear from you, we will mark the ticket solved in ${tx.config.pendingSolveDays - tx.config.pendingReminderDays} days.`,
      ].join('\n');
      // the path every message takes: SLA clocks, live updates and the mail to the customer
      const { message } = await addMessageRecord(
        tx,
        SYSTEM,
        ticket.id,
        { body, channel: 'system' },
        { trusted: true, keepStatus: true },
      );
      await updateTicketRow(tx.db, ticket.id, { pendingRemindedAt: now });
      await recordEvent(tx.db, {
        actor: SYSTEM,
        at: now,
        action: 'ticket.pending-reminded',
        entityType: 'ticket',
        entityId: ticket.id,
        ticketId: ticket.id,
        data: { messageId: message.id, pendingSince: step.since },
      });
    });
  },
});

function statusStepJob(name: string, from: 'pending' | 'solved', to: 'solved' | 'closed', reason: string) {
  return defineJob<TicketStep, Deps>({
    name,
    async handle(deps, step) {
      await inTransaction(deps, async (tx) => {
        const ticket = await stillDue(tx, step, from);
        if (!ticket) return;
        const now = tx.clock.now();
        const changed = await updateTicketRow(tx.db, ticket.id, {
          ...statusChangeFields(from, to, now),
          updatedAt: now,
        });
        await ticketChanged(tx, { kind: 'updated', before: ticket, ticket: changed }, (fields) =>
          updateTicketRow(tx.db, ticket.id, fields),
        );
        await recordEvent(tx.db, {
          actor: SYSTEM,
          at: now,
          action: 'ticket.updated',
          entityType: 'ticket',
          entityId: ticket.id,
          ticketId: ticket.id,
          data: { changes: { status: { from, to } }, reason },
        });
      });
    },
  });
}

export const autoSolveJob = statusStepJob('tickets.auto-solve', 'pending', 'solved', 'no answer from the customer');
export const autoCloseJob = statusStepJob('tickets.auto-close', 'solved', 'closed', 'solved long enough');

export const ticketJobs = [sweepTicketsJob, remindPendingJob, autoSolveJob, autoCloseJob, lookAgainJob];
export const ticketSchedules: Schedule[] = [{ name: 'tickets.sweep', everyMs: 10 * MINUTE_MS, job: 'tickets.sweep' }];
