import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { assertTimeZone, resolveAgent } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { findTicket } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { presentSlots, typeFor } from './book-call.js';
import { listCallRows, listCallsOfTicket, listCallTypeRows } from './call-store.js';
import { presentCallType } from './call-types.js';
import { findSlots } from './find-slots.js';
import { presentCalls } from './present-call.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_MS = 92 * DAY_MS;
const CUSTOMER_DAYS = 14;

function rangeOf(deps: Deps, query: { from?: string; to?: string }, defaultDays: number) {
  const now = deps.clock.now().getTime();
  const from = query.from ? Date.parse(query.from) : now;
  const to = query.to ? Date.parse(query.to) : from + defaultDays * DAY_MS;
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) {
    throw new AppError('VALIDATION_FAILED', 'from and to must be ISO 8601 instants, from before to.');
  }
  if (to - from > MAX_RANGE_MS) throw new AppError('VALIDATION_FAILED', 'Ask for at most 92 days at once.');
  return { from: new Date(from), to: new Date(to) };
}

/** Calls in a range, of one agent ("me" for oneself) or all (agents see the team's calls). */
export async function listCalls(deps: Deps, actor: Actor, query: { from?: string; to?: string; agent?: string }) {
  const me = requireAgent(actor);
  const range = rangeOf(deps, query, 7);
  const agentId = query.agent
    ? query.agent === 'me'
      ? me.agentId
      : (await resolveAgent(deps, query.agent)).id
    : undefined;
  if (query.agent === 'me' && !agentId)
    throw new AppError('VALIDATION_FAILED', 'A role token has no calls of its own.');
  const rows = await listCallRows(deps.db, { ...range, ...(agentId ? { agentIds: [agentId] } : {}), limit: 1000 });
  return { items: await presentCalls(deps, rows) };
}

/** Per host over a range: calls, minutes on calls, no-shows (leads: who carries the calls). */
export async function callLoad(deps: Deps, actor: Actor, query: { from?: string; to?: string }) {
  requireAgent(actor, 'lead');
  const range = rangeOf(deps, query, 7);
  const rows = await listCallRows(deps.db, { ...range, statuses: ['booked', 'done', 'no-show'], limit: 10_000 });
  const views = await presentCalls(deps, rows);
  const byAgent = new Map<
    string,
    { agent: { email: string; name: string }; calls: number; minutes: number; noShows: number }
  >();
  for (const [i, row] of rows.entries()) {
    const view = views[i] as (typeof views)[number];
    const entry = byAgent.get(row.agentId) ?? { agent: view.agent, calls: 0, minutes: 0, noShows: 0 };
    entry.calls++;
    entry.minutes += Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
    if (row.status === 'no-show') entry.noShows++;
    byAgent.set(row.agentId, entry);
  }
  return { items: [...byAgent.values()].sort((a, b) => b.minutes - a.minutes) };
}

export async function listTicketCalls(deps: Deps, actor: Actor, number: number) {
  const ticket = await findTicket(deps.db, number, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const rows = await listCallsOfTicket(deps.db, ticket.id);
  return { items: await presentCalls(deps, rows, { forCustomer: actor.kind === 'contact' }) };
}

/** The call types this ticket's customer may book themselves (agents: every active one). */
export async function ticketCallTypes(deps: Deps, actor: Actor, number: number) {
  const ticket = await findTicket(deps.db, number, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const items = [];
  for (const row of await listCallTypeRows(deps.db, { activeOnly: true })) {
    try {
      await typeFor(deps, { actor }, ticket, row.id);
      items.push(presentCallType(row));
    } catch {
      // not for this customer's plan
    }
  }
  return { items };
}

export async function ticketCallSlots(
  deps: Deps,
  actor: Actor,
  number: number,
  query: { type: string; from?: string; to?: string; zone?: string },
) {
  const ticket = await findTicket(deps.db, number, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  if (query.zone) assertTimeZone(query.zone);
  const type = await typeFor(deps, { actor }, ticket, query.type);
  const range = rangeOf(deps, query, type.horizonDays);
  const customer = actor.kind === 'contact';
  // a customer's question is bounded to two weeks of slots: the work is per host and per day
  if (customer) range.to = new Date(Math.min(range.to.getTime(), range.from.getTime() + CUSTOMER_DAYS * DAY_MS));
  const slots = await findSlots(deps, type, ticket, range, { ignoreNotice: !customer });
  return { zone: query.zone ?? 'UTC', slots: presentSlots(slots, { forCustomer: customer }) };
}
