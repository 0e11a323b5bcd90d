import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { presentTickets } from '../tickets/present.js';
import { findTicket, listTicketRowsBySlaDue } from '../tickets/ticket-store.js';
import { isLive } from './clock-rules.js';
import { loadPolicies, pickPolicy, presentPolicy } from './policies.js';
import { listBreachRows, listSlaEvents, loadClockRows } from './sla-store.js';
import { planOf } from './track.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** GET /tickets/{n}/sla: the policy, each clock and every step that moved it, in order. */
export async function slaTimeline(deps: Deps, actor: Actor, number: number) {
  requireAgent(actor);
  const ticket = await findTicket(deps.db, number, { kind: 'all' });
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const [clocks, events, policies] = await Promise.all([
    loadClockRows(deps.db, ticket.id),
    listSlaEvents(deps.db, ticket.id),
    loadPolicies(deps),
  ]);
  const policy = pickPolicy(policies, ticket.priority, await planOf(deps, ticket, policies));
  return {
    ticket: ticket.id,
    priority: ticket.priority,
    dueAt: iso(ticket.slaDueAt),
    policy: policy ? presentPolicy(policy) : null,
    clocks: [...clocks.values()].map((c) => ({
      metric: c.metric,
      state: c.state,
      live: isLive(c),
      targetMinutes: c.targetMinutes,
      businessHours: c.businessHours,
      startedAt: c.startedAt.toISOString(),
      usedMinutes: Math.round(c.consumedMinutes * 100) / 100,
      dueAt: iso(c.dueAt),
      warnAt: iso(c.warnAt),
      breachedAt: iso(c.breachedAt),
      stoppedAt: iso(c.stoppedAt),
    })),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      metric: e.metric,
      kind: e.kind,
      dueAt: iso(e.dueAt),
      detail: e.detail,
    })),
  };
}

export async function nextBreaches(deps: Deps, actor: Actor, limit: number) {
  requireAgent(actor);
  const rows = await listTicketRowsBySlaDue(deps.db, limit);
  return { items: await presentTickets(deps, actor, rows, { withCcs: false }) };
}

export async function listBreaches(deps: Deps, actor: Actor, query: { since?: string; limit: number }) {
  requireAgent(actor);
  const since = query.since ? new Date(query.since) : new Date(deps.clock.now().getTime() - 30 * 86_400_000);
  if (Number.isNaN(since.getTime())) throw new AppError('VALIDATION_FAILED', 'since must be an ISO 8601 instant.');
  const rows = await listBreachRows(deps.db, since, query.limit);
  return {
    items: rows.map((r) => ({
      ticket: r.ticketId,
      metric: r.metric,
      dueAt: iso(r.dueAt),
      at: r.at.toISOString(),
      detail: r.detail,
    })),
  };
}
