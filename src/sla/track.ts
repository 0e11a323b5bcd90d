import { supportCalendar } from '../coverage/settings.js';
import type { Deps } from '../deps.js';
import { findOrganizationById } from '../people/index.js';
import type { TicketChange, TicketDraft, TicketFields } from '../tickets/lifecycle.js';
import type { TicketRow } from '../tickets/ticket-store.js';
import { applySlaEvent, nextDue, type SlaClock, type SlaEvent, type Status } from './clock-rules.js';
import { loadPolicies, pickPolicy, targetsOf } from './policies.js';
import { loadClockRows, writeClocks } from './sla-store.js';
import type { Metric } from './tables.js';

// The SLA listener: turns what happened to a ticket into clock events, writes the clocks and their
// steps, and keeps the ticket's next due time (tickets.sla_due_at) so "what breaches next" is one
// indexed query.

function eventsOf(change: TicketChange): SlaEvent[] {
  const to = change.ticket.status as Status;
  switch (change.kind) {
    case 'created':
      // a follow-up (no message yet) is opened by the customer writing again
      return [
        { kind: 'created', status: to, byCustomer: change.message === null || change.message.authorKind === 'contact' },
      ];
    case 'message': {
      const from = change.before.status as Status;
      if (change.message.internal) return from === to ? [] : [{ kind: 'status', from, to }];
      if (change.message.authorKind === 'contact') return [{ kind: 'customer-message', from, to }];
      if (change.message.authorKind === 'agent') {
        return [{ kind: 'agent-reply', from, to, ...(change.message.channel === 'call' ? { call: true } : {}) }];
      }
      return [{ kind: 'desk-update', from, to }];
    }
    case 'updated': {
      const events: SlaEvent[] = [];
      const from = change.before.status as Status;
      if (
        change.before.priority !== change.ticket.priority ||
        change.before.organizationId !== change.ticket.organizationId
      ) {
        events.push({ kind: 'retarget', status: from });
      }
      if (from !== to) events.push({ kind: 'status', from, to });
      return events;
    }
  }
}

export async function planOf(deps: Deps, ticket: TicketRow, policies: Awaited<ReturnType<typeof loadPolicies>>) {
  // most desks have no plan-specific policy: then the organization need not be read
  if (!ticket.organizationId || !policies.some((p) => p.plan !== null)) return null;
  return (await findOrganizationById(deps.db, ticket.organizationId))?.plan ?? null;
}

/** The targets of the policy that fits the ticket, and the calendar its clocks count in. */
async function targetsFor(deps: Deps, ticket: TicketRow) {
  const [policies, calendar] = await Promise.all([loadPolicies(deps), supportCalendar(deps)]);
  return { targets: targetsOf(pickPolicy(policies, ticket.priority, await planOf(deps, ticket, policies))), calendar };
}

/** A new ticket's first due time, computed as trackSla will when it starts the clocks. */
export async function prepareSla(deps: Deps, draft: TicketDraft): Promise<TicketFields | undefined> {
  const ticket = draft.ticket;
  const { targets, calendar } = await targetsFor(deps, ticket);
  const clocks = new Map<Metric, SlaClock>();
  applySlaEvent(
    clocks,
    { kind: 'created', status: ticket.status as Status, byCustomer: draft.message.authorKind === 'contact' },
    targets,
    calendar,
    ticket.createdAt,
  );
  const due = nextDue(clocks.values());
  return due ? { slaDueAt: due } : undefined;
}

export async function trackSla(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const events = eventsOf(change);
  if (events.length === 0) return undefined;
  const ticket = change.ticket;
  const { targets, calendar } = await targetsFor(deps, ticket);
  // an update from the desk (a notice) that changes no status only matters to periodic-update clocks
  if (events.every((e) => e.kind === 'desk-update' && e.from === e.to) && targets.periodicUpdate === null) {
    return undefined;
  }
  const clocks: Map<Metric, SlaClock> =
    change.kind === 'created' ? new Map() : await loadClockRows(deps.db, ticket.id, { forUpdate: true });
  const now = change.kind === 'created' ? change.ticket.createdAt : deps.clock.now();
  const changed = new Set<Metric>();
  const steps = [];
  for (const event of events) {
    const set = applySlaEvent(clocks, event, targets, calendar, now);
    for (const metric of set.changed) changed.add(metric);
    steps.push(...set.steps);
  }
  await writeClocks(
    deps.db,
    ticket.id,
    [...changed].map((m) => clocks.get(m) as SlaClock),
    steps,
  );
  const due = nextDue(clocks.values());
  return (due?.getTime() ?? null) !== (ticket.slaDueAt?.getTime() ?? null) ? { slaDueAt: due } : undefined;
}
