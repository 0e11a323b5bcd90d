import { pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../platform/columns.js';
import { providerLinkTable } from '../single-sign-on/tables.js';

/** An agent's account at a SAML identity provider: (the IdP's entity ID, NameID) is who they are there. */
export const samlLinks = providerLinkTable('saml_links');

/** An AuthnRequest no Response has answered yet, by its ID (a Response's InResponseTo). */
export const samlRequests = pgTable('saml_requests', {
  id: text('id').primaryKey(),
  /** the hash of the cookie of the browser that started the sign-in */
  browserHash: bytea('browser_hash').notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
});
