import type { Deps } from '../../deps.js';
import type { Actor } from '../actor.js';
import { ownAgent } from './own-agent.js';
import { isTwoFactorRequired } from './policy.js';
import { countRecoveryCodesLeft, findTwoFactor } from './two-factor-store.js';

/** What the agent's settings page shows about their second factor. */
export async function totpStatus(deps: Deps, actor: Actor) {
  const agent = await ownAgent(deps, actor);
  const row = await findTwoFactor(deps.db, agent.id);
  const enabled = Boolean(row?.secretSealed);
  return {
    enabled,
    enabledAt: row?.enabledAt?.toISOString() ?? null,
    /** a setup waits for its first code */
    pending: Boolean(row?.pendingSecretSealed),
    recoveryCodesLeft: enabled ? await countRecoveryCodesLeft(deps.db, agent.id) : 0,
    /** the desk requires two-factor sign-in of every agent */
    required: await isTwoFactorRequired(deps),
    /** whether the agent has a password to prove it is them with (else a code) */
    hasPassword: agent.passwordHash !== null,
  };
}
