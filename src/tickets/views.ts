import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { isUuid } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { listTickets, resolveTicketFilter, type TicketQuery } from './list-tickets.js';
import { deleteViewRow, findViewRow, insertView, listViewRows, type TicketSort, type ViewRow } from './ticket-store.js';

export interface ViewInput {
  name: string;
  filters: TicketQuery;
  sort?: TicketSort;
  /** shared with every agent (needs the lead role) instead of personal */
  shared?: boolean;
}

function presentView(row: ViewRow) {
  return {
    id: row.id,
    name: row.name,
    filters: row.filters as TicketQuery,
    sort: row.sort as TicketSort,
    shared: row.agentId === null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createView(deps: Deps, actor: Actor, input: ViewInput) {
  const agent = requireAgent(actor, input.shared ? 'lead' : 'agent');
  if (!input.shared && !agent.agentId) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A personal view needs an agent signed in as themselves; make it shared instead.',
    );
  }
  await resolveTicketFilter(deps, actor, input.filters); // refuse a filter that could never run
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertView(tx.db, {
      agentId: input.shared ? null : agent.agentId,
      name: input.name.trim(),
      filters: { ...input.filters },
      sort: input.sort ?? '-updated',
      createdAt: now,
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'view.created',
      entityType: 'view',
      entityId: row.id,
      data: { name: row.name },
    });
    return presentView(row);
  });
}

export async function listViews(deps: Deps, actor: Actor) {
  const agent = requireAgent(actor);
  return (await listViewRows(deps.db, agent.agentId)).map(presentView);
}

async function findVisibleView(deps: Deps, actor: Actor, id: string) {
  const agent = requireAgent(actor);
  const row = isUuid(id) ? await findViewRow(deps.db, id) : undefined;
  if (!row || (row.agentId !== null && row.agentId !== agent.agentId))
    throw new AppError('VIEW_NOT_FOUND', `No view ${id}.`);
  return row;
}

export async function deleteView(deps: Deps, actor: Actor, id: string) {
  const row = await findVisibleView(deps, actor, id);
  if (row.agentId === null) requireAgent(actor, 'lead');
  await inTransaction(deps, async (tx) => {
    await deleteViewRow(tx.db, id);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'view.deleted',
      entityType: 'view',
      entityId: id,
      data: { name: row.name },
    });
  });
}

export async function listViewTickets(deps: Deps, actor: Actor, id: string, query: { cursor?: string; limit: number }) {
  const row = await findVisibleView(deps, actor, id);
  return listTickets(deps, actor, { ...(row.filters as TicketQuery), sort: row.sort as TicketSort, ...query });
}
