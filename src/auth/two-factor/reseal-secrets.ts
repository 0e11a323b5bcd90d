import type { Reseal } from '../../platform/secret-key.js';
import { listSealedSecrets, updateSealedSecrets } from './two-factor-store.js';

/** Authenticator secrets (confirmed and pending) sealed with a previous desk key, sealed again with the current one. */
export const resealTwoFactorSecrets: Reseal = async (db, secret) => {
  let count = 0;
  for (const row of await listSealedSecrets(db)) {
    const stale = (sealed: string | null) => sealed !== null && secret.isStale(sealed);
    if (!stale(row.secretSealed) && !stale(row.pendingSecretSealed)) continue;
    const reseal = (sealed: string | null) => (sealed === null ? null : secret.encrypt(secret.decrypt(sealed)));
    await updateSealedSecrets(db, row.agentId, {
      secretSealed: reseal(row.secretSealed),
      pendingSecretSealed: reseal(row.pendingSecretSealed),
    });
    count++;
  }
  return count;
};
