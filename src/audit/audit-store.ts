import { and, asc, desc, eq, gt, gte, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { auditEvents } from './tables.js';

export async function listTicketEvents(db: Db, ticketId: number, afterId: number, limit: number) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.ticketId, ticketId), gt(auditEvents.id, afterId)))
    .orderBy(asc(auditEvents.id))
    .limit(limit);
}

export interface DeskEventFilter {
  /** exact action names, any of them */
  actions?: readonly string[];
  actorId?: string;
  since?: Date;
  until?: Date;
  /** keyset: events older than this id */
  beforeId?: number;
}

/** Events outside tickets (sign-ins, accounts, tokens, settings), newest first: the admins' audit log. */
export async function listDeskEvents(db: Db, filter: DeskEventFilter, limit: number) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        isNull(auditEvents.ticketId),
        filter.actions ? inArray(auditEvents.action, [...filter.actions]) : undefined,
        filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
        filter.since ? gte(auditEvents.at, filter.since) : undefined,
        filter.until ? lt(auditEvents.at, filter.until) : undefined,
        filter.beforeId ? lt(auditEvents.id, filter.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
