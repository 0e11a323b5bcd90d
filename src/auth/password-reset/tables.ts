import { pgTable, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../platform/columns.js';

// migrations/0027_two_factor.sql

export const passwordResetLinks = pgTable('password_reset_links', {
  tokenHash: bytea('token_hash').primaryKey(),
  agentId: uuid('agent_id').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});
