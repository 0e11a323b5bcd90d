import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findTeamsByIds, isUuid, listTeamIdsOf, resolveTeam } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { listTickets, resolveTicketFilter, type TicketQuery } from './list-tickets.js';
import { deleteViewRow, findViewRow, insertView, listViewRows, type TicketSort, type ViewRow } from './ticket-store.js';

export interface ViewInput {
  name: string;
  filters: TicketQuery;
  sort?: TicketSort;
  /** shared with every agent (needs the lead role) instead of personal */
  shared?: boolean;
  /** shared with one team (id or name): its members see it; a member or a lead shares it */
  team?: string;
}

async function presentViews(deps: Deps, rows: ViewRow[]) {
  const teamIds = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  const teams = new Map((await findTeamsByIds(deps.db, teamIds)).map((t) => [t.id, { id: t.id, name: t.name }]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    filters: row.filters as TicketQuery,
    sort: row.sort as TicketSort,
    shared: row.agentId === null,
    scope: row.agentId !== null ? ('personal' as const) : row.teamId ? ('team' as const) : ('everyone' as const),
    team: row.teamId ? (teams.get(row.teamId) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** A team view is shared by its members and by leads. */
async function mayShareWith(deps: Deps, actor: Actor, teamId: string) {
  const agent = requireAgent(actor);
  if (agent.role !== 'agent') return;
  if (!agent.agentId || !(await listTeamIdsOf(deps.db, agent.agentId)).includes(teamId))
    throw new AppError('FORBIDDEN', 'Only its members (or a lead) share a view with a team.');
}

export async function createView(deps: Deps, actor: Actor, input: ViewInput) {
  const agent = requireAgent(actor, input.shared && !input.team ? 'lead' : 'agent');
  const team = input.team ? await resolveTeam(deps, input.team) : null;
  if (team) await mayShareWith(deps, actor, team.id);
  if (!input.shared && !team && !agent.agentId) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A personal view needs an agent signed in as themselves; make it shared instead.',
    );
  }
  await resolveTicketFilter(deps, actor, input.filters); // refuse a filter that could never run
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertView(tx.db, {
      agentId: input.shared || team ? null : agent.agentId,
      teamId: team?.id ?? null,
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
      data: { name: row.name, ...(team ? { team: team.name } : {}) },
    });
    return (await presentViews(tx, [row]))[0] as Awaited<ReturnType<typeof presentViews>>[number];
  });
}

export async function listViews(deps: Deps, actor: Actor) {
  const agent = requireAgent(actor);
  const teamIds = agent.agentId ? await listTeamIdsOf(deps.db, agent.agentId) : [];
  return presentViews(deps, await listViewRows(deps.db, agent.agentId, teamIds));
}

async function findVisibleView(deps: Deps, actor: Actor, id: string) {
  const agent = requireAgent(actor);
  const row = isUuid(id) ? await findViewRow(deps.db, id) : undefined;
  const teamIds = row?.teamId && agent.agentId ? await listTeamIdsOf(deps.db, agent.agentId) : [];
  const visible =
    row &&
    (row.agentId !== null
      ? row.agentId === agent.agentId
      : // a lead may see (and remove) any team's view; an agent sees their teams'
        row.teamId === null || agent.role !== 'agent' || teamIds.includes(row.teamId));
  if (!row || !visible) throw new AppError('VIEW_NOT_FOUND', `No view ${id}.`);
  return row;
}

export async function deleteView(deps: Deps, actor: Actor, id: string) {
  const row = await findVisibleView(deps, actor, id);
  if (row.agentId === null && row.teamId === null) requireAgent(actor, 'lead');
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
