import { and, asc, eq, gt } from 'drizzle-orm';
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
