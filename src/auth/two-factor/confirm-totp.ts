import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { accessChanged } from '../access.js';
import type { Actor } from '../actor.js';
import { commitRefusal, FAILURE_WINDOW_MS, isLocked, refusalOf } from './check-second-factor.js';
import { ownAgent } from './own-agent.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import { checkCode } from './totp.js';
import { confirmPendingSecret, findTwoFactor, recordFailure, replaceRecoveryCodes } from './two-factor-store.js';

/**
 * The first code from the new authenticator turns it on (or moves the agent to it). The recovery
 * codes are returned here, once; only their hashes are kept. A session held to enrolment is free
 * from the next request.
 */
export async function confirmTotp(
  deps: Deps,
  actor: Actor,
  input: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  const agent = await ownAgent(deps, actor);
  return commitRefusal(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await findTwoFactor(tx.db, agent.id, { forUpdate: true });
    if (!row?.pendingSecretSealed) {
      return new AppError('TWO_FACTOR_NOT_PENDING', 'Start setting up an authenticator first (POST /api/v1/me/totp).');
    }
    if (isLocked(row, now)) return refusalOf({ ok: false, reason: 'locked' });
    const check = checkCode({
      secret: tx.secret.decrypt(row.pendingSecretSealed),
      code: input.code,
      at: now,
      lastStep: null,
    });
    if (!check.ok) {
      await recordFailure(tx.db, agent.id, now, FAILURE_WINDOW_MS);
      return refusalOf(check);
    }
    if ((await confirmPendingSecret(tx.db, agent.id, row.pendingSecretSealed, check.step, now)) === 0) {
      return new AppError('TWO_FACTOR_NOT_PENDING', 'This setup was replaced by a newer one: use the newest QR code.');
    }
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(tx.db, agent.id, recoveryCodes.map(recoveryCodeHash), now);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'agent.two-factor-enrolled',
      entityType: 'agent',
      entityId: agent.id,
      data: { method: 'totp', replaced: row.secretSealed !== null },
    });
    await accessChanged(tx, { agentId: agent.id });
    return { recoveryCodes };
  });
}
