import { bigint, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

// The on-call rotation is apart from the roster: 24/7, a shift of a fixed length each, in order.
export const oncallMembers = pgTable('oncall_members', {
  position: integer('position').primaryKey(),
  agentId: uuid('agent_id').notNull(),
});

export const pages = pgTable('pages', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  agentId: uuid('agent_id').notNull(),
  /** 0 for whoever is on call, 1 for the next person, … */
  level: integer('level').notNull(),
  reason: text('reason').notNull(),
  pagedAt: instant('paged_at').notNull(),
  acknowledgedAt: instant('acknowledged_at'),
  escalatedAt: instant('escalated_at'),
});
export type PageRow = typeof pages.$inferSelect;
