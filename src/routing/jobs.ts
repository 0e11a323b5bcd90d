import type { Deps } from '../deps.js';
import { MINUTE_MS } from '../platform/clock.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import { listTicketIdsToRoute } from '../tickets/ticket-store.js';
import { handOverEndedShifts } from './handover.js';
import { routeTicket } from './route-ticket.js';

// Routing runs as a job right after the ticket is committed (the busiest write stays short), again
// for tickets whose wait for a shift is over, and the handover sweep every few minutes.

export const routeTicketJob = defineJob<{ ticketId: number }, Deps>({
  name: 'routing.route-ticket',
  priority: 2,
  async handle(deps, payload) {
    await routeTicket(deps, payload.ticketId);
  },
});

export const routeWaitingJob = defineJob<Record<string, never>, Deps>({
  name: 'routing.route-waiting',
  async handle(deps) {
    if (deps.config.routing === 'off') return;
    for (;;) {
      const due = await listTicketIdsToRoute(deps.db, deps.clock.now(), 100);
      let routed = 0;
      for (const { id } of due) if (await routeTicket(deps, id)) routed++;
      // tickets still waiting moved their route_after forward; stop when a batch makes no progress
      if (due.length < 100 || routed === 0) return;
    }
  },
});

export const handoverJob = defineJob<Record<string, never>, Deps>({
  name: 'routing.handover',
  async handle(deps) {
    if (deps.config.routing === 'off') return;
    await handOverEndedShifts(deps);
  },
});

/** The routing listener: new and reopened tickets without an assignee get routed. */
export async function routeOnChange(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const ticket = change.ticket;
  // a public reply from an agent answers the ticket: the handover count starts again
  const answered = change.kind === 'message' && !change.message.internal && change.message.authorKind === 'agent';
  const fields: TicketFields | undefined = answered && ticket.handovers > 0 ? { handovers: 0 } : undefined;
  if (deps.config.routing === 'off' || ticket.assigneeId || (ticket.status !== 'new' && ticket.status !== 'open'))
    return fields;
  const fresh = change.kind === 'created';
  const reopened = change.kind !== 'created' && change.before.status !== 'new' && change.before.status !== 'open';
  if (fresh || reopened) await deps.enqueue(deps.db, routeTicketJob.name, { ticketId: ticket.id });
  return fields;
}

export const routingJobs = [routeTicketJob, routeWaitingJob, handoverJob];
export const routingSchedules: Schedule[] = [
  { name: 'routing.route-waiting', everyMs: MINUTE_MS, job: 'routing.route-waiting' },
  { name: 'routing.handover', everyMs: 5 * MINUTE_MS, job: 'routing.handover' },
];
