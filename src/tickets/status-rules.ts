import { AppError } from '../platform/errors.js';

// Ticket statuses and how they move. Pure: no I/O, tested with a table.

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on-hold', 'watching', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Statuses where the ticket needs nothing from us right now; the rest make up the active queue. */
export const WAITING_STATUSES: readonly TicketStatus[] = ['pending', 'on-hold', 'watching'];
export const DONE_STATUSES: readonly TicketStatus[] = ['solved', 'closed'];

/** An agent sets a status. `new` is only where tickets start; `closed` is final and follows `solved`. */
export function checkAgentTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === to) return;
  if (from === 'closed') {
    throw new AppError('INVALID_TRANSITION', 'A closed ticket cannot change; a reply to it opens a follow-up ticket.');
  }
  if (to === 'new') throw new AppError('INVALID_TRANSITION', 'A ticket cannot go back to new.');
  if (to === 'closed' && from !== 'solved') {
    throw new AppError('INVALID_TRANSITION', 'Only a solved ticket can be closed; solve it first.');
  }
}

/** A customer may mark their own ticket solved, and nothing else. */
export function checkContactTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === to) return;
  if (to !== 'solved') throw new AppError('FIELD_NOT_ALLOWED', 'Customers can only mark a ticket as solved.');
  if (from === 'closed') throw new AppError('INVALID_TRANSITION', 'This ticket is closed.');
}

/** A reply from the customer puts the ball back in our court. */
export function statusAfterCustomerReply(from: TicketStatus): TicketStatus {
  switch (from) {
    case 'pending':
    case 'on-hold':
    case 'watching':
    case 'solved':
      return 'open';
    default:
      return from; // new stays new (nobody has looked yet); closed is handled by a follow-up
  }
}

/** An agent's public reply moves a new ticket to open unless the agent chose a status. */
export function statusAfterAgentReply(from: TicketStatus, requested: TicketStatus | undefined): TicketStatus {
  if (requested) return requested;
  return from === 'new' ? 'open' : from;
}

/** What customers are shown: on-hold is our business, to them the ticket is open. */
export function customerFacingStatus(status: TicketStatus): TicketStatus {
  return status === 'on-hold' ? 'open' : status;
}

/** The ticket columns a status change sets. */
export function statusChangeFields(from: TicketStatus, to: TicketStatus, now: Date) {
  if (from === to) return {};
  return {
    status: to,
    statusChangedAt: now,
    pendingRemindedAt: null,
    ...(to === 'solved' ? { solvedAt: now } : to === 'closed' ? {} : { solvedAt: null }),
    closedAt: to === 'closed' ? now : null,
    // a date to look again belongs to the watch; leaving watching ends it
    ...(to === 'watching' ? {} : { lookAgainAt: null }),
  };
}
