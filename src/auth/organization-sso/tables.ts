import { boolean, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/columns.js';

/** An organization's own OpenID provider, for its contacts (migration 0036). */
export const organizationSso = pgTable('organization_sso', {
  organizationId: uuid('organization_id').primaryKey(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  /** sealed with the desk key; null for a public client (PKCE only) */
  clientSecretSealed: text('client_secret_sealed'),
  /** its contacts may not sign in by mailed link */
  required: boolean('required').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** A contact's account at their organization's provider: (organization, issuer, subject). */
export const organizationSsoLinks = pgTable(
  'organization_sso_links',
  {
    organizationId: uuid('organization_id').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    contactId: uuid('contact_id').notNull(),
    email: text('email').notNull(),
    createdAt: instant('created_at').notNull(),
    lastSignInAt: instant('last_sign_in_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.issuer, t.subject] })],
);
