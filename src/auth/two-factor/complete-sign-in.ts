import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { findAgentById, presentAgent } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import { agentAsActor, SYSTEM } from '../actor.js';
import {
  checkPasskeyFactor,
  type PasskeyFactor,
  passkeyRefusal,
  recordPasskeyUsed,
} from '../passkeys/passkey-second-factor.js';
import { type SessionClient, startSession } from '../sessions.js';
import { CHALLENGE_TRIES, readChallenge } from './challenge.js';
import { checkSecondFactor, commitRefusal, refusalOf, type SecondFactor } from './check-second-factor.js';
import {
  countRecoveryCodesLeft,
  failChallenge,
  findOpenChallenge,
  findTwoFactor,
  spendChallenge,
} from './two-factor-store.js';

const invalid = () =>
  new AppError(
    'TWO_FACTOR_CHALLENGE_INVALID',
    'This sign-in has expired or had too many wrong codes: sign in again with your password.',
  );

/**
 * The second step of a sign-in: the challenge from the first and a code (or a recovery code, or a
 * passkey's assertion for a ceremony started with this challenge). A right
 * one starts the session, as a password alone does for an agent without an authenticator. Each wrong
 * one is counted on the challenge (CHALLENGE_TRIES, then the password again) and on the agent, and
 * audited as a failed sign-in; a recovery code is spent, and the audit says so.
 */
export async function completeTwoFactorSignIn(
  deps: Deps,
  input: { challenge: string; factor: SecondFactor | PasskeyFactor; ip: string; client?: SessionClient },
) {
  const claims = readChallenge(deps, input.challenge);
  if (!claims) throw invalid();
  return commitRefusal(deps, async (tx) => {
    const now = tx.clock.now();
    // one answer at a time per agent: tries on one challenge, racing, cannot outnumber its limit
    await findTwoFactor(tx.db, claims.agentId, { forUpdate: true });
    const challenge = await findOpenChallenge(tx.db, claims.challengeId, claims.agentId, now, CHALLENGE_TRIES);
    if (!challenge) return invalid();
    const agent = await findAgentById(tx.db, claims.agentId);
    if (!agent?.active) return invalid();
    const factor = input.factor;
    const outcome =
      'passkey' in factor
        ? await checkPasskeyFactor(tx, {
            agentId: agent.id,
            twoFactorChallengeId: challenge.id,
            factor: factor.passkey,
          })
        : await checkSecondFactor(tx, agent.id, factor);
    const method = 'passkey' in factor ? 'passkey' : 'code' in factor ? 'totp' : 'recovery';
    if (!outcome.ok) {
      const failures = await failChallenge(tx.db, challenge.id);
      await recordEvent(tx.db, {
        actor: SYSTEM,
        at: now,
        action: 'agent.sign-in-failed',
        entityType: 'agent',
        entityId: agent.id,
        data: { step: 'second-factor', method, reason: outcome.reason, ip: input.ip },
      });
      if (outcome.reason === 'not-enabled') return invalid();
      const refusal = 'passkey' in factor ? passkeyRefusal() : refusalOf(outcome as Parameters<typeof refusalOf>[0]);
      const left = CHALLENGE_TRIES - failures;
      return outcome.reason === 'locked' || left > 0
        ? refusal
        : new AppError(
            'TWO_FACTOR_CHALLENGE_INVALID',
            `${refusal.message} That was the last try: sign in again with your password.`,
          );
    }
    // two requests racing with one challenge: the code may be right for both, the session is for one
    if (!(await spendChallenge(tx.db, challenge.id, now))) return invalid();
    const actor = agentAsActor(agent);
    if (outcome.method === 'passkey') await recordPasskeyUsed(tx, actor, outcome.passkeyId, input.ip);
    if (outcome.method === 'recovery') {
      await recordEvent(tx.db, {
        actor,
        at: now,
        action: 'agent.recovery-code-used',
        entityType: 'agent',
        entityId: agent.id,
        data: { codesLeft: await countRecoveryCodesLeft(tx.db, agent.id), ip: input.ip },
      });
    }
    const session = await startSession(tx, { agent }, 'password', input.client, {
      secondFactor: outcome.method,
    });
    return { session, agent: presentAgent(agent), method: outcome.method };
  });
}
