import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../platform/columns.js';

/** An agent's account at an OpenID provider: (issuer, subject) is who they are there. */
export const oidcLinks = pgTable(
  'oidc_links',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    agentId: uuid('agent_id').notNull(),
    email: text('email').notNull(),
    createdAt: instant('created_at').notNull(),
    lastSignInAt: instant('last_sign_in_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] })],
);

/** A sign-in in flight, found by the hash of its attempt cookie. */
export const oidcAttempts = pgTable('oidc_attempts', {
  idHash: bytea('id_hash').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
});
