import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { presentTicket } from './present.js';
import { findTicket, type TicketRow } from './ticket-store.js';
import { visibilityOf } from './visibility.js';

/** A ticket the actor may see; any other number looks absent, whether or not it exists. */
export async function getTicket(deps: Deps, actor: Actor, number: number) {
  const row = await findTicket(deps.db, number, visibilityOf(actor));
  if (!row) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  return presentTicket(deps, actor, row);
}

/** The same, locked for the rest of the caller's transaction: changes to what it waits on serialise. */
export async function lockTicket(deps: Deps, actor: Actor, number: number): Promise<TicketRow> {
  const row = await findTicket(deps.db, number, visibilityOf(actor), { forUpdate: true });
  if (!row) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  return row;
}
