import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { type AgentRow, findAgentById } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../actor.js';
import { verifyPassword } from '../passwords.js';
import { checkSecondFactor, refusalOf } from './check-second-factor.js';

/** The agent changing their own second factor: a person, signed in as themselves. */
export async function ownAgent(deps: Deps, actor: Actor): Promise<AgentRow> {
  if (actor.kind !== 'agent' || !actor.agentId) {
    throw new AppError('FORBIDDEN', 'Two-factor sign-in is set by an agent signed in as themselves.');
  }
  const agent = await findAgentById(deps.db, actor.agentId);
  if (!agent) throw new AppError('AGENT_NOT_FOUND', 'Your agent account no longer exists.');
  return agent;
}

export interface Proof {
  password?: string | undefined;
  code?: string | undefined;
}

/**
 * Before a session changes the second factor it has, the person proves it is them again (a session
 * left open on someone's desk must not be enough): the current password, checked before any
 * transaction (it takes a hashing thread's time).
 */
export async function passwordProves(agent: AgentRow, proof: Proof): Promise<boolean> {
  return Boolean(proof.password && agent.passwordHash && (await verifyPassword(agent.passwordHash, proof.password)));
}

/**
 * …or a current code, checked inside the caller's transaction (commitRefusal): undefined when it is
 * right, else the refusal, with the wrong code counted and audited.
 */
export async function codeProves(tx: Deps, actor: Actor, agent: AgentRow, code: string): Promise<AppError | undefined> {
  const outcome = await checkSecondFactor(tx, agent.id, { code });
  if (outcome.ok) return undefined;
  if (outcome.reason !== 'not-enabled') {
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'agent.second-factor-failed',
      entityType: 'agent',
      entityId: agent.id,
      data: { method: 'totp', reason: outcome.reason },
    });
  }
  return refusalOf(outcome);
}

export function proofMissing(): AppError {
  return new AppError('SIGN_IN_FAILED', 'Give your current password, or a code from your authenticator app.');
}
