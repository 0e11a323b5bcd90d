import { bigint, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

export const auditEvents = pgTable('audit_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  at: instant('at').notNull(),
  actorKind: text('actor_kind').$type<'agent' | 'contact' | 'token' | 'system'>().notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  ticketId: bigint('ticket_id', { mode: 'number' }),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
});
