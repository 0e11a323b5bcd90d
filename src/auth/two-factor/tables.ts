import { bigint, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../platform/columns.js';

// migrations/0027_two_factor.sql

export const agentTwoFactor = pgTable('agent_two_factor', {
  agentId: uuid('agent_id').primaryKey(),
  /** the confirmed secret, sealed with the desk key; null until the first code confirms it */
  secretSealed: text('secret_sealed'),
  enabledAt: instant('enabled_at'),
  /** a new secret waiting for its first code (a first enrolment, or a new phone) */
  pendingSecretSealed: text('pending_secret_sealed'),
  pendingAt: instant('pending_at'),
  /** the last time step a code was accepted for: each code is good once */
  lastStep: bigint('last_step', { mode: 'number' }),
  failures: integer('failures').notNull().default(0),
  failuresSince: instant('failures_since'),
  updatedAt: instant('updated_at').notNull(),
});

export const agentRecoveryCodes = pgTable('agent_recovery_codes', {
  agentId: uuid('agent_id').notNull(),
  codeHash: bytea('code_hash').notNull(),
  createdAt: instant('created_at').notNull(),
  usedAt: instant('used_at'),
});

export const twoFactorChallenges = pgTable('two_factor_challenges', {
  id: uuid('id').primaryKey(),
  agentId: uuid('agent_id').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  failures: integer('failures').notNull().default(0),
  usedAt: instant('used_at'),
});
