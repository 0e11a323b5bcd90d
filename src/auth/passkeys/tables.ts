import { bigint, boolean, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../platform/columns.js';

// migrations/0032_passkeys.sql

export const agentPasskeys = pgTable('agent_passkeys', {
  id: uuid('id').primaryKey(),
  agentId: uuid('agent_id').notNull(),
  /** base64url, as the browser names it */
  credentialId: text('credential_id').notNull(),
  /** COSE-encoded */
  publicKey: bytea('public_key').notNull(),
  /** the signature counter last seen (0 for authenticators that keep none) */
  counter: bigint('counter', { mode: 'number' }).notNull().default(0),
  transports: text('transports').array().notNull().default([]),
  deviceType: text('device_type').$type<'singleDevice' | 'multiDevice'>().notNull(),
  backedUp: boolean('backed_up').notNull(),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull(),
  lastUsedAt: instant('last_used_at'),
});

export type PasskeyPurpose = 'register' | 'sign-in' | 'second-factor';

export const passkeyChallenges = pgTable('passkey_challenges', {
  id: uuid('id').primaryKey(),
  /** base64url, as sent in the options */
  challenge: text('challenge').notNull(),
  purpose: text('purpose').$type<PasskeyPurpose>().notNull(),
  agentId: uuid('agent_id'),
  /** a registration: the hash of the session that asked */
  sessionHash: bytea('session_hash'),
  /** a second factor: the password step's challenge it answers */
  twoFactorChallengeId: uuid('two_factor_challenge_id'),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});
