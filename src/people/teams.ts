import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { isUuid } from './agents.js';
import {
  findAgentsByIds,
  findTeamById,
  findTeamByName,
  insertTeam,
  listTeamMemberRows,
  listTeamRows,
  replaceTeamMembers,
  type TeamRow,
} from './people-store.js';
import { presentTeam } from './present.js';

export async function createTeam(deps: Deps, actor: Actor, input: { name: string; memberIds?: string[] }) {
  requireAgent(actor, 'lead');
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertTeam(tx.db, { name: input.name.trim(), createdAt: now });
    if (!row) throw new AppError('ALREADY_EXISTS', `A team named "${input.name}" already exists.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'team.created',
      entityType: 'team',
      entityId: row.id,
      data: { name: row.name },
    });
    if (input.memberIds) return setMembers(tx, actor, row, input.memberIds);
    return presentTeam(row, []);
  });
}

export async function setTeamMembers(deps: Deps, actor: Actor, teamId: string, memberIds: string[]) {
  requireAgent(actor, 'lead');
  return inTransaction(deps, async (tx) => {
    const team = isUuid(teamId) ? await findTeamById(tx.db, teamId) : undefined;
    if (!team) throw new AppError('TEAM_NOT_FOUND', `No team ${teamId}.`);
    return setMembers(tx, actor, team, memberIds);
  });
}

async function setMembers(deps: Deps, actor: Actor, team: TeamRow, memberIds: string[]) {
  const unique = [...new Set(memberIds)];
  const found = await findAgentsByIds(deps.db, unique.filter(isUuid));
  const missing = unique.filter((id) => !found.some((a) => a.id === id));
  if (missing.length > 0) throw new AppError('AGENT_NOT_FOUND', `No agent ${missing.join(', ')}.`);
  await replaceTeamMembers(deps.db, team.id, unique);
  await recordEvent(deps.db, {
    actor,
    at: deps.clock.now(),
    action: 'team.members-set',
    entityType: 'team',
    entityId: team.id,
    data: { memberIds: unique },
  });
  return presentTeam(team, await listTeamMemberRows(deps.db, [team.id]));
}

export async function listTeams(deps: Deps, actor: Actor) {
  requireAgent(actor);
  const rows = await listTeamRows(deps.db);
  const members = await listTeamMemberRows(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    presentTeam(
      row,
      members.filter((m) => m.teamId === row.id),
    ),
  );
}

/** A team by id or name, for a ticket's team field. */
export async function resolveTeam(deps: Deps, ref: string): Promise<TeamRow> {
  const row = isUuid(ref) ? await findTeamById(deps.db, ref) : await findTeamByName(deps.db, ref);
  if (!row) throw new AppError('TEAM_NOT_FOUND', `No team ${ref}.`);
  return row;
}
