import type { Actor } from '../auth/actor.js';
import { loadRoster } from '../coverage/roster.js';
import { isWorking } from '../coverage/working-intervals.js';
import type { Deps } from '../deps.js';
import { findContactByEmail, isUuid, resolveAgent, resolveTeam } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/pagination.js';
import { presentTickets } from './present.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from './status-rules.js';
import { countTickets, listTicketRows, type TicketFilter, type TicketSort } from './ticket-store.js';
import { visibilityOf } from './visibility.js';

/** The query a ticket list (or a saved view) takes; all values are strings as they come in a URL. */
export interface TicketQuery {
  status?: string;
  priority?: string;
  assignee?: string;
  team?: string;
  organization?: string;
  requester?: string;
  tag?: string;
  q?: string;
}

export const TICKET_SORTS: TicketSort[] = [
  'updated',
  '-updated',
  'created',
  '-created',
  'number',
  '-number',
  'priority',
  '-priority',
];

function splitList<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} must be one or more of ${allowed.join(', ')} (comma-separated); got ${bad.join(', ')}.`,
    );
  }
  return items as T[];
}

/** Turns URL filters into store filters: `assignee=me|none|on-shift|<id>|<email>`, `team=none|<id>|<name>`, … */
export async function resolveTicketFilter(deps: Deps, actor: Actor, query: TicketQuery): Promise<TicketFilter | null> {
  if (actor.kind === 'contact') {
    const internal = (['assignee', 'team', 'tag'] as const).filter((k) => query[k] !== undefined);
    if (internal.length > 0)
      throw new AppError('FIELD_NOT_ALLOWED', `Customers cannot filter by ${internal.join(', ')}.`);
  }
  const filter: TicketFilter = {};
  const statuses = splitList<TicketStatus>(query.status, TICKET_STATUSES, 'status');
  if (statuses) filter.statuses = statuses;
  const priorities = splitList<TicketPriority>(query.priority, TICKET_PRIORITIES, 'priority');
  if (priorities) filter.priorities = priorities;
  if (query.assignee === 'none') filter.assigneeId = null;
  else if (query.assignee === 'on-shift') {
    // the people at work right now, by the roster: the follow-the-sun team's live workload
    const now = deps.clock.now();
    filter.assigneeIds = (await loadRoster(deps)).filter((a) => isWorking(a, now)).map((a) => a.id);
  } else if (query.assignee === 'me') {
    if (actor.kind !== 'agent' || !actor.agentId)
      throw new AppError('VALIDATION_FAILED', 'assignee=me needs an agent signed in as themselves.');
    filter.assigneeId = actor.agentId;
  } else if (query.assignee) {
    // an id needs no lookup (an unknown one lists nothing); an email is looked up
    filter.assigneeId = isUuid(query.assignee) ? query.assignee : (await resolveAgent(deps, query.assignee)).id;
  }
  if (query.team === 'none') filter.teamId = null;
  else if (query.team) filter.teamId = (await resolveTeam(deps, query.team)).id;
  if (query.organization) {
    if (!isUuid(query.organization))
      throw new AppError('VALIDATION_FAILED', 'organization must be an organization id.');
    filter.organizationId = query.organization;
  }
  if (query.requester) {
    if (isUuid(query.requester)) filter.requesterId = query.requester;
    else {
      const contact = await findContactByEmail(deps.db, query.requester);
      if (!contact) return null; // nobody by that address: nothing to list
      filter.requesterId = contact.id;
    }
  }
  if (query.tag)
    filter.tags = query.tag
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean);
  if (query.q?.trim()) filter.q = query.q.trim();
  return filter;
}

export async function listTickets(
  deps: Deps,
  actor: Actor,
  query: TicketQuery & { sort?: TicketSort; cursor?: string; limit: number },
) {
  const filter = await resolveTicketFilter(deps, actor, query);
  if (!filter) return { items: [], nextCursor: null };
  const sort = query.sort ?? '-updated';
  const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
  const rows = await listTicketRows(deps.db, filter, visibilityOf(actor), sort, after, query.limit);
  const page = toPage(
    rows,
    query.limit,
    (row) => [sort.endsWith('updated') ? row.cursorUpdatedAt : sort.endsWith('priority') ? row.priority : null, row.id],
    (row) => row,
  );
  return { items: await presentTickets(deps, actor, page.items, { withCcs: false }), nextCursor: page.nextCursor };
}

export async function countTicketsMatching(deps: Deps, actor: Actor, query: TicketQuery) {
  const filter = await resolveTicketFilter(deps, actor, query);
  return { count: filter ? await countTickets(deps.db, filter, visibilityOf(actor)) : 0 };
}
