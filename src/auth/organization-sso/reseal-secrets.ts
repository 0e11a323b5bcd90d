import type { Reseal } from '../../platform/secret-key.js';
import { listSealedClientSecrets, updateSealedClientSecret } from './sso-store.js';

/** Organizations' client secrets sealed with a previous desk key, sealed again with the current one. */
export const resealOrganizationSsoSecrets: Reseal = async (db, secret) => {
  let count = 0;
  for (const row of await listSealedClientSecrets(db)) {
    if (!row.sealed || !secret.isStale(row.sealed)) continue;
    await updateSealedClientSecret(db, row.organizationId, secret.encrypt(secret.decrypt(row.sealed)));
    count++;
  }
  return count;
};
