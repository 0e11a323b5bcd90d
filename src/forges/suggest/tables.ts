import { bigint, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/columns.js';

export const ticketSignatures = pgTable('ticket_signatures', {
  ticketId: bigint('ticket_id', { mode: 'number' }).primaryKey(),
  organizationId: uuid('organization_id'),
  keys: text('keys').array().notNull(),
  versions: text('versions').array().notNull(),
  ticketCreatedAt: instant('ticket_created_at').notNull(),
  computedAt: instant('computed_at').notNull(),
  /** SIGNATURE_READER when it was worked out: an older reading is done again */
  reader: smallint('reader').notNull(),
});

// issue_evidence (migration 0038) is read and written in SQL only (suggest-store.ts): its tsvector has no
// Drizzle column type, and nothing else touches it.

export const suggestionDismissals = pgTable(
  'suggestion_dismissals',
  {
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    url: text('url').notNull(),
    dismissedBy: text('dismissed_by').notNull(),
    dismissedAt: instant('dismissed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.url] })],
);

export const forgeSearches = pgTable(
  'forge_searches',
  {
    forgeId: uuid('forge_id').notNull(),
    projectRef: text('project_ref').notNull(),
    query: text('query').notNull(),
    hits: jsonb('hits').notNull(),
    fetchedAt: instant('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.forgeId, t.projectRef, t.query] })],
);

export const forgeSearchPauses = pgTable('forge_search_pauses', {
  forgeId: uuid('forge_id').primaryKey(),
  pausedUntil: instant('paused_until').notNull(),
});

export const issueDemand = pgTable(
  'issue_demand',
  {
    forgeIssueId: uuid('forge_issue_id').notNull(),
    party: text('party').notNull(),
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    askedAt: instant('asked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.forgeIssueId, t.party] })],
);
