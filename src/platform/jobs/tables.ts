import { bigint, integer, jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { instant } from '../columns.js';

export const jobs = pgTable('jobs', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  payload: jsonb('payload').notNull(),
  key: text('key'),
  state: text('state').$type<'queued' | 'running' | 'done' | 'dead'>().notNull(),
  runAt: instant('run_at').notNull(),
  priority: smallint('priority').notNull().default(5),
  attempts: integer('attempts').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  lockedBy: text('locked_by'),
  lockedUntil: instant('locked_until'),
  lastError: text('last_error'),
  createdAt: instant('created_at').notNull(),
  finishedAt: instant('finished_at'),
});

export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  nextRunAt: instant('next_run_at').notNull(),
});
