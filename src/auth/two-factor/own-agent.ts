import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { type AgentRow, findAgentById } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../actor.js';
import { verifyPassword } from '../passwords.js';
import { checkSecondFactor, commitRefusal, refusalOf } from './check-second-factor.js';

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

function proofMissing(): AppError {
  return new AppError('SIGN_IN_FAILED', 'Give your current password, or a code from your authenticator app.');
}

/**
 * A change to the agent's ways in, made once they have proved it is them: the password (checked before
 * the transaction), else a current code (checked in the change's transaction, a wrong one counted even
 * though the change is refused). beforeCode runs only on the code's path, for what a code alone must
 * not unlock. The change returns its refusal rather than throwing it, as for commitRefusal.
 */
export async function changeWithProof<T>(
  deps: Deps,
  actor: Actor,
  agent: AgentRow,
  proof: Proof,
  change: (tx: Deps) => Promise<T | AppError>,
  beforeCode?: () => Promise<void>,
): Promise<T> {
  if (await passwordProves(agent, proof)) return commitRefusal(deps, change);
  const code = proof.code;
  if (!code) throw proofMissing();
  await beforeCode?.();
  return commitRefusal(deps, async (tx) => (await codeProves(tx, actor, agent, code)) ?? change(tx));
}

/** An admin's own second factors change on their account page, with proof, not through the admin's help. */
export function refuseOwnFactors(adminAgentId: string | null, agentId: string): void {
  if (adminAgentId === agentId) {
    throw new AppError('FORBIDDEN', 'Change your own second factors on your account page (your name, top right).');
  }
}
