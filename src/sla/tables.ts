import { bigint, boolean, doublePrecision, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';
import { ticketPriority } from '../tickets/tables.js';

export const slaPolicies = pgTable('sla_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  priority: ticketPriority('priority'),
  plan: text('plan'),
  firstReplyMinutes: integer('first_reply_minutes'),
  nextReplyMinutes: integer('next_reply_minutes'),
  periodicUpdateMinutes: integer('periodic_update_minutes'),
  resolutionMinutes: integer('resolution_minutes'),
  businessHours: boolean('business_hours').notNull(),
  pauseOnHold: boolean('pause_on_hold').notNull(),
  createdAt: instant('created_at').notNull(),
});

export type Metric = 'first-reply' | 'next-reply' | 'periodic-update' | 'resolution';
export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export const slaClocks = pgTable(
  'sla_clocks',
  {
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    metric: text('metric').$type<Metric>().notNull(),
    state: text('state').$type<ClockState>().notNull(),
    targetMinutes: integer('target_minutes').notNull(),
    businessHours: boolean('business_hours').notNull(),
    startedAt: instant('started_at').notNull(),
    consumedMinutes: doublePrecision('consumed_minutes').notNull(),
    runStartedAt: instant('run_started_at'),
    dueAt: instant('due_at'),
    warnAt: instant('warn_at'),
    warnedAt: instant('warned_at'),
    breachedAt: instant('breached_at'),
    stoppedAt: instant('stopped_at'),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.metric] })],
);

export const slaEvents = pgTable('sla_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  metric: text('metric').notNull(),
  kind: text('kind').$type<'start' | 'pause' | 'resume' | 'stop' | 'warn' | 'breach' | 'recompute'>().notNull(),
  at: instant('at').notNull(),
  dueAt: instant('due_at'),
  detail: text('detail').notNull(),
});
