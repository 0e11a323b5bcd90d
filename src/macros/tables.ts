import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';
import type { TicketPriority, TicketStatus } from '../tickets/status-rules.js';

/** What a macro does to the ticket it is applied to; every part optional. */
export interface MacroActions {
  /** never new: that is only where tickets start */
  status?: Exclude<TicketStatus, 'new'>;
  priority?: TicketPriority;
  addTags?: string[];
  removeTags?: string[];
  /** an agent's id, "me" (whoever applies it), or null to unassign */
  assignee?: string | null;
  /** a team's id, or null to clear */
  team?: string | null;
  /** a public issue to link the ticket to */
  linkIssueUrl?: string;
}

export const macros = pgTable('macros', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** null: shared with every agent */
  agentId: uuid('agent_id'),
  name: text('name').notNull(),
  body: text('body').notNull(),
  internal: boolean('internal').notNull(),
  actions: jsonb('actions').$type<MacroActions>().notNull(),
  usageCount: integer('usage_count').notNull().default(0),
  lastUsedAt: instant('last_used_at'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
