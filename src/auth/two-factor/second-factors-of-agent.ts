import type { Deps } from '../../deps.js';
import { findAgentById } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, requireAgent } from '../actor.js';
import { listPasskeysOfAgent } from '../passkeys/passkey-store.js';
import { presentPasskey } from '../passkeys/present-passkey.js';
import { findTwoFactor } from './two-factor-store.js';

/**
 * What an admin sees of an agent's second factors, to help one who lost a device: whether an
 * authenticator app is set up, and their passkeys by name. Never a secret or a key.
 */
export async function secondFactorsOfAgent(deps: Deps, actor: Actor, agentId: string) {
  requireAgent(actor, 'admin');
  const agent = await findAgentById(deps.db, agentId);
  if (!agent) throw new AppError('AGENT_NOT_FOUND', `No agent ${agentId}.`);
  const [totp, passkeys] = await Promise.all([findTwoFactor(deps.db, agentId), listPasskeysOfAgent(deps.db, agentId)]);
  return {
    authenticatorApp: {
      enabled: Boolean(totp?.secretSealed),
      enabledAt: totp?.secretSealed ? (totp.enabledAt?.toISOString() ?? null) : null,
    },
    passkeys: passkeys.map(presentPasskey),
  };
}
