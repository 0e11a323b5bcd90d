import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../actor.js';
import { ownAgent } from '../two-factor/own-agent.js';
import { renamePasskeyRow } from './passkey-store.js';
import { presentPasskey } from './present-passkey.js';

/** A new name for one of the agent's own passkeys (another agent's is simply not found). */
export async function renamePasskey(deps: Deps, actor: Actor, id: string, name: string) {
  const agent = await ownAgent(deps, actor);
  const row = await renamePasskeyRow(deps.db, agent.id, id, name.trim());
  if (!row) throw new AppError('PASSKEY_NOT_FOUND', 'You have no such passkey.');
  return presentPasskey(row);
}
