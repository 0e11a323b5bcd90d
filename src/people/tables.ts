import { boolean, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../platform/columns.js';

export const agentRole = pgEnum('agent_role', ['agent', 'lead', 'admin']);
export type AgentRole = (typeof agentRole.enumValues)[number];

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  plan: text('plan').notNull(),
  shareTickets: boolean('share_tickets').notNull(),
  preferredRegion: text('preferred_region'),
  /** agents only: what the desk should know about this customer (a lead writes it) */
  notes: text('notes'),
  /** an agent's exception to the plan's named-contact limit (PLAN_CONTACT_LIMITS); null: the plan's */
  namedContactLimit: integer('named_contact_limit'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** the mail domains an organization owns: one organization each */
export const organizationDomains = pgTable('organization_domains', {
  domain: text('domain').primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name'),
  organizationId: uuid('organization_id'),
  supportContact: boolean('support_contact').notNull(),
  /** manages the organization's named contacts in the portal; always a named contact itself */
  orgAdmin: boolean('org_admin').notNull().default(false),
  /** agents only: what the desk should know about this person (a lead writes it) */
  notes: text('notes'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** lets a customer's CI job push its named-contact list (PUT /organizations/{id}/named-contacts), nothing else */
export const namedContactSyncTokens = pgTable('named_contact_sync_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull(),
  name: text('name').notNull(),
  tokenHash: bytea('token_hash').notNull(),
  prefix: text('prefix').notNull(),
  createdByContactId: uuid('created_by_contact_id'),
  createdAt: instant('created_at').notNull(),
  revokedAt: instant('revoked_at'),
  lastUsedAt: instant('last_used_at'),
  expiresAt: instant('expires_at').notNull(),
});

export const agents = pgTable('agents', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: agentRole('role').notNull(),
  timeZone: text('time_zone').notNull(),
  region: text('region'),
  passwordHash: text('password_hash'),
  active: boolean('active').notNull(),
  /** weekly hours in the agent's own zone, e.g. { mon: "09:00-17:00" } */
  hours: jsonb('hours').$type<Record<string, string>>().notNull().default({}),
  country: text('country'),
  skills: text('skills').array().notNull().default([]),
  lastRoutedAt: instant('last_routed_at'),
  /** "hand over when my day ends": tickets assigned to them by hand move at handover too */
  handOverDefault: boolean('hand_over_default').notNull().default(false),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id').notNull(),
    agentId: uuid('agent_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentId] })],
);
