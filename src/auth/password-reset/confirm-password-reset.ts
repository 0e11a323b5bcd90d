import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import { findAgentById, presentAgent, updateAgentRow } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/secrets.js';
import { agentAsActor } from '../actor.js';
import { assertPasswordStrength, hashPassword } from '../passwords.js';
import { endAgentSessions, type SessionClient, startSession } from '../sessions.js';
import { isTwoFactorRequired } from '../two-factor/policy.js';
import { hasSecondFactor } from '../two-factor/second-factor-for.js';
import { deleteChallengesOfAgent } from '../two-factor/two-factor-store.js';
import {
  deletePendingPasswordResetLinks,
  findUsablePasswordResetLink,
  spendPasswordResetLink,
} from './password-reset-store.js';

const invalid = () =>
  new AppError('PASSWORD_RESET_LINK_INVALID', 'This link was used already or has expired: ask for a new one.');

/**
 * The mailed link sets a new password (the rules of /api/v1/me/password) and ends every session of
 * the agent, and every sign-in halfway through its second step. An agent without a second factor is
 * signed in; one with it is not: the mailbox is one factor, so they sign in with the new password and
 * a code.
 */
export async function confirmPasswordReset(
  deps: Deps,
  input: { token: string; password: string },
  client?: SessionClient,
) {
  if (!deps.config.passwordSignIn) {
    throw new AppError('PASSWORD_SIGN_IN_OFF', 'Password sign-in is turned off here: use single sign-on.');
  }
  assertPasswordStrength(input.password);
  const hash = hashSecret(input.token);
  // a made-up token costs no password hash
  if (!(await findUsablePasswordResetLink(deps.db, hash, deps.clock.now()))) throw invalid();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const link = await spendPasswordResetLink(tx.db, hash, now);
    if (!link) throw invalid();
    const agent = await findAgentById(tx.db, link.agentId);
    if (!agent?.active) throw invalid();
    await updateAgentRow(tx.db, agent.id, { passwordHash, updatedAt: now });
    await endAgentSessions(tx, agent.id);
    await deleteChallengesOfAgent(tx.db, agent.id);
    await deletePendingPasswordResetLinks(tx.db, agent.id);
    await recordEvent(tx.db, {
      actor: agentAsActor(agent),
      at: now,
      action: 'agent.password-reset-completed',
      entityType: 'agent',
      entityId: agent.id,
    });
    if (await hasSecondFactor(tx, agent.id)) return { agent: presentAgent(agent), session: undefined };
    return {
      agent: presentAgent(agent),
      session: await startSession(tx, { agent }, 'password', client, { after: 'password reset' }),
      // no second factor (as just checked): held to enrolment exactly where the desk requires one
      enrolmentRequired: await isTwoFactorRequired(tx),
    };
  });
}
