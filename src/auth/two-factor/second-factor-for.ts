import type { Deps } from '../../deps.js';
import { hasPasskeys } from '../passkeys/passkey-second-factor.js';
import { issueChallenge, type SecondFactorMethod, type TwoFactorChallenge } from './challenge.js';
import { findTwoFactor } from './two-factor-store.js';

/**
 * Every first factor (a password, a one-time sign-in link, a mailed reset) asks this before it starts
 * a session: for an agent with an authenticator app or a passkey, the answer is a challenge, and only
 * the second step (completeTwoFactorSignIn) starts the session.
 */
export async function secondFactorFor(deps: Deps, agentId: string): Promise<TwoFactorChallenge | undefined> {
  const methods: SecondFactorMethod[] = [];
  if ((await findTwoFactor(deps.db, agentId))?.secretSealed) methods.push('totp', 'recovery');
  if (await hasPasskeys(deps, agentId)) methods.push('passkey');
  if (methods.length === 0) return undefined;
  return issueChallenge(deps, agentId, methods);
}

export async function hasSecondFactor(deps: Pick<Deps, 'db'>, agentId: string): Promise<boolean> {
  return Boolean((await findTwoFactor(deps.db, agentId))?.secretSealed) || (await hasPasskeys(deps, agentId));
}
