import type { AgentRole } from '../people/tables.js';
import { AppError } from '../platform/errors.js';

/** Who is calling: an agent (by session or a role token), a contact (customer), or the desk itself. */
export type Actor = AgentActor | ContactActor | SystemActor;

export interface AgentActor {
  kind: 'agent';
  role: AgentRole;
  /** null for a token bound to a role rather than to a person */
  agentId: string | null;
  tokenId: string | null;
  name: string;
  /** a session held to setting up two-factor sign-in, which the desk requires (two-factor/policy.ts) */
  twoFactorEnrolmentRequired?: boolean;
  /** a token that may only read: GET and HEAD (http-auth.ts refuses the rest) */
  tokenScope?: 'read';
}

export interface ContactActor {
  kind: 'contact';
  contactId: string;
  email: string;
  name: string;
  organizationId: string | null;
  /** whether the contact's organization lets its contacts see each other's tickets */
  shareTickets: boolean;
  /** manages the organization's named contacts (shown in the portal; the actions read it afresh) */
  orgAdmin?: boolean;
  tokenId: string | null;
}

export interface SystemActor {
  kind: 'system';
  name: string;
}

export const SYSTEM: SystemActor = { kind: 'system', name: 'Pipefitter' };

/** An agent acting as themselves, in their own session (not a token): as a sign-in audits them. */
export function agentAsActor(agent: { id: string; role: AgentRole; name: string }): AgentActor {
  return { kind: 'agent', role: agent.role, agentId: agent.id, tokenId: null, name: agent.name };
}

const RANK: Record<AgentRole, number> = { agent: 1, lead: 2, admin: 3 };

export function requireAgent(actor: Actor, minimum: AgentRole = 'agent'): AgentActor {
  if (actor.kind === 'system') return { kind: 'agent', role: 'admin', agentId: null, tokenId: null, name: actor.name };
  if (actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'This needs an agent account.');
  if (RANK[actor.role] < RANK[minimum]) throw new AppError('FORBIDDEN', `This needs the ${minimum} role.`);
  return actor;
}

export function isAgentLike(actor: Actor): actor is AgentActor | SystemActor {
  return actor.kind !== 'contact';
}

/** How an actor is written into the audit trail. */
export function auditActor(actor: Actor): {
  kind: 'agent' | 'contact' | 'token' | 'system';
  id: string | null;
  name: string;
} {
  switch (actor.kind) {
    case 'agent':
      return actor.agentId
        ? { kind: 'agent', id: actor.agentId, name: actor.name }
        : { kind: 'token', id: actor.tokenId, name: actor.name };
    case 'contact':
      return { kind: 'contact', id: actor.contactId, name: actor.name };
    case 'system':
      return { kind: 'system', id: null, name: actor.name };
  }
}
