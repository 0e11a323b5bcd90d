import type { Deps } from '../deps.js';
import { sql } from '../platform/db.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';

// Live updates: every ticket change is NOTIFYed in the transaction that made it, so it is heard
// exactly when it is committed, by every web process on the database (PostgreSQL or PGlite). The
// desk's instance id keeps desks that share a PostgreSQL server (test schemas) apart.

export const LIVE_CHANNEL = 'pipefitter_live';

export type LiveEvent =
  | {
      kind: 'ticket';
      desk: string;
      ticket: number;
      change: TicketChange['kind'];
      /** who may hear it: a contact hears their own tickets, or their organization's where it shares */
      requesterId: string | null;
      organizationId: string | null;
      internal: boolean;
    }
  | { kind: 'presence'; desk: string; ticket: number; agentId: string; name: string; activity: 'replying' };

export async function notifyLive(deps: Deps, event: LiveEvent): Promise<void> {
  await deps.db.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}

export async function publishTicketChange(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const ticket = change.ticket;
  await notifyLive(deps, {
    kind: 'ticket',
    desk: deps.secret.instanceId,
    ticket: ticket.id,
    change: change.kind,
    requesterId: ticket.requesterId,
    organizationId: ticket.organizationId,
    internal: change.kind === 'message' && change.message.internal,
  });
  return undefined;
}
