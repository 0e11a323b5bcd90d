import type { HeldTicketRow, RequestRow, RequestState } from './tables.js';

/** An unconfirmed request whose link ran out is expired, whether or not a later mail has marked it so. */
function stateAt(request: RequestRow, now: Date): RequestState {
  const expired = request.state === 'awaiting-confirmation' && request.linkExpiresAt.getTime() <= now.getTime();
  return expired ? 'expired' : request.state;
}

/** What the link's page shows the person: nothing but their own request. */
export function presentLink(request: RequestRow, organizationName: string, now: Date) {
  return {
    organization: { name: organizationName },
    email: request.email,
    state: stateAt(request, now),
    linkExpiresAt: request.linkExpiresAt.toISOString(),
    confirmedAt: request.confirmedAt?.toISOString() ?? null,
  };
}

/** A request as its deciders (a lead, the organization's admins) see it. */
export function presentRequest(
  request: RequestRow,
  organizationName: string,
  contactName: string | null,
  held: HeldTicketRow[],
  now: Date,
) {
  return {
    id: request.id,
    organization: { id: request.organizationId, name: organizationName },
    contact: { id: request.contactId, email: request.email, name: contactName },
    state: stateAt(request, now),
    note: request.note,
    ticketNumbers: held.map((h) => h.ticketId),
    createdAt: request.createdAt.toISOString(),
    confirmedAt: request.confirmedAt?.toISOString() ?? null,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: request.decidedBy,
    decisionNote: request.decisionNote,
  };
}
