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
