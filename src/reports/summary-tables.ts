import { date, pgTable, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

// The reports module owns this table (migrations/0022_weekly_summary.sql): leads who asked for the
// weekly summary by mail.

export const weeklySummarySubscriptions = pgTable('weekly_summary_subscriptions', {
  agentId: uuid('agent_id').primaryKey(),
  createdAt: instant('created_at').notNull(),
  /** the Monday (YYYY-MM-DD, the lead's zone) of the last week summarised */
  lastWeek: date('last_week', { mode: 'string' }),
});
export type WeeklySummarySubscriptionRow = typeof weeklySummarySubscriptions.$inferSelect;
