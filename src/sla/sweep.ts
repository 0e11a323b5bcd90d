import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { notifyAgent } from '../notifications/notify-agent.js';
import { findAgentById } from '../people/index.js';
import { formatUtc, MINUTE_MS } from '../platform/clock.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { findTicket } from '../tickets/ticket-store.js';
import { emitWebhook } from '../webhooks/webhooks.js';
import { formatMinutes } from './clock-rules.js';
import { claimBreaches, claimWarnings, insertSlaEvent } from './sla-store.js';
import type { Metric } from './tables.js';

// Every minute: warn about clocks that have used 80 % of their target, and record each breach as a
// row. Both say so on the ticket (an internal note), to the assignee (a notification, mailed unless they
// turned that off) and to WEBHOOK_URL.
// A clock is claimed in the same transaction that tells about it: told once, never lost.

const BATCH = 200;

const LABEL: Record<Metric, string> = {
  'first-reply': 'First reply',
  'next-reply': 'Next reply',
  'periodic-update': 'Periodic update',
  resolution: 'Resolution',
};

async function tell(
  deps: Deps,
  kind: 'warning' | 'breached',
  clock: { ticketId: number; metric: Metric; dueAt: Date | string; targetMinutes: number },
) {
  const ticket = await findTicket(deps.db, clock.ticketId, { kind: 'all' });
  if (!ticket) return;
  const now = deps.clock.now();
  const dueAt = new Date(clock.dueAt);
  const label = LABEL[clock.metric];
  const body =
    kind === 'warning'
      ? `SLA warning: ${label.toLowerCase()} is due ${formatUtc(dueAt)} (in ${formatMinutes((dueAt.getTime() - now.getTime()) / MINUTE_MS)}; target ${formatMinutes(clock.targetMinutes)}).`
      : `SLA breached: ${label.toLowerCase()} was due ${formatUtc(dueAt)} (target ${formatMinutes(clock.targetMinutes)}).`;
  if (kind === 'breached') {
    await insertSlaEvent(deps.db, {
      ticketId: ticket.id,
      metric: clock.metric,
      kind: 'breach',
      at: dueAt,
      dueAt,
      detail: body,
    });
  } else {
    await insertSlaEvent(deps.db, {
      ticketId: ticket.id,
      metric: clock.metric,
      kind: 'warn',
      at: now,
      dueAt,
      detail: body,
    });
  }
  await addMessageRecord(
    deps,
    SYSTEM,
    ticket.id,
    { body, internal: true, channel: 'system', notify: false },
    { trusted: true, keepStatus: true },
  );
  // the ticket's history shows it beside the messages
  await recordEvent(deps.db, {
    actor: SYSTEM,
    at: now,
    action: kind === 'warning' ? 'sla.warning' : 'sla.breached',
    entityType: 'ticket',
    entityId: ticket.id,
    ticketId: ticket.id,
    data: { metric: clock.metric, dueAt: dueAt.toISOString(), targetMinutes: clock.targetMinutes, detail: body },
  });
  const assignee = ticket.assigneeId ? await findAgentById(deps.db, ticket.assigneeId) : undefined;
  if (assignee) {
    // in the app and by mail, as the assignee's notification settings say
    const title = kind === 'warning' ? `${label} due soon` : `${label} breached`;
    await notifyAgent(deps, {
      agentId: assignee.id,
      kind: 'sla',
      ticket,
      title: `SLA: ${title.toLowerCase()}`,
      excerpt: body,
      mail: { purpose: `sla-${kind}`, subject: `[#${ticket.id}] ${title}: ${ticket.subject}` },
    });
  }
  await emitWebhook(deps, kind === 'warning' ? 'sla.warning' : 'sla.breached', {
    ticket: { number: ticket.id, subject: ticket.subject, priority: ticket.priority, status: ticket.status },
    metric: clock.metric,
    dueAt: dueAt.toISOString(),
    targetMinutes: clock.targetMinutes,
    assignee: assignee?.email ?? null,
  });
}

export const slaSweepJob = defineJob<Record<string, never>, Deps>({
  name: 'sla.sweep',
  async handle(deps) {
    for (;;) {
      const n = await inTransaction(deps, async (tx) => {
        const now = tx.clock.now();
        const breaches = await claimBreaches(tx.db, now, BATCH);
        for (const clock of breaches) await tell(tx, 'breached', clock);
        const warnings = await claimWarnings(tx.db, now, BATCH);
        for (const clock of warnings) await tell(tx, 'warning', clock);
        return Math.max(breaches.length, warnings.length);
      });
      if (n < BATCH) return;
    }
  },
});

export const slaJobs = [slaSweepJob];
export const slaSchedules: Schedule[] = [{ name: 'sla.sweep', everyMs: MINUTE_MS, job: 'sla.sweep' }];
