import { bigint, boolean, jsonb, pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';
import type { BundleResults } from './analyse/results.js';

// The diagnostics module owns this table (migrations/0023_bundles.sql).

export type BundleState = 'queued' | 'analysing' | 'done' | 'failed';
export type BundleSource = 'upload' | 'api' | 'mail';

export const bundles = pgTable('bundles', {
  id: uuid('id').primaryKey(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  uploadedByKind: text('uploaded_by_kind').$type<'agent' | 'contact' | 'system'>().notNull(),
  uploadedById: uuid('uploaded_by_id'),
  uploadedByName: text('uploaded_by_name').notNull(),
  source: text('source').$type<BundleSource>().notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  storageKey: text('storage_key').notNull(),
  state: text('state').$type<BundleState>().notNull().default('queued'),
  progress: real('progress').notNull().default(0),
  stored: boolean('stored').notNull().default(true),
  scannedAt: instant('scanned_at'),
  results: jsonb('results').$type<BundleResults>(),
  error: text('error'),
  noteMessageId: bigint('note_message_id', { mode: 'number' }),
  attachmentId: uuid('attachment_id'),
  expiresAt: instant('expires_at').notNull(),
  createdAt: instant('created_at').notNull(),
  analysedAt: instant('analysed_at'),
});
export type BundleRow = typeof bundles.$inferSelect;
