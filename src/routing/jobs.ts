import { loadRoster } from '../coverage/roster.js';
import { isWorking } from '../coverage/working-intervals.js';
import type { Deps } from '../deps.js';
import { MINUTE_MS } from '../platform/clock.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import type { TicketChange, TicketDraft, TicketFields } from '../tickets/lifecycle.js';
import { listTicketIdsToRoute, type TicketRow } from '../tickets/ticket-store.js';
import { handOverEndedShifts } from './handover.js';
import { type Pick, pickAgent, recordWaiting, routeTicket, wantsRouting } from './route-ticket.js';

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

// Whether anybody is on shift changes at most once a minute: the answer (and when the next shift
// starts) is kept per roster and minute, as tickets arrive by the hundred at night.
let lastWait: { roster: object; minute: number; pick: Pick | null } | undefined;

async function waitingForShift(deps: Deps, ticket: TicketRow, now: Date): Promise<{ pick: Pick } | undefined> {
  const roster = await loadRoster(deps);
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  if (lastWait?.roster !== roster || lastWait.minute !== minute) {
    const nobody = roster.length > 0 && !roster.some((a) => isWorking(a, now));
    lastWait = { roster, minute, pick: nobody ? await pickAgent(deps, ticket) : null };
  }
  return lastWait.pick ? { pick: lastWait.pick } : undefined;
}

/** A new ticket nobody is on shift for waits from its first write. */
export async function prepareRouting(deps: Deps, draft: TicketDraft): Promise<TicketFields | undefined> {
  const ticket = draft.ticket;
  if (!wantsRouting(deps, ticket)) return undefined;
  const waiting = await waitingForShift(deps, ticket, deps.clock.now());
  return waiting ? { routeAfter: waiting.pick.nextStart ?? null } : undefined;
}

/** The routing listener: new and reopened tickets without an assignee get routed. */
export async function routeOnChange(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const ticket = change.ticket;
  // a public reply from an agent answers the ticket: the handover count starts again
  const answered = change.kind === 'message' && !change.message.internal && change.message.authorKind === 'agent';
  let fields: TicketFields | undefined = answered && ticket.handovers > 0 ? { handovers: 0 } : undefined;
  // assigned (by hand, meanwhile) or no longer waiting on us: it waits for no shift
  if (ticket.routeAfter && (ticket.assigneeId || (ticket.status !== 'new' && ticket.status !== 'open')))
    fields = { ...fields, routeAfter: null };
  if (!wantsRouting(deps, ticket)) return fields;
  const fresh = change.kind === 'created';
  const reopened = change.kind !== 'created' && change.before.status !== 'new' && change.before.status !== 'open';
  if (!fresh && !reopened) return fields;
  // nobody on shift (nights, weekends): the ticket waits, decided from the cached roster (a new
  // ticket had it prepared into its insert); the choice among people on shift counts their
  // tickets, so it runs as a job after the commit
  const waiting = await waitingForShift(deps, ticket, deps.clock.now());
  if (waiting) {
    await recordWaiting(deps, ticket.id, waiting.pick);
    return { ...fields, routeAfter: waiting.pick.nextStart ?? null };
  }
  await deps.enqueue(deps.db, routeTicketJob.name, { ticketId: ticket.id });
  return fields;
}

export const routingJobs = [routeTicketJob, routeWaitingJob, handoverJob];
export const routingSchedules: Schedule[] = [
  { name: 'routing.route-waiting', everyMs: MINUTE_MS, job: 'routing.route-waiting' },
  { name: 'routing.handover', everyMs: 5 * MINUTE_MS, job: 'routing.handover' },
];
