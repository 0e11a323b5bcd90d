import { eq, like } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';

// desk_settings: small desk-wide values (the coverage target, the on-call rotation, notice templates,
// the key check) as text under a key. This file is the only code that touches the table; each
// module reads and writes its own keys through it.

const deskSettings = pgTable('desk_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.select().from(deskSettings).where(eq(deskSettings.key, key)))[0]?.value;
}

/** Every setting whose key starts with the prefix, as key → value. */
export async function readSettings(db: Db, prefix: string): Promise<Map<string, string>> {
  const rows = await db
    .select()
    .from(deskSettings)
    .where(like(deskSettings.key, `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insert(deskSettings).values({ key, value }).onConflictDoUpdate({ target: deskSettings.key, set: { value } });
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.delete(deskSettings).where(eq(deskSettings.key, key));
}
