import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import type { MessageRow, TicketRow } from './ticket-store.js';

// What happened to a ticket, told inside the transaction that did it to the modules that keep
// something about tickets (SLA clocks, routing, paging). They may return fields to set on the
// ticket; tickets owns the table and writes them.

export type TicketChange =
  | { kind: 'created'; ticket: TicketRow; message: MessageRow | null }
  | { kind: 'message'; before: TicketRow; ticket: TicketRow; message: MessageRow }
  /** by: who changed it, when a person did (absent for routing, handover and sweeps) */
  | { kind: 'updated'; before: TicketRow; ticket: TicketRow; by?: Actor };

export type TicketFields = Partial<Pick<TicketRow, 'slaDueAt' | 'handovers' | 'routeAfter'>>;

export type TicketListener = (deps: Deps, change: TicketChange) => Promise<TicketFields | undefined>;

/** A ticket about to be inserted (no id yet) and its first message. */
export interface TicketDraft {
  ticket: TicketRow;
  message: Pick<MessageRow, 'authorKind' | 'internal' | 'createdAt'>;
}
/** Reads only: what the new ticket's row should hold, so it is written once, in its insert. */
export type TicketPreparer = (deps: Deps, draft: TicketDraft) => Promise<TicketFields | undefined>;

/**
 * Who hears of tickets, wired once where the process starts (runtime.ts) and carried in deps, so that
 * "what happens when a message is added" is one list to read, not imports to chase.
 */
export interface TicketHooks {
  /** run before a new ticket is inserted; what they return is written in the insert */
  preparers: TicketPreparer[];
  /** run after every change, in its transaction */
  listeners: TicketListener[];
}

export async function ticketCreating(deps: Deps, draft: TicketDraft): Promise<TicketFields> {
  let fields: TicketFields = {};
  for (const prepare of deps.ticketHooks.preparers) fields = { ...fields, ...(await prepare(deps, draft)) };
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
  for (const listener of deps.ticketHooks.listeners) {
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
