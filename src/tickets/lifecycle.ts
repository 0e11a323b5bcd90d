import type { Deps } from '../deps.js';
import type { MessageRow, TicketRow } from './ticket-store.js';

// What happened to a ticket, told inside the transaction that did it to the modules that keep
// something about tickets (SLA clocks, routing, paging). They may return fields to set on the
// ticket; tickets owns the table and writes them.

export type TicketChange =
  | { kind: 'created'; ticket: TicketRow; message: MessageRow | null }
  | { kind: 'message'; before: TicketRow; ticket: TicketRow; message: MessageRow }
  | { kind: 'updated'; before: TicketRow; ticket: TicketRow };

export type TicketFields = Partial<Pick<TicketRow, 'slaDueAt' | 'handovers' | 'routeAfter'>>;

export type TicketListener = (deps: Deps, change: TicketChange) => Promise<TicketFields | undefined>;

const listeners: TicketListener[] = [];

export function onTicketChange(listener: TicketListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Tells every listener; returns the ticket with the fields they changed. */
export async function ticketChanged(
  deps: Deps,
  change: TicketChange,
  write: (fields: TicketFields) => Promise<TicketRow>,
): Promise<TicketRow> {
  let fields: TicketFields = {};
  for (const listener of listeners) {
    const more = await listener(deps, change);
    if (more) {
      fields = { ...fields, ...more };
      change.ticket = { ...change.ticket, ...more };
    }
  }
  return Object.keys(fields).length > 0 ? write(fields) : change.ticket;
}
