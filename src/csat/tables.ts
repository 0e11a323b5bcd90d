import { bigint, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

// The csat module owns this table (migrations/0020_csat.sql): one row per solve of a ticket.

export const CSAT_RATINGS = ['good', 'bad'] as const;
export type CsatRating = (typeof CSAT_RATINGS)[number];

export const csatRatings = pgTable('csat_ratings', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  /** the solve it rates */
  solvedAt: instant('solved_at').notNull(),
  /** the assignee, team and organization when the ticket was solved */
  agentId: uuid('agent_id'),
  teamId: uuid('team_id'),
  organizationId: uuid('organization_id'),
  requesterId: uuid('requester_id').notNull(),
  rating: text('rating').$type<CsatRating>(),
  comment: text('comment'),
  createdAt: instant('created_at').notNull(),
  /** the mail with the rating links was queued */
  askedAt: instant('asked_at'),
  /** first given; reports count a rating then */
  ratedAt: instant('rated_at'),
  changedAt: instant('changed_at'),
});
export type CsatRow = typeof csatRatings.$inferSelect;
