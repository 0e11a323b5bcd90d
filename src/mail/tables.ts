import { bigint, boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../platform/columns.js';

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
  inReplyTo: text('in_reply_to'),
  referencesIds: text('references_ids').array().notNull().default([]),
  replyTo: text('reply_to'),
  fromName: text('from_name'),
  failedAt: instant('failed_at'),
  attachments: jsonb('attachments').$type<OutboundAttachment[]>().notNull().default([]),
  calendar: jsonb('calendar').$type<OutboundCalendar | null>(),
});

/** A file an outbound mail carries: the blob it is stored in, read when the mail is sent. */
export interface OutboundAttachment {
  filename: string;
  contentType: string;
  /** hex SHA-256 of the stored blob */
  sha256: string;
  /** set for an image shown inline (cid:) in the HTML part */
  contentId: string | null;
}

/** An iCalendar invitation an outbound mail carries: sent as a text/calendar part with its method. */
export interface OutboundCalendar {
  method: 'REQUEST' | 'CANCEL';
  /** the whole VCALENDAR, METHOD included */
  content: string;
}

export const inboundMail = pgTable('inbound_mail', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  dedupeKey: text('dedupe_key').notNull(),
  rfcMessageId: text('rfc_message_id'),
  sha256: bytea('sha256').notNull(),
  raw: bytea('raw').notNull(),
  size: integer('size').notNull(),
  source: text('source').$type<InboundSource>().notNull(),
  mailboxId: uuid('mailbox_id'),
  envelopeFrom: text('envelope_from'),
  envelopeTo: text('envelope_to').array().notNull(),
  receivedAt: instant('received_at').notNull(),
  state: text('state').$type<InboundState>().notNull(),
  attempts: integer('attempts').notNull(),
  reason: text('reason'),
  ticketId: bigint('ticket_id', { mode: 'number' }),
  messageId: bigint('message_id', { mode: 'number' }),
  processedAt: instant('processed_at'),
  clientIp: text('client_ip'),
  clientHelo: text('client_helo'),
});
export type InboundSource = 'smtp' | 'imap' | 'http' | 'cli';
export type InboundState = 'received' | 'processed' | 'ignored' | 'rejected' | 'quarantined';

export const messageMail = pgTable('message_mail', {
  messageId: bigint('message_id', { mode: 'number' }).primaryKey(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  direction: text('direction').$type<'in' | 'out'>().notNull(),
  inboundMailId: bigint('inbound_mail_id', { mode: 'number' }),
  rfcMessageId: text('rfc_message_id'),
  inReplyTo: text('in_reply_to'),
  referencesIds: text('references_ids').array().notNull(),
  threadIndexRoot: text('thread_index_root'),
  fromAddress: text('from_address'),
  fromName: text('from_name'),
  toAddresses: text('to_addresses').array().notNull(),
  ccAddresses: text('cc_addresses').array().notNull(),
  subject: text('subject'),
  threadReason: text('thread_reason').notNull(),
  machineReason: text('machine_reason'),
  fullText: text('full_text'),
  fullHtml: text('full_html'),
  senderAuth: text('sender_auth').$type<'pass' | 'fail' | 'none'>(),
  senderAuthDetail: text('sender_auth_detail'),
});

export const mailSuppressions = pgTable('mail_suppressions', {
  address: text('address').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const imapMailboxes = pgTable('imap_mailboxes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  secure: boolean('secure').notNull(),
  username: text('username').notNull(),
  passwordEncrypted: text('password_encrypted').notNull(),
  folder: text('folder').notNull(),
  afterStore: text('after_store').$type<'seen' | 'move'>().notNull(),
  moveTo: text('move_to'),
  enabled: boolean('enabled').notNull(),
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
  lockedBy: text('locked_by'),
  lockedUntil: instant('locked_until'),
  lastPolledAt: instant('last_polled_at'),
  lastError: text('last_error'),
  createdAt: instant('created_at').notNull(),
});
