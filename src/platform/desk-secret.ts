import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';

// One secret per desk, made by the migration that created desk_settings and shared by every
// process on the database: it signs reply tokens and Message-IDs and encrypts stored credentials.

export const deskSettings = pgTable('desk_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export async function loadDeskSecret(db: Db): Promise<DeskSecret> {
  const row = (await db.select().from(deskSettings).where(eq(deskSettings.key, 'secret')))[0];
  if (!row) throw new Error('desk_settings has no secret; run the migrations');
  return new DeskSecret(row.value);
}

export class DeskSecret {
  private readonly key: Buffer;
  /** a short public id of this desk, for loop-detection headers */
  readonly instanceId: string;

  constructor(secret: string) {
    this.key = createHash('sha256').update(secret).digest();
    this.instanceId = createHmac('sha256', this.key).update('instance').digest('hex').slice(0, 12);
  }

  /** a short HMAC of `data` for tokens people may see in addresses: lowercase hex, case-insensitive safe */
  sign(data: string, length = 10): string {
    return createHmac('sha256', this.key).update(data).digest('hex').slice(0, length);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}
