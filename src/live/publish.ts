import type { Deps } from '../deps.js';
import { sql } from '../platform/db.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import { ticketAudience } from '../tickets/visibility.js';

// Live updates: every ticket change is NOTIFYed in the transaction that made it, so it is heard
// exactly when it is committed, by every web process on the database (PostgreSQL or PGlite). The
// desk's instance id keeps desks that share a PostgreSQL server (test schemas) apart.

export const LIVE_CHANNEL = 'pipefitter_live';

/** Whose access changed; open streams of a matching person check their credential again. */
export interface AccessSubject {
  agentId?: string;
  contactId?: string;
  organizationId?: string;
  tokenId?: string;
}

export type LiveEvent =
  | {
      kind: 'ticket';
      desk: string;
      ticket: number;
      change: TicketChange['kind'];
      /** who may hear it, judged by the tickets module's visibility rule (tickets/visibility.ts) */
      requesterId: string | null;
      organizationId: string | null;
      /** null when there are too many to carry: the stream asks the store instead */
      ccIds: string[] | null;
      internal: boolean;
    }
  | { kind: 'presence'; desk: string; ticket: number; agentId: string; name: string; activity: 'replying' }
  /** a new notification for one agent (notifications/notify-agent.ts): their bell counts again */
  | { kind: 'notification'; desk: string; agentId: string }
  | ({ kind: 'access'; desk: string } & AccessSubject);

export async function notifyLive(deps: Deps, event: LiveEvent): Promise<void> {
  await deps.db.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}

export async function publishTicketChange(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const ticket = change.ticket;
  // one query per change, not one per listening customer
  const audience = await ticketAudience(deps, ticket);
  await notifyLive(deps, {
    kind: 'ticket',
    desk: deps.secret.instanceId,
    ticket: ticket.id,
    change: change.kind,
    ...audience,
    internal: change.kind === 'message' && change.message.internal,
  });
  return undefined;
}

/** Tells every process's open streams that someone's access changed (sent when the transaction commits). */
export async function publishAccessChange(deps: Deps, subject: AccessSubject): Promise<void> {
  await notifyLive(deps, { kind: 'access', desk: deps.secret.instanceId, ...subject });
}
