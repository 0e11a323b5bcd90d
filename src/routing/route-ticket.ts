import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import { loadRoster, type RosterEntry } from '../coverage/roster.js';
import { markRouted } from '../coverage/roster-store.js';
import { isWorking, nextWorkStart } from '../coverage/working-intervals.js';
import { type Deps, inTransaction } from '../deps.js';
import { findOrganizationById } from '../people/index.js';
import { formatUtc } from '../platform/clock.js';
import { ticketChanged } from '../tickets/lifecycle.js';
import { countActiveTicketsOf, findTicket, type TicketRow, updateTicketRow } from '../tickets/ticket-store.js';
import { type Candidate, chooseAgent, neededSkills } from './choose-agent.js';

// Routing: a new or reopened ticket goes to an agent on shift now; never to someone off shift, on
// leave or on a public holiday. When nobody is on shift the ticket waits, unassigned, with the time
// the next shift starts (tickets.route_after), and the routing sweep picks it up then.

export interface Pick {
  agent?: RosterEntry;
  reason: string;
  /** nobody on shift: when the first of them comes back */
  nextStart?: Date;
}

export async function pickAgent(deps: Deps, ticket: TicketRow, options: { exclude?: string[] } = {}): Promise<Pick> {
  const now = deps.clock.now();
  const roster = await loadRoster(deps);
  const onShift = roster.filter((a) => !options.exclude?.includes(a.id) && isWorking(a, now));
  if (onShift.length === 0) {
    const starts = roster
      .filter((a) => !options.exclude?.includes(a.id) || roster.length === 1)
      .map((a) => ({ a, at: nextWorkStart(a, now) }))
      .filter((s): s is { a: RosterEntry; at: Date } => s.at !== undefined)
      .sort((x, y) => x.at.getTime() - y.at.getTime());
    const first = starts[0];
    return first
      ? {
          reason: `nobody is on shift; ${first.a.name}${first.a.region ? ` (${first.a.region})` : ''} starts first, at ${formatUtc(first.at)}`,
          nextStart: first.at,
        }
      : { reason: 'nobody on the roster has working hours in the next three weeks' };
  }
  const mode = deps.config.routing === 'round-robin' ? 'round-robin' : 'least-open';
  const counts =
    mode === 'least-open'
      ? await countActiveTicketsOf(
          deps.db,
          onShift.map((a) => a.id),
        )
      : new Map<string, number>();
  const organization = ticket.organizationId ? await findOrganizationById(deps.db, ticket.organizationId) : undefined;
  const candidates: Candidate[] = onShift.map((a) => ({
    id: a.id,
    email: a.email,
    name: a.name,
    region: a.region,
    skills: a.skills,
    openTickets: counts.get(a.id) ?? 0,
    lastRoutedAt: a.lastRoutedAt,
  }));
  const choice = chooseAgent(
    candidates,
    {
      skills: neededSkills(
        ticket.tags,
        roster.flatMap((a) => a.skills),
      ),
      preferredRegion: organization?.preferredRegion ?? null,
    },
    mode,
  );
  return {
    ...(choice.agent ? { agent: onShift.find((a) => a.id === choice.agent?.id) as RosterEntry } : {}),
    reason: choice.reason,
  };
}

/** Who routes: a ticket without an assignee that waits on us, unless routing is off. */
export function wantsRouting(deps: Deps, ticket: TicketRow): boolean {
  return deps.config.routing !== 'off' && !ticket.assigneeId && (ticket.status === 'new' || ticket.status === 'open');
}

/** The audit trail says why a ticket waits, and until when. */
export async function recordWaiting(deps: Deps, ticketId: number, pick: Pick): Promise<void> {
  await recordEvent(deps.db, {
    actor: SYSTEM,
    at: deps.clock.now(),
    action: 'ticket.routing-waiting',
    entityType: 'ticket',
    entityId: ticketId,
    ticketId,
    data: { reason: pick.reason, until: pick.nextStart?.toISOString() ?? null },
  });
}

/** Assigns the ticket, or leaves it waiting for the next shift; either way says why in the audit trail. */
export async function routeTicket(deps: Deps, ticketId: number) {
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, ticketId, { kind: 'all' }, { forUpdate: true });
    if (!ticket) return;
    if (ticket.assigneeId || (ticket.status !== 'new' && ticket.status !== 'open')) {
      if (ticket.routeAfter) await updateTicketRow(tx.db, ticket.id, { routeAfter: null });
      return;
    }
    const now = tx.clock.now();
    const pick = await pickAgent(tx, ticket);
    if (!pick.agent) {
      const until = pick.nextStart ?? null;
      await updateTicketRow(tx.db, ticket.id, { routeAfter: until });
      if ((ticket.routeAfter?.getTime() ?? null) !== (until?.getTime() ?? null))
        await recordWaiting(tx, ticket.id, pick);
      return;
    }
    const changed = await updateTicketRow(tx.db, ticket.id, {
      assigneeId: pick.agent.id,
      routeAfter: null,
      // routed, not chosen: it moves on when the assignee's day ends
      handOver: true,
      updatedAt: now,
    });
    await ticketChanged(tx, { kind: 'updated', before: ticket, ticket: changed }, (fields) =>
      updateTicketRow(tx.db, ticket.id, fields),
    );
    await markRouted(tx.db, pick.agent.id, now);
    pick.agent.lastRoutedAt = now; // the cached roster too, so round robin moves on at once
    await recordEvent(tx.db, {
      actor: SYSTEM,
      at: now,
      action: 'ticket.routed',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: {
        changes: { assignee: { from: null, to: pick.agent.id } },
        assignee: pick.agent.email,
        reason: pick.reason,
      },
    });
    return pick.agent;
  });
}
