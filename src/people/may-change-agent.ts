import { type Actor, requireAgent } from '../auth/actor.js';
import { AppError } from '../platform/errors.js';
import type { AgentRole } from './tables.js';

// Who may change an agent, and which fields: the one rule behind the agents API, the roster
// import (API and CLI) and schedules. An admin adds agents, changes roles and (de)activates; an
// agent changes their own name and schedule; a lead keeps everyone's schedule (the roster).

/** The agent as it is now; undefined for an agent about to be added. */
export interface AgentBefore {
  id: string;
  role: AgentRole;
  active: boolean;
  name: string;
}

/** What a caller asks to set. Schedule fields count by being given; the others only when they differ. */
export interface AgentFieldChanges {
  role?: AgentRole;
  active?: boolean;
  name?: string;
  timeZone?: unknown;
  region?: unknown;
  country?: unknown;
  hours?: unknown;
  skills?: unknown;
  timeOff?: unknown;
  handOverDefault?: unknown;
}

const SCHEDULE = ['timeZone', 'region', 'country', 'hours', 'skills', 'timeOff', 'handOverDefault'] as const;

/** Throws FORBIDDEN when the actor may not make these changes; `where` prefixes the message. */
export function assertMayChangeAgent(
  actor: Actor,
  before: AgentBefore | undefined,
  changes: AgentFieldChanges,
  where = '',
): void {
  const who = requireAgent(actor);
  const refuse = (message: string): never => {
    throw new AppError('FORBIDDEN', `${where}${message}`);
  };
  const isAdmin = who.role === 'admin';
  if (!before) {
    if (!isAdmin) refuse('Adding an agent needs the admin role.');
    return;
  }
  const self = who.agentId !== null && who.agentId === before.id;
  if (changes.role !== undefined && changes.role !== before.role && !isAdmin)
    refuse(`Changing an agent’s role (${before.role} to ${changes.role}) needs the admin role.`);
  if (changes.active !== undefined && changes.active !== before.active && !isAdmin)
    refuse(`${changes.active ? 'Reactivating' : 'Deactivating'} an agent needs the admin role.`);
  if (changes.name !== undefined && changes.name !== before.name && !self && !isAdmin)
    refuse('Changing another agent’s name needs the admin role.');
  if (SCHEDULE.some((field) => changes[field] !== undefined) && !self && who.role === 'agent')
    refuse('Changing another agent’s schedule needs the lead role.');
}
