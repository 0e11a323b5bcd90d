import { bigint, boolean, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

export const NOTIFICATION_KINDS = ['assigned', 'customer-reply', 'mention', 'sla', 'call', 'csat'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notifications = pgTable('notifications', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  agentId: uuid('agent_id').notNull(),
  kind: text('kind').$type<NotificationKind>().notNull(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  messageId: bigint('message_id', { mode: 'number' }),
  actorName: text('actor_name'),
  title: text('title').notNull(),
  excerpt: text('excerpt').notNull(),
  createdAt: instant('created_at').notNull(),
  readAt: instant('read_at'),
});

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    agentId: uuid('agent_id').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.kind] })],
);
