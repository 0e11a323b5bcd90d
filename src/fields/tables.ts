import { bigint, boolean, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

export const FIELD_TYPES = ['text', 'number', 'select', 'multiselect', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const customFields = pgTable('custom_fields', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  description: text('description'),
  type: text('type').$type<FieldType>().notNull(),
  options: text('options').array().notNull().default([]),
  required: boolean('required').notNull().default(false),
  customerEditable: boolean('customer_editable').notNull().default(false),
  internal: boolean('internal').notNull().default(false),
  /** organization plans it applies to; empty: every ticket */
  plans: text('plans').array().notNull().default([]),
  position: integer('position').notNull().default(0),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** One row per value: a multi-select holds one row per chosen option. */
export const ticketFieldValues = pgTable(
  'ticket_field_values',
  {
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    fieldId: uuid('field_id').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.fieldId, t.value] })],
);
