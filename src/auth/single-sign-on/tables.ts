import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/columns.js';

/**
 * An agent's account at an identity provider: (issuer, subject) is who they are there. OpenID
 * Connect (oidc_links) and SAML (saml_links) each keep a table of this shape.
 */
export function providerLinkTable(name: string) {
  return pgTable(
    name,
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
}

export type ProviderLinkTable = ReturnType<typeof providerLinkTable>;
