import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { findAgentById, presentAgent } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import { agentAsActor, SYSTEM } from '../actor.js';
import { type SessionClient, startSession } from '../sessions.js';
import { commitRefusal } from '../two-factor/check-second-factor.js';
import { type PasskeyRow, spendPasskeyChallenge } from './passkey-store.js';
import { REASONS, verifyAssertion } from './verify-assertion.js';

const refused = () =>
  new AppError('PASSKEY_REFUSED', 'That passkey did not sign you in. Try again, or sign in another way.');

/**
 * The answer to startPasskeySignIn: the kept challenge (once, unexpired), a passkey we know signing it
 * with the user verified, and an active agent behind it. A full session, audited as a passkey sign-in.
 * PASSWORD_SIGN_IN=false does not stop it: a passkey is not a password.
 */
export async function signInWithPasskey(
  deps: Deps,
  input: { attempt: string; response: AuthenticationResponseJSON; client?: SessionClient },
) {
  return commitRefusal(deps, async (tx) => {
    const now = tx.clock.now();
    const kept = await spendPasskeyChallenge(tx.db, input.attempt, 'sign-in', now);
    if (!kept) {
      return new AppError('PASSKEY_CHALLENGE_INVALID', 'This passkey sign-in has expired or was used: start again.');
    }
    const outcome = await verifyAssertion(tx, {
      response: input.response,
      challenge: kept.challenge,
      requireUserVerification: true,
    });
    const ip = input.client?.ip ?? null;
    const recordFailure = (passkey: PasskeyRow, reason: string) =>
      recordEvent(tx.db, {
        actor: SYSTEM,
        at: now,
        action: 'agent.sign-in-failed',
        entityType: 'agent',
        entityId: passkey.agentId,
        data: { method: 'passkey', passkey: passkey.id, reason, ip },
      });
    if (!outcome.ok) {
      // a passkey we never knew (or removed) names no agent: only the rate limit sees it
      if (outcome.passkey) await recordFailure(outcome.passkey, REASONS[outcome.reason]);
      return refused();
    }
    const agent = await findAgentById(tx.db, outcome.passkey.agentId);
    if (!agent?.active) {
      await recordFailure(outcome.passkey, 'agent deactivated');
      return new AppError('SIGN_IN_FAILED', 'This passkey does not belong to an active agent.');
    }
    await recordEvent(tx.db, {
      actor: agentAsActor(agent),
      at: now,
      action: 'agent.passkey-used',
      entityType: 'agent',
      entityId: agent.id,
      data: { passkey: outcome.passkey.id, name: outcome.passkey.name, as: 'sign-in', ip },
    });
    const session = await startSession(tx, { agent }, 'passkey', input.client, {
      passkey: outcome.passkey.id,
    });
    return { session, agent: presentAgent(agent) };
  });
}
