import { bigint, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

export const outboundMail = pgTable('outbound_mail', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: bigint('ticket_id', { mode: 'number' }),
  messageId: bigint('message_id', { mode: 'number' }),
  purpose: text('purpose').notNull(),
  toAddresses: text('to_addresses').array().notNull(),
  ccAddresses: text('cc_addresses').array().notNull(),
  subject: text('subject').notNull(),
  bodyText: text('body_text').notNull(),
  bodyHtml: text('body_html'),
  headers: jsonb('headers').$type<Record<string, string>>().notNull(),
  rfcMessageId: text('rfc_message_id').notNull(),
  state: text('state').$type<'queued' | 'sent' | 'failed'>().notNull(),
  attempts: integer('attempts').notNull(),
  lockedUntil: instant('locked_until'),
  lastError: text('last_error'),
  createdAt: instant('created_at').notNull(),
  sentAt: instant('sent_at'),
});
