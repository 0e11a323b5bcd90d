import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, instant } from '../platform/columns.js';

export const ticketStatus = pgEnum('ticket_status', [
  'new',
  'open',
  'pending',
  'on-hold',
  'watching',
  'solved',
  'closed',
]);
export const ticketPriority = pgEnum('ticket_priority', ['low', 'normal', 'high', 'urgent']);

export const tickets = pgTable('tickets', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  subject: text('subject').notNull(),
  status: ticketStatus('status').notNull(),
  priority: ticketPriority('priority').notNull(),
  requesterId: uuid('requester_id').notNull(),
  organizationId: uuid('organization_id'),
  assigneeId: uuid('assignee_id'),
  teamId: uuid('team_id'),
  region: text('region'),
  tags: text('tags').array().notNull(),
  channel: text('channel').notNull(),
  followUpOfId: bigint('follow_up_of_id', { mode: 'number' }),
  autoClose: boolean('auto_close').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  statusChangedAt: instant('status_changed_at').notNull(),
  pendingRemindedAt: instant('pending_reminded_at'),
  solvedAt: instant('solved_at'),
  closedAt: instant('closed_at'),
  slaDueAt: instant('sla_due_at'),
  handovers: integer('handovers').notNull().default(0),
  routeAfter: instant('route_after'),
  /** the severity (1–4) the customer chose when opening it; the priority followed it */
  severity: smallint('severity'),
  /** the last change the customer can see (kept by a trigger, migration 0013; public messages set it) */
  customerUpdatedAt: instant('customer_updated_at').notNull().default(sql`now()`),
  /** false: pinned, the assignee keeps it when their day ends (a deliberate assignment) */
  handOver: boolean('hand_over').notNull().default(true),
  /** a watching ticket without a link reopens then */
  lookAgainAt: instant('look_again_at'),
  /** a merged ticket is closed and points here: its conversation moved to this ticket */
  mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
});

/** How a CC came onto a ticket. */
export type CcVia = 'opened' | 'added' | 'reply' | 'merge' | 'follow-up' | 'accepted';

export const ticketCcs = pgTable(
  'ticket_ccs',
  {
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    contactId: uuid('contact_id').notNull(),
    addedAt: instant('added_at').notNull(),
    /** who copied them (null on rows from before this was kept) and how: by hand, by replying, by a merge… */
    addedByKind: text('added_by_kind').$type<'agent' | 'contact' | 'token' | 'system'>(),
    addedById: text('added_by_id'),
    addedByName: text('added_by_name'),
    addedVia: text('added_via').$type<CcVia>(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.contactId] })],
);

export const messages = pgTable('messages', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  internal: boolean('internal').notNull(),
  authorKind: text('author_kind').$type<'contact' | 'agent' | 'system'>().notNull(),
  authorContactId: uuid('author_contact_id'),
  authorAgentId: uuid('author_agent_id'),
  authorName: text('author_name').notNull(),
  channel: text('channel').notNull(),
  bodyText: text('body_text').notNull(),
  bodyHtml: text('body_html').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const blobs = pgTable('blobs', {
  sha256: bytea('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  content: bytea('content').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  messageId: bigint('message_id', { mode: 'number' }).notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: bytea('sha256').notNull(),
  contentId: text('content_id'),
  createdAt: instant('created_at').notNull(),
});

export const views = pgTable('views', {
  id: uuid('id').primaryKey().defaultRandom(),
  agentId: uuid('agent_id'),
  /** shared with this team's members (agentId null); both null: shared with every agent */
  teamId: uuid('team_id'),
  name: text('name').notNull(),
  filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
  sort: text('sort').notNull(),
  createdAt: instant('created_at').notNull(),
});
