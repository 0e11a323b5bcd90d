import { bigint, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../platform/columns.js';
import { ticketPriority } from '../tickets/tables.js';

// The entitlement module owns these tables (migrations/0035_entitlement_requests.sql).

const REQUEST_STATES = ['awaiting-confirmation', 'awaiting-approval', 'approved', 'declined', 'expired'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const OPEN_STATES: RequestState[] = ['awaiting-confirmation', 'awaiting-approval'];

export const entitlementRequests = pgTable('entitlement_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull(),
  contactId: uuid('contact_id').notNull(),
  email: text('email').notNull(),
  domain: text('domain').notNull(),
  state: text('state').$type<RequestState>().notNull(),
  tokenHash: bytea('token_hash').notNull(),
  linkExpiresAt: instant('link_expires_at').notNull(),
  note: text('note'),
  createdAt: instant('created_at').notNull(),
  confirmedAt: instant('confirmed_at'),
  decidedAt: instant('decided_at'),
  /** who approved or declined, by name (the audit log has the rest) */
  decidedBy: text('decided_by'),
  decisionNote: text('decision_note'),
});
export type RequestRow = typeof entitlementRequests.$inferSelect;

export const entitlementRequestTickets = pgTable(
  'entitlement_request_tickets',
  {
    requestId: uuid('request_id').notNull(),
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    heldPriority: ticketPriority('held_priority').notNull(),
    entitledPriority: ticketPriority('entitled_priority').notNull(),
    policy: text('policy').$type<'accept' | 'low-priority' | 'reject'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.ticketId] })],
);
export type HeldTicketRow = typeof entitlementRequestTickets.$inferSelect;

export const entitlementDomainBudget = pgTable('entitlement_domain_budget', {
  domain: text('domain').primaryKey(),
  windowStartedAt: instant('window_started_at').notNull(),
  started: integer('started').notNull(),
});
