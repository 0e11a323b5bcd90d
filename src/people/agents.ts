import { IANAZone } from 'luxon';
import { recordEvent } from '../audit/index.js';
import { accessChanged } from '../auth/access.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { endAgentSessions } from '../auth/sessions.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/pagination.js';
import { assertMayChangeAgent } from './may-change-agent.js';
import {
  type AgentRow,
  findAgentByEmail,
  findAgentById,
  insertAgent,
  listAgentRows,
  lockActiveAdmins,
  updateAgentRow,
} from './people-store.js';
import { presentAgent } from './present.js';
import type { AgentRole } from './tables.js';

export interface AgentInput {
  email: string;
  name: string;
  role: AgentRole;
  timeZone: string;
  region?: string | null;
  passwordHash?: string | null;
  /** roster fields; unset, the column defaults (Mon–Fri 09:00–17:00, no country, no skills) */
  country?: string | null;
  hours?: Record<string, string>;
  skills?: string[];
}

export function assertTimeZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone)) {
    throw new AppError('VALIDATION_FAILED', `"${timeZone}" is not an IANA time zone (e.g. Europe/Lisbon).`);
  }
}

/** Creates an agent; used by the API and by `pipefitter admin create`. */
export async function createAgent(deps: Deps, actor: Actor, input: AgentInput): Promise<AgentRow> {
  assertMayChangeAgent(actor, undefined, input);
  assertTimeZone(input.timeZone);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertAgent(tx.db, {
      email: input.email.toLowerCase(),
      name: input.name.trim(),
      role: input.role,
      timeZone: input.timeZone,
      region: input.region ?? null,
      passwordHash: input.passwordHash ?? null,
      ...(input.country !== undefined ? { country: input.country } : {}),
      ...(input.hours !== undefined ? { hours: input.hours } : {}),
      ...(input.skills !== undefined ? { skills: input.skills } : {}),
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', `An agent with the email ${input.email} already exists.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'agent.created',
      entityType: 'agent',
      entityId: row.id,
      data: { email: row.email, role: row.role, timeZone: row.timeZone, region: row.region },
    });
    return row;
  });
}

export interface AgentChanges {
  name?: string;
  role?: AgentRole;
  timeZone?: string;
  region?: string | null;
  active?: boolean;
}

export async function updateAgent(deps: Deps, actor: Actor, id: string, changes: AgentChanges) {
  requireAgent(actor);
  if (changes.timeZone) assertTimeZone(changes.timeZone);
  return inTransaction(deps, async (tx) => {
    const before = await findAgentById(tx.db, id);
    if (!before) throw new AppError('AGENT_NOT_FOUND', `No agent ${id}.`);
    assertMayChangeAgent(actor, before, changes);
    if (changes.active === false && before.active && actor.kind === 'agent' && actor.agentId === id) {
      throw new AppError('FORBIDDEN', 'You cannot deactivate yourself: another admin can.');
    }
    // the desk keeps an admin who can sign in: nobody else can add agents, set roles or reactivate anyone
    const losesAdmin =
      before.role === 'admin' &&
      before.active &&
      ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
    if (losesAdmin && (await lockActiveAdmins(tx.db)).every((admin) => admin === id)) {
      throw new AppError(
        'LAST_ADMIN',
        `${before.name} is the desk's last active admin: make someone else an admin first.`,
      );
    }
    const now = tx.clock.now();
    const row = (await updateAgentRow(tx.db, id, { ...changes, updatedAt: now })) as AgentRow;
    // a deactivated agent's sessions end for good (coming back means signing in again); a new role
    // applies at once, not when the cached credential runs out
    if (before.active && !row.active) await endAgentSessions(tx, id);
    else if (before.role !== row.role) await accessChanged(tx, { agentId: id });
    const changed = agentChanges(before, row);
    if (Object.keys(changed).length > 0) {
      await recordEvent(tx.db, {
        actor,
        at: now,
        action: 'agent.updated',
        entityType: 'agent',
        entityId: id,
        data: { changes: changed },
      });
    }
    return presentAgent(row);
  });
}

const AUDITED = ['name', 'role', 'timeZone', 'region', 'active'] as const;

/** What an update changed, as { field: { from, to } } for the audit trail. */
function agentChanges(
  before: Pick<AgentRow, (typeof AUDITED)[number]>,
  after: Pick<AgentRow, (typeof AUDITED)[number]>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of AUDITED) {
    if (before[field] !== after[field]) out[field] = { from: before[field], to: after[field] };
  }
  return out;
}

export async function getAgent(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor);
  const row = await findAgentById(deps.db, id);
  if (!row) throw new AppError('AGENT_NOT_FOUND', `No agent ${id}.`);
  return presentAgent(row);
}

export async function listAgents(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string; role?: AgentRole; region?: string; limit: number },
) {
  requireAgent(actor);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await listAgentRows(deps.db, {
    limit: query.limit,
    ...(after !== undefined ? { after } : {}),
    ...(query.role ? { role: query.role } : {}),
    ...(query.region ? { region: query.region } : {}),
  });
  return toPage(rows, query.limit, (row) => [row.email], presentAgent);
}

/** An agent by id or email, for fields such as a ticket's assignee. */
export async function resolveAgent(deps: Deps, ref: string): Promise<AgentRow> {
  const row = ref.includes('@') ? await findAgentByEmail(deps.db, ref) : await findAgentByIdSafe(deps, ref);
  if (!row) throw new AppError('AGENT_NOT_FOUND', `No agent ${ref}.`);
  return row;
}

async function findAgentByIdSafe(deps: Deps, id: string) {
  return isUuid(id) ? findAgentById(deps.db, id) : undefined;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
