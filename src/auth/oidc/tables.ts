import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../platform/columns.js';
import { providerLinkTable } from '../single-sign-on/tables.js';

/** An agent's account at an OpenID provider: (issuer, subject) is who they are there. */
export const oidcLinks = providerLinkTable('oidc_links');

/** A sign-in in flight, found by the hash of its attempt cookie. */
export const oidcAttempts = pgTable('oidc_attempts', {
  idHash: bytea('id_hash').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull(),
  /** an organization's contacts' sign-in (organization-sso/); null for agents' */
  organizationId: uuid('organization_id'),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
});
