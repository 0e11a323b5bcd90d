import { type SQL, sql } from 'drizzle-orm';
import { type Actor, auditActor } from '../auth/actor.js';
import type { Db } from '../platform/db.js';
import { auditEvents } from './tables.js';

export interface AuditEventInput {
  actor: Actor;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | number;
  ticketId?: number | null;
  data?: Record<string, unknown>;
}

/** Every change is written here in the same transaction as the change itself. */
export async function recordEvent(db: Db, input: AuditEventInput): Promise<void> {
  await recordEvents(db, [input]);
}

export async function recordEvents(db: Db, inputs: AuditEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db.insert(auditEvents).values(
    inputs.map((input) => {
      const actor = auditActor(input.actor);
      return {
        at: input.at,
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        action: input.action,
        entityType: input.entityType,
        entityId: String(input.entityId),
        ticketId: input.ticketId ?? null,
        data: input.data ?? {},
      };
    }),
  );
}

/**
 * One audit event as an INSERT … SELECT for a caller's CTE, when ids it refers to are made in the same
 * statement (the ticket and its first message). `ids` are SQL expressions over the CTE's rows.
 */
export function auditEventInsertSql(
  input: Omit<AuditEventInput, 'entityId' | 'ticketId'>,
  ids: { entityId: SQL; ticketId: SQL; from: SQL; extraData?: SQL },
): SQL {
  const actor = auditActor(input.actor);
  return sql`INSERT INTO audit_events (at, actor_kind, actor_id, actor_name, action, entity_type, entity_id, ticket_id, data)
    SELECT ${input.at.toISOString()}::timestamptz, ${actor.kind}, ${actor.id}, ${actor.name}, ${input.action},
           ${input.entityType}, ${ids.entityId}, ${ids.ticketId},
           ${JSON.stringify(input.data ?? {})}::jsonb ${ids.extraData ? sql`|| ${ids.extraData}` : sql``}
    FROM ${ids.from}`;
}
