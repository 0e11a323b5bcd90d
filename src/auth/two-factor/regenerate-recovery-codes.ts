import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../actor.js';
import { commitRefusal } from './check-second-factor.js';
import { codeProves, ownAgent } from './own-agent.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import { replaceRecoveryCodes } from './two-factor-store.js';

/** New recovery codes for a current code; the old ones stop working. Shown once. */
export async function regenerateRecoveryCodes(
  deps: Deps,
  actor: Actor,
  input: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  const agent = await ownAgent(deps, actor);
  return commitRefusal(deps, async (tx) => {
    const refusal = await codeProves(tx, actor, agent, input.code);
    if (refusal) return refusal;
    const now = tx.clock.now();
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(tx.db, agent.id, recoveryCodes.map(recoveryCodeHash), now);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'agent.recovery-codes-regenerated',
      entityType: 'agent',
      entityId: agent.id,
    });
    return { recoveryCodes };
  });
}
