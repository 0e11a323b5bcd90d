import { bigint, boolean, date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

export const forges = pgTable('forges', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<'gitlab' | 'github'>().notNull(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  tokenEncrypted: text('token_encrypted').notNull(),
  webhookSecretEncrypted: text('webhook_secret_encrypted').notNull(),
  writeBack: boolean('write_back').notNull(),
  /** the projects whose issues suggestions search (migration 0037) */
  searchProjects: text('search_projects').array().notNull().default([]),
  createdAt: instant('created_at').notNull(),
});

export const forgeIssues = pgTable('forge_issues', {
  id: uuid('id').primaryKey().defaultRandom(),
  forgeId: uuid('forge_id').notNull(),
  itemKind: text('item_kind').$type<'issue' | 'change'>().notNull(),
  projectRef: text('project_ref').notNull(),
  number: integer('number').notNull(),
  externalId: text('external_id').notNull(),
  url: text('url').notNull(),
  title: text('title').notNull(),
  state: text('state').$type<'open' | 'closed'>().notNull(),
  stateReason: text('state_reason'),
  labels: text('labels').array().notNull(),
  milestoneTitle: text('milestone_title'),
  milestoneDue: date('milestone_due', { mode: 'string' }),
  assignees: text('assignees').array().notNull(),
  closedAt: instant('closed_at'),
  changeNumber: integer('change_number'),
  changeTitle: text('change_title'),
  changeUrl: text('change_url'),
  changeAuthor: text('change_author'),
  changeMergedBy: text('change_merged_by'),
  changeMergedAt: instant('change_merged_at'),
  changeMergeSha: text('change_merge_sha'),
  releaseTag: text('release_tag'),
  releaseName: text('release_name'),
  releaseUrl: text('release_url'),
  releasedAt: instant('released_at'),
  status: text('status').$type<IssueStatus>().notNull(),
  lastHeardAt: instant('last_heard_at').notNull(),
  etag: text('etag'),
  nextPollAt: instant('next_poll_at').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export type IssueStatus = 'open' | 'scheduled' | 'in-review' | 'delivered' | 'released' | 'closed-without-fix';

export const ticketLinks = pgTable(
  'ticket_links',
  {
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    forgeIssueId: uuid('forge_issue_id').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    /** when the customer was told how to follow the issue themselves */
    invitedAt: instant('invited_at'),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.forgeIssueId] })],
);

export const forgeDeliveries = pgTable(
  'forge_deliveries',
  {
    forgeId: uuid('forge_id').notNull(),
    deliveryId: text('delivery_id').notNull(),
    event: text('event').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.forgeId, t.deliveryId] })],
);

export const linkNotices = pgTable(
  'link_notices',
  {
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    forgeIssueId: uuid('forge_issue_id').notNull(),
    transition: text('transition').notNull(),
    messageId: bigint('message_id', { mode: 'number' }),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.forgeIssueId, t.transition] })],
);
