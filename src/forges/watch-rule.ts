import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import { listTicketLinkRows } from './forge-store.js';

// Watching means waiting on a linked public issue: when it ships, the ticket comes back. A ticket
// set to watching with nothing to watch would wait for ever, out of the active queue with its SLA
// clocks stopped. So it needs a linked issue, or a date to look again (tickets.look_again_at, on
// which it reopens). The listener runs inside the change's transaction: refusing rolls it back.

export async function requireSomethingToWatch(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const ticket = change.ticket;
  if (ticket.status !== 'watching' || ticket.lookAgainAt) return undefined;
  const entering = change.kind === 'created' || change.before.status !== 'watching';
  const dateCleared = change.kind !== 'created' && change.before.lookAgainAt !== null;
  if (!entering && !dateCleared) return undefined;
  const links = change.kind === 'created' ? [] : await listTicketLinkRows(deps.db, [ticket.id]);
  if (links.length > 0) return undefined;
  throw new AppError(
    'WATCHING_NEEDS_LINK',
    `Ticket #${ticket.id} has no linked issue to watch: link the issue it waits on, or give a date to look again (lookAgainAt).`,
  );
}
