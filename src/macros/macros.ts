import { recordEvent } from '../audit/index.js';
import { type Actor, type AgentActor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { resolveIssueUrl } from '../forges/link-issue.js';
import { findAgentsByIds, findTeamsByIds, isUuid, resolveAgent, resolveTeam } from '../people/index.js';
import { isUniqueViolation } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { normalizeTags } from '../tickets/open-ticket.js';
import {
  deleteMacroRow,
  findMacroRow,
  insertMacro,
  listMacroRows,
  type MacroRow,
  updateMacroRow,
} from './macro-store.js';
import { assertPlaceholdersKnown, PLACEHOLDERS } from './placeholders.js';
import type { MacroActions } from './tables.js';

export interface MacroInput {
  name: string;
  body?: string;
  internal?: boolean;
  actions?: MacroActions;
  /** shared with every agent (leads and admins) instead of personal */
  shared?: boolean;
}

/** Who may change a macro: its owner, or for a shared one a lead or admin. */
function mayEdit(actor: AgentActor, row: MacroRow): boolean {
  if (row.agentId === null) return actor.role !== 'agent';
  return row.agentId === actor.agentId;
}

/** Macros as the API shows them, with their actions also said in words (names, not ids). */
async function presentMacros(deps: Deps, actor: AgentActor, rows: MacroRow[]) {
  const ids = (pick: (a: MacroActions) => string | null | undefined) => [
    ...new Set(rows.map((r) => pick(r.actions)).filter((v): v is string => !!v && isUuid(v))),
  ];
  const agentNames = new Map(
    (
      await findAgentsByIds(
        deps.db,
        ids((a) => a.assignee),
      )
    ).map((a) => [a.id, a.name] as const),
  );
  const teamNames = new Map(
    (
      await findTeamsByIds(
        deps.db,
        ids((a) => a.team),
      )
    ).map((t) => [t.id, t.name] as const),
  );
  return rows.map((row) => {
    const a = row.actions;
    const summary: string[] = [];
    if (a.status) summary.push(`status ${a.status}`);
    if (a.priority) summary.push(`priority ${a.priority}`);
    if (a.addTags?.length) summary.push(`add tags ${a.addTags.join(', ')}`);
    if (a.removeTags?.length) summary.push(`remove tags ${a.removeTags.join(', ')}`);
    if (a.assignee === null) summary.push('unassign');
    else if (a.assignee === 'me') summary.push('assign to me');
    else if (a.assignee) summary.push(`assign to ${agentNames.get(a.assignee) ?? 'a removed agent'}`);
    if (a.team === null) summary.push('clear the team');
    else if (a.team) summary.push(`team ${teamNames.get(a.team) ?? 'a removed team'}`);
    if (a.linkIssueUrl) summary.push(`link ${a.linkIssueUrl}`);
    return {
      id: row.id,
      name: row.name,
      body: row.body,
      internal: row.internal,
      actions: a,
      summary,
      shared: row.agentId === null,
      editable: mayEdit(actor, row),
      usageCount: row.usageCount,
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

async function presentMacro(deps: Deps, actor: AgentActor, row: MacroRow) {
  return (await presentMacros(deps, actor, [row]))[0] as Awaited<ReturnType<typeof presentMacros>>[number];
}

export type MacroView = Awaited<ReturnType<typeof presentMacro>>;

/**
 * Actions as stored: tags normalized, agents and teams by id (a rename or new email keeps the
 * macro working), an issue address checked against the connected forges now rather than when applied.
 */
async function checkActions(deps: Deps, actions: MacroActions): Promise<MacroActions> {
  const out: MacroActions = {};
  if (actions.status !== undefined) out.status = actions.status;
  if (actions.priority !== undefined) out.priority = actions.priority;
  if (actions.addTags?.length) out.addTags = normalizeTags(actions.addTags);
  if (actions.removeTags?.length) out.removeTags = normalizeTags(actions.removeTags);
  const both = (out.addTags ?? []).filter((t) => out.removeTags?.includes(t));
  if (both.length) throw new AppError('VALIDATION_FAILED', `A macro cannot both add and remove ${both.join(', ')}.`);
  if (actions.assignee === null || actions.assignee === 'me') out.assignee = actions.assignee;
  else if (actions.assignee !== undefined) {
    const agent = await resolveAgent(deps, actions.assignee);
    if (!agent.active) throw new AppError('VALIDATION_FAILED', `${agent.email} is not an active agent.`);
    out.assignee = agent.id;
  }
  if (actions.team === null) out.team = null;
  else if (actions.team !== undefined) out.team = (await resolveTeam(deps, actions.team)).id;
  if (actions.linkIssueUrl?.trim()) {
    await resolveIssueUrl(deps, actions.linkIssueUrl);
    out.linkIssueUrl = actions.linkIssueUrl.trim();
  }
  return out;
}

function uniqueName<T>(promise: Promise<T>, name: string): Promise<T> {
  return promise.catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_EXISTS', `A macro named "${name}" already exists.`);
    throw err;
  });
}

export async function createMacro(deps: Deps, actor: Actor, input: MacroInput) {
  const agent = requireAgent(actor, input.shared ? 'lead' : 'agent');
  if (!input.shared && !agent.agentId) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A personal macro needs an agent signed in as themselves; make it shared instead.',
    );
  }
  const body = input.body ?? '';
  assertPlaceholdersKnown(body);
  const actions = await checkActions(deps, input.actions ?? {});
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const name = input.name.trim();
    const row = await uniqueName(
      insertMacro(tx.db, {
        agentId: input.shared ? null : agent.agentId,
        name,
        body,
        internal: input.internal ?? false,
        actions,
        createdAt: now,
        updatedAt: now,
      }),
      name,
    );
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'macro.created',
      entityType: 'macro',
      entityId: row.id,
      data: { name: row.name, shared: row.agentId === null },
    });
    return presentMacro(tx, agent, row);
  });
}

/** A macro the actor may see: a shared one, or their own; another agent's looks absent. */
export async function findVisibleMacro(deps: Deps, actor: Actor, id: string): Promise<MacroRow> {
  const agent = requireAgent(actor);
  const row = isUuid(id) ? await findMacroRow(deps.db, id) : undefined;
  if (!row || (row.agentId !== null && row.agentId !== agent.agentId)) {
    throw new AppError('MACRO_NOT_FOUND', `No macro ${id}.`);
  }
  return row;
}

async function findEditableMacro(deps: Deps, actor: Actor, id: string) {
  const row = await findVisibleMacro(deps, actor, id);
  if (row.agentId === null) requireAgent(actor, 'lead');
  return row;
}

export async function getMacro(deps: Deps, actor: Actor, id: string) {
  return presentMacro(deps, requireAgent(actor), await findVisibleMacro(deps, actor, id));
}

/** The placeholders a body may use, for the agents who write macros. */
export function listPlaceholders(actor: Actor) {
  requireAgent(actor);
  return Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name, description }));
}

export async function listMacros(deps: Deps, actor: Actor, query: { q?: string; limit: number }) {
  const agent = requireAgent(actor);
  return { items: await presentMacros(deps, agent, await listMacroRows(deps.db, agent.agentId, query)) };
}

export async function updateMacro(deps: Deps, actor: Actor, id: string, changes: Partial<MacroInput>) {
  const agent = requireAgent(actor);
  const before = await findEditableMacro(deps, actor, id);
  const toShared = changes.shared !== undefined && changes.shared !== (before.agentId === null);
  if (toShared) {
    // sharing a personal macro, or taking a shared one back as one's own, is a lead's call
    requireAgent(actor, 'lead');
    if (!changes.shared && !agent.agentId) {
      throw new AppError('VALIDATION_FAILED', 'A personal macro needs an agent signed in as themselves.');
    }
  }
  if (changes.body !== undefined) assertPlaceholdersKnown(changes.body);
  const actions = changes.actions !== undefined ? await checkActions(deps, changes.actions) : undefined;
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const name = changes.name?.trim();
    const row = await uniqueName(
      updateMacroRow(tx.db, id, {
        ...(name !== undefined ? { name } : {}),
        ...(changes.body !== undefined ? { body: changes.body } : {}),
        ...(changes.internal !== undefined ? { internal: changes.internal } : {}),
        ...(actions !== undefined ? { actions } : {}),
        ...(toShared ? { agentId: changes.shared ? null : agent.agentId } : {}),
        updatedAt: now,
      }),
      name ?? before.name,
    );
    if (!row) throw new AppError('MACRO_NOT_FOUND', `No macro ${id}.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'macro.updated',
      entityType: 'macro',
      entityId: id,
      data: {
        name: row.name,
        changed: Object.keys(changes).filter((k) => changes[k as keyof MacroInput] !== undefined),
      },
    });
    return presentMacro(tx, agent, row);
  });
}

export async function deleteMacro(deps: Deps, actor: Actor, id: string) {
  const row = await findEditableMacro(deps, actor, id);
  await inTransaction(deps, async (tx) => {
    await deleteMacroRow(tx.db, id);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'macro.deleted',
      entityType: 'macro',
      entityId: id,
      data: { name: row.name, shared: row.agentId === null },
    });
  });
}
