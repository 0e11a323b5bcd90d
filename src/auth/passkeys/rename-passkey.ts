import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../actor.js';
import { ownAgent } from '../two-factor/own-agent.js';
import { findPasskeyOfAgent, renamePasskeyRow } from './passkey-store.js';
import { presentPasskey } from './present-passkey.js';

/**
 * A new name for one of the agent's own passkeys (another agent's is simply not found). Audited: the
 * name is what the agent and an admin go by when one is lost and must be removed.
 */
export async function renamePasskey(deps: Deps, actor: Actor, id: string, name: string) {
  const agent = await ownAgent(deps, actor);
  return inTransaction(deps, async (tx) => {
    const before = await findPasskeyOfAgent(tx.db, agent.id, id);
    const row = before && (await renamePasskeyRow(tx.db, agent.id, id, name.trim()));
    if (!before || !row) throw new AppError('PASSKEY_NOT_FOUND', 'You have no such passkey.');
    if (before.name !== row.name) {
      await recordEvent(tx.db, {
        actor,
        at: tx.clock.now(),
        action: 'agent.passkey-renamed',
        entityType: 'agent',
        entityId: agent.id,
        data: { passkey: row.id, from: before.name, to: row.name },
      });
    }
    return presentPasskey(row);
  });
}
