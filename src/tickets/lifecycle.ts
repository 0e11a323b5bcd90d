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

/** A ticket about to be inserted (no id yet) and its first message. */
export interface TicketDraft {
  ticket: TicketRow;
  message: Pick<MessageRow, 'authorKind' | 'internal' | 'createdAt'>;
}
/** Reads only: what the new ticket's row should hold, so it is written once, in its insert. */
export type TicketPreparer = (deps: Deps, draft: TicketDraft) => Promise<TicketFields | undefined>;

const listeners: TicketListener[] = [];
const preparers: TicketPreparer[] = [];

export function onTicketChange(listener: TicketListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export function onTicketCreating(preparer: TicketPreparer): void {
  if (!preparers.includes(preparer)) preparers.push(preparer);
}

export async function ticketCreating(deps: Deps, draft: TicketDraft): Promise<TicketFields> {
  let fields: TicketFields = {};
  for (const prepare of preparers) fields = { ...fields, ...(await prepare(deps, draft)) };
  return fields;
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** Tells every listener; returns the ticket with the fields they changed. */
export async function ticketChanged(
  deps: Deps,
  change: TicketChange,
  write: (fields: TicketFields) => Promise<TicketRow>,
): Promise<TicketRow> {
  let fields: TicketFields = {};
  for (const listener of listeners) {
    const more = await listener(deps, change);
    if (!more) continue;
    // what the row already holds (prepared into its insert) is not written again
    for (const [key, value] of Object.entries(more) as [keyof TicketFields, unknown][]) {
      if (same(change.ticket[key], value)) continue;
      fields = { ...fields, [key]: value };
      change.ticket = { ...change.ticket, [key]: value };
    }
  }
  return Object.keys(fields).length > 0 ? write(fields) : change.ticket;
}
