import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { findAgentById } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import { accessChanged } from '../access.js';
import { type Actor, requireAgent } from '../actor.js';
import { hasPasskeys } from '../passkeys/passkey-second-factor.js';
import { endAgentSessions } from '../sessions.js';
import { commitRefusal } from './check-second-factor.js';
import { changeWithProof, ownAgent, type Proof, refuseOwnFactors } from './own-agent.js';
import { isTwoFactorRequired } from './policy.js';
import { deleteTwoFactor, findTwoFactor } from './two-factor-store.js';

/**
 * The agent turns two-factor sign-in off, with their password or a current code. Where the desk
 * requires it they may move to a new authenticator, but not go without one. A setup not confirmed
 * yet is simply dropped.
 */
export async function turnOffTotp(deps: Deps, actor: Actor, proof: Proof): Promise<void> {
  const agent = await ownAgent(deps, actor);
  const row = await findTwoFactor(deps.db, agent.id);
  if (!row) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not turned on for you.');
  if (!row.secretSealed) {
    await deleteTwoFactor(deps.db, agent.id);
    return;
  }
  // where the desk requires a second factor, a passkey may be it
  if ((await isTwoFactorRequired(deps)) && !(await hasPasskeys(deps, agent.id))) {
    throw new AppError(
      'TWO_FACTOR_REQUIRED',
      'This desk requires two-factor sign-in: you can move to a new authenticator, but not turn it off.',
    );
  }
  const turnOff = async (tx: Deps) => {
    await deleteTwoFactor(tx.db, agent.id);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'agent.two-factor-disabled',
      entityType: 'agent',
      entityId: agent.id,
      data: { by: 'self' },
    });
    await accessChanged(tx, { agentId: agent.id });
  };
  await changeWithProof(deps, actor, agent, proof, turnOff);
}

/**
 * An admin turns off an agent's second factor (a lost phone and no recovery codes), and the agent is
 * signed out everywhere. Where the desk requires it, they set up a new one at their next sign-in.
 */
export async function resetAgentTotp(deps: Deps, actor: Actor, agentId: string): Promise<void> {
  refuseOwnFactors(requireAgent(actor, 'admin').agentId, agentId);
  const agent = await findAgentById(deps.db, agentId);
  if (!agent) throw new AppError('AGENT_NOT_FOUND', `No agent ${agentId}.`);
  await commitRefusal(deps, async (tx) => {
    const removed = await deleteTwoFactor(tx.db, agentId);
    if (!removed?.secretSealed) {
      return new AppError('TWO_FACTOR_NOT_ENABLED', `${agent.name} has no two-factor sign-in to turn off.`);
    }
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'agent.two-factor-disabled',
      entityType: 'agent',
      entityId: agentId,
      data: { by: 'admin' },
    });
    // a lost phone may be in someone's hands with a session open: every session of the agent ends
    await endAgentSessions(tx, agentId);
  });
}
