import { recordEvent } from '../audit/index.js';
import { type Actor, SYSTEM } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { ticketChanged } from '../tickets/lifecycle.js';
import { findTicket, updateTicketRow } from '../tickets/ticket-store.js';
import { updateTicket } from '../tickets/update-ticket.js';
import { AWAITING_ENTITLEMENT_TAG } from './start-request.js';
import type { HeldTicketRow } from './tables.js';

// What a decision does to the tickets a request held. Approved: each gets what an entitled sender's
// mail would have had (the organization, the priority the policy held back, the tag gone), so SLA
// targets are set again. Declined: the tag goes and a note says so. Closed tickets stay as they are.
// Every change is in the ticket's history.

/** An internal note from the desk, unless the ticket is closed: addMessageRecord refuses that (TICKET_CLOSED), undoing the caller. */
export async function noteOnTicket(deps: Deps, ticketId: number, body: string) {
  const ticket = await findTicket(deps.db, ticketId, { kind: 'all' });
  if (!ticket || ticket.status === 'closed') return;
  await addNote(deps, ticketId, body);
}

/** The note itself, on a ticket the caller found open. */
async function addNote(deps: Deps, ticketId: number, body: string) {
  await addMessageRecord(
    deps,
    SYSTEM,
    ticketId,
    { body, internal: true, channel: 'email' },
    { trusted: true, keepStatus: true },
  );
}

export async function entitleHeldTicket(
  deps: Deps,
  actor: Actor,
  held: HeldTicketRow,
  organizationId: string,
  note: string,
) {
  const ticket = await findTicket(deps.db, held.ticketId, { kind: 'all' }, { forUpdate: true });
  if (!ticket || ticket.status === 'closed') return;
  const now = deps.clock.now();
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const values: Parameters<typeof updateTicketRow>[2] = {};
  if (!ticket.organizationId) {
    values.organizationId = organizationId;
    diff.organization = { from: null, to: organizationId };
  }
  // an agent who set another priority meanwhile decided already
  if (ticket.priority === held.heldPriority && held.entitledPriority !== held.heldPriority) {
    values.priority = held.entitledPriority;
    diff.priority = { from: ticket.priority, to: held.entitledPriority };
  }
  if (ticket.tags.includes(AWAITING_ENTITLEMENT_TAG)) {
    values.tags = ticket.tags.filter((t) => t !== AWAITING_ENTITLEMENT_TAG);
    diff.tags = { from: ticket.tags, to: values.tags };
  }
  await addNote(deps, ticket.id, note);
  if (Object.keys(diff).length === 0) return;
  const current = (await findTicket(deps.db, ticket.id, { kind: 'all' })) ?? ticket;
  const changed = await updateTicketRow(deps.db, ticket.id, { ...values, updatedAt: now });
  await ticketChanged(deps, { kind: 'updated', before: current, ticket: changed, by: actor }, (fields) =>
    updateTicketRow(deps.db, ticket.id, fields),
  );
  await recordEvent(deps.db, {
    actor,
    at: now,
    action: 'ticket.updated',
    entityType: 'ticket',
    entityId: ticket.id,
    ticketId: ticket.id,
    data: { changes: diff, why: 'entitlement approved' },
  });
}

export async function releaseHeldTicket(deps: Deps, held: HeldTicketRow, note: string) {
  const ticket = await findTicket(deps.db, held.ticketId, { kind: 'all' });
  if (!ticket || ticket.status === 'closed') return;
  // solving it here would mail the person a "rate us": under reject, an agent closes it as they see fit
  const more =
    held.policy === 'reject'
      ? ' ENTITLEMENT_POLICY is reject: without the request this mail would have been refused, so there is nothing to answer here.'
      : '';
  await addNote(deps, ticket.id, `${note}${more}`);
  if (!ticket.tags.includes(AWAITING_ENTITLEMENT_TAG)) return;
  await updateTicket(deps, SYSTEM, ticket.id, { removeTags: [AWAITING_ENTITLEMENT_TAG] });
}
