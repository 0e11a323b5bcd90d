import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agentRole } from '../people/tables.js';
import { bytea, instant } from '../platform/columns.js';

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  tokenHash: bytea('token_hash').notNull(),
  prefix: text('prefix').notNull(),
  /** the role a token acts with; null for a contact's token, and for an agent's personal one (their role at each use) */
  role: agentRole('role'),
  agentId: uuid('agent_id'),
  contactId: uuid('contact_id'),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at'),
  revokedAt: instant('revoked_at'),
  lastUsedAt: instant('last_used_at'),
  /** 'read': GET and HEAD only (http-auth.ts); 'write': everything its holder may do */
  scope: text('scope').$type<'read' | 'write'>().notNull().default('write'),
});

export const sessions = pgTable('sessions', {
  idHash: bytea('id_hash').primaryKey(),
  agentId: uuid('agent_id'),
  contactId: uuid('contact_id'),
  csrfToken: text('csrf_token').notNull(),
  /** how the person proved who they are: password (with the desk's second factor), link, sso, or passkey alone */
  via: text('via').$type<'password' | 'link' | 'sso' | 'passkey'>().notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  /** how the API names the session (listing, ending one): never the secret or its hash */
  publicId: uuid('public_id').notNull().defaultRandom(),
  /** written at most once a minute (authenticate.ts) */
  lastSeenAt: instant('last_seen_at'),
  userAgent: text('user_agent'),
  ip: text('ip'),
});

export const signInLinks = pgTable('sign_in_links', {
  tokenHash: bytea('token_hash').primaryKey(),
  agentId: uuid('agent_id'),
  contactId: uuid('contact_id'),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});
