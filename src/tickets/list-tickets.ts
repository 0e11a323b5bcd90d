import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { loadRoster } from '../coverage/roster.js';
import { isWorking } from '../coverage/working-intervals.js';
import type { Deps } from '../deps.js';
import { fieldFilterConditions } from '../fields/index.js';
import { findContactByEmail, findOrganizationNamed, isUuid, resolveAgent, resolveTeam } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/pagination.js';
import { presentTickets } from './present.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from './status-rules.js';
import { tickets } from './tables.js';
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
  /** an ISO date (that whole day, UTC) or instant; `…To` is inclusive of a date */
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** custom field values: field.deployment=self-managed */
  [field: `field.${string}`]: string | undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A bound of a date filter: a date means its start (from) or the start of the next day (to). */
function dateBound(value: string | undefined, field: string, end: boolean): Date | undefined {
  if (!value) return undefined;
  const at = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at.getTime()))
    throw new AppError('VALIDATION_FAILED', `${field} must be a date (2026-03-01) or an instant; got "${value}".`);
  if (end && DATE_ONLY.test(value)) at.setUTCDate(at.getUTCDate() + 1);
  return at;
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
    if (isUuid(query.organization)) filter.organizationId = query.organization;
    else {
      const organization = await findOrganizationNamed(deps.db, query.organization.trim());
      if (!organization) return null; // no organization by that name: nothing to list
      filter.organizationId = organization.id;
    }
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
  const dates = {
    createdFrom: dateBound(query.createdFrom, 'createdFrom', false),
    createdTo: dateBound(query.createdTo, 'createdTo', true),
    updatedFrom: dateBound(query.updatedFrom, 'updatedFrom', false),
    updatedTo: dateBound(query.updatedTo, 'updatedTo', true),
  };
  for (const [key, value] of Object.entries(dates)) if (value) filter[key as keyof typeof dates] = value;
  const fieldConditions = await fieldFilterConditions(deps, actor, query, sql`${tickets.id}`);
  if (fieldConditions.length > 0) filter.fieldConditions = fieldConditions;
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
