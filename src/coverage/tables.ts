import { date, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

export const timeOff = pgTable('time_off', {
  id: uuid('id').primaryKey().defaultRandom(),
  agentId: uuid('agent_id').notNull(),
  fromDate: date('from_date', { mode: 'string' }).notNull(),
  toDate: date('to_date', { mode: 'string' }).notNull(),
  reason: text('reason'),
  createdAt: instant('created_at').notNull(),
});
