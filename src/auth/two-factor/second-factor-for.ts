import type { Deps } from '../../deps.js';
import { issueChallenge, type TwoFactorChallenge } from './challenge.js';
import { findTwoFactor } from './two-factor-store.js';

/**
 * Every first factor (a password, a one-time sign-in link, a mailed reset) asks this before it starts
 * a session: for an agent with an authenticator, the answer is a challenge, and only the second step
 * (completeTwoFactorSignIn) starts the session.
 */
export async function secondFactorFor(deps: Deps, agentId: string): Promise<TwoFactorChallenge | undefined> {
  const row = await findTwoFactor(deps.db, agentId);
  if (!row?.secretSealed) return undefined;
  return issueChallenge(deps, agentId);
}

export async function hasSecondFactor(deps: Deps, agentId: string): Promise<boolean> {
  return Boolean((await findTwoFactor(deps.db, agentId))?.secretSealed);
}
