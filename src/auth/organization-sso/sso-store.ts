import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { organizationSso, organizationSsoLinks } from './tables.js';

export type OrganizationSsoRow = typeof organizationSso.$inferSelect;

export async function findOrganizationSso(db: Db, organizationId: string): Promise<OrganizationSsoRow | undefined> {
  return (await db.select().from(organizationSso).where(eq(organizationSso.organizationId, organizationId)))[0];
}

export async function upsertOrganizationSso(db: Db, values: OrganizationSsoRow) {
  const { organizationId, createdAt, ...changes } = values;
  await db
    .insert(organizationSso)
    .values(values)
    .onConflictDoUpdate({ target: organizationSso.organizationId, set: changes });
}

export async function deleteOrganizationSso(db: Db, organizationId: string) {
  return (await db.delete(organizationSso).where(eq(organizationSso.organizationId, organizationId)).returning())[0];
}

/** Every sealed client secret, for `secret rotate`. */
export async function listSealedClientSecrets(db: Db) {
  return db
    .select({ organizationId: organizationSso.organizationId, sealed: organizationSso.clientSecretSealed })
    .from(organizationSso)
    .where(isNotNull(organizationSso.clientSecretSealed));
}

export async function updateSealedClientSecret(db: Db, organizationId: string, sealed: string) {
  await db
    .update(organizationSso)
    .set({ clientSecretSealed: sealed })
    .where(eq(organizationSso.organizationId, organizationId));
}

/** A contact's account at an organization's issuer: by the provider's subject, or by the contact. */
type LinkKey = { organizationId: string; issuer: string } & ({ subject: string } | { contactId: string });

function linkIs(key: LinkKey) {
  return and(
    eq(organizationSsoLinks.organizationId, key.organizationId),
    eq(organizationSsoLinks.issuer, key.issuer),
    'subject' in key
      ? eq(organizationSsoLinks.subject, key.subject)
      : eq(organizationSsoLinks.contactId, key.contactId),
  );
}

export async function findSsoLink(db: Db, key: LinkKey) {
  return (await db.select().from(organizationSsoLinks).where(linkIs(key)))[0];
}

export async function insertSsoLink(db: Db, values: typeof organizationSsoLinks.$inferInsert) {
  await db.insert(organizationSsoLinks).values(values);
}

export async function touchSsoLink(
  db: Db,
  key: { organizationId: string; issuer: string; subject: string },
  values: { email: string; at: Date },
) {
  await db.update(organizationSsoLinks).set({ email: values.email, lastSignInAt: values.at }).where(linkIs(key));
}
