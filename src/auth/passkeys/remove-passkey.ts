import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { accessChanged } from '../access.js';
import { type Actor, requireAgent } from '../actor.js';
import { endAgentSessions } from '../sessions.js';
import { changeWithProof, ownAgent, type Proof, refuseOwnFactors } from '../two-factor/own-agent.js';
import { isTwoFactorRequired } from '../two-factor/policy.js';
import { findTwoFactor } from '../two-factor/two-factor-store.js';
import { countPasskeysOfAgent, deletePasskeyRow, findPasskeyOfAgent, type PasskeyRow } from './passkey-store.js';

/**
 * The agent removes one of their passkeys, proving it is them as for any change to a second factor.
 * Where the desk requires two-factor sign-in, the last second factor (no authenticator app, no other
 * passkey) stays.
 */
export async function removePasskey(deps: Deps, actor: Actor, id: string, proof: Proof): Promise<void> {
  const agent = await ownAgent(deps, actor);
  if (!(await findPasskeyOfAgent(deps.db, agent.id, id))) {
    throw new AppError('PASSKEY_NOT_FOUND', 'You have no such passkey.');
  }
  const remove = async (tx: Deps) => {
    if (
      (await isTwoFactorRequired(tx)) &&
      !(await findTwoFactor(tx.db, agent.id))?.secretSealed &&
      (await countPasskeysOfAgent(tx.db, agent.id)) <= 1
    ) {
      return new AppError(
        'TWO_FACTOR_REQUIRED',
        'This desk requires two-factor sign-in: add another passkey or an authenticator app before removing this one.',
      );
    }
    const removed = await deletePasskeyRow(tx.db, agent.id, id);
    if (!removed) return new AppError('PASSKEY_NOT_FOUND', 'You have no such passkey.');
    await recordRemoved(tx, actor, agent.id, removed, {});
    await accessChanged(tx, { agentId: agent.id });
    return undefined;
  };
  await changeWithProof(deps, actor, agent, proof, remove);
}

/**
 * An admin removes one of an agent's passkeys: a lost or stolen phone, a laptop handed back. No proof
 * from the agent (they may have nothing left to prove it with), and the agent is signed out everywhere;
 * where the desk requires two-factor sign-in and this was their last factor, they set up a new one at
 * their next sign-in.
 */
export async function removeAgentPasskey(deps: Deps, actor: Actor, agentId: string, id: string): Promise<void> {
  refuseOwnFactors(requireAgent(actor, 'admin').agentId, agentId);
  await inTransaction(deps, async (tx) => {
    const removed = await deletePasskeyRow(tx.db, agentId, id);
    if (!removed) throw new AppError('PASSKEY_NOT_FOUND', 'That agent has no such passkey.');
    await recordRemoved(tx, actor, agentId, removed, { by: 'admin' });
    // whoever holds the lost device may have signed in with it: every session of the agent ends
    await endAgentSessions(tx, agentId);
  });
}

async function recordRemoved(tx: Deps, actor: Actor, agentId: string, removed: PasskeyRow, extra: { by?: 'admin' }) {
  await recordEvent(tx.db, {
    actor,
    at: tx.clock.now(),
    action: 'agent.passkey-removed',
    entityType: 'agent',
    entityId: agentId,
    data: { passkey: removed.id, name: removed.name, ...extra },
  });
}
