import { eq } from 'drizzle-orm';
import type { Reseal } from '../platform/secret-key.js';
import { forges } from './tables.js';

/** Forge tokens and webhook secrets sealed with a previous desk key, sealed again with the current one. */
export const resealForgeCredentials: Reseal = async (db, secret) => {
  const rows = await db
    .select({ id: forges.id, token: forges.tokenEncrypted, webhookSecret: forges.webhookSecretEncrypted })
    .from(forges);
  let count = 0;
  for (const row of rows.filter((r) => secret.isStale(r.token) || secret.isStale(r.webhookSecret))) {
    await db
      .update(forges)
      .set({
        tokenEncrypted: secret.encrypt(secret.decrypt(row.token)),
        webhookSecretEncrypted: secret.encrypt(secret.decrypt(row.webhookSecret)),
      })
      .where(eq(forges.id, row.id));
    count++;
  }
  return count;
};
