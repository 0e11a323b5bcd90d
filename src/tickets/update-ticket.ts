import { recordEvent } from '../audit/index.js';
import type { Actor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findOrCreateContact, resolveAgent, resolveTeam } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { ticketChanged } from './lifecycle.js';
import { normalizeTags } from './open-ticket.js';
import { presentTicket } from './present.js';
import {
  checkAgentTransition,
  checkContactTransition,
  statusChangeFields,
  type TicketPriority,
  type TicketStatus,
} from './status-rules.js';
import { addTicketCcs, findTicket, listTicketCcIds, removeTicketCcs, updateTicketRow } from './ticket-store.js';
import { visibilityOf } from './visibility.js';

export interface TicketChanges {
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  /** agent id or email; null unassigns */
  assignee?: string | null;
  /** team id or name; null clears */
  team?: string | null;
  tags?: string[];
  ccEmails?: string[];
  region?: string | null;
  autoClose?: boolean;
}

/** Changes a ticket's fields; each change is written to the audit trail with its old and new value. */
export async function updateTicket(deps: Deps, actor: Actor, number: number, changes: TicketChanges) {
  if (actor.kind === 'contact') {
    const fields = Object.keys(changes).filter((k) => changes[k as keyof TicketChanges] !== undefined);
    const other = fields.filter((f) => f !== 'status');
    if (other.length > 0) throw new AppError('FIELD_NOT_ALLOWED', `Customers cannot change ${other.join(', ')}.`);
  }
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, number, visibilityOf(actor), { forUpdate: true });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
    if (ticket.status === 'closed' && Object.keys(changes).some((k) => k !== 'tags')) {
      throw new AppError('TICKET_CLOSED', `Ticket #${number} is closed; only its tags can change.`);
    }
    const now = tx.clock.now();
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    const values: Parameters<typeof updateTicketRow>[2] = {};

    if (changes.status !== undefined && changes.status !== ticket.status) {
      if (actor.kind === 'contact') checkContactTransition(ticket.status, changes.status);
      else checkAgentTransition(ticket.status, changes.status);
      Object.assign(values, statusChangeFields(ticket.status, changes.status, now));
      diff.status = { from: ticket.status, to: changes.status };
    }
    if (changes.subject !== undefined && changes.subject.trim() !== ticket.subject) {
      values.subject = changes.subject.trim();
      diff.subject = { from: ticket.subject, to: values.subject };
    }
    if (changes.priority !== undefined && changes.priority !== ticket.priority) {
      values.priority = changes.priority;
      diff.priority = { from: ticket.priority, to: changes.priority };
    }
    if (changes.assignee !== undefined) {
      const assignee = changes.assignee === null ? null : await resolveAgent(tx, changes.assignee);
      if (assignee && !assignee.active)
        throw new AppError('VALIDATION_FAILED', `${assignee.email} is not an active agent.`);
      if ((assignee?.id ?? null) !== ticket.assigneeId) {
        values.assigneeId = assignee?.id ?? null;
        diff.assignee = { from: ticket.assigneeId, to: assignee?.id ?? null };
      }
    }
    if (changes.team !== undefined) {
      const team = changes.team === null ? null : await resolveTeam(tx, changes.team);
      if ((team?.id ?? null) !== ticket.teamId) {
        values.teamId = team?.id ?? null;
        diff.team = { from: ticket.teamId, to: team?.id ?? null };
      }
    }
    if (changes.tags !== undefined) {
      const tags = normalizeTags(changes.tags);
      if (tags.join('\n') !== ticket.tags.join('\n')) {
        values.tags = tags;
        diff.tags = { from: ticket.tags, to: tags };
      }
    }
    if (changes.region !== undefined && changes.region !== ticket.region) {
      values.region = changes.region;
      diff.region = { from: ticket.region, to: changes.region };
    }
    if (changes.autoClose !== undefined && changes.autoClose !== ticket.autoClose) {
      values.autoClose = changes.autoClose;
      diff.autoClose = { from: ticket.autoClose, to: changes.autoClose };
    }
    if (changes.ccEmails !== undefined) {
      const wanted = [];
      for (const email of new Set(changes.ccEmails.map((e) => e.toLowerCase()))) {
        wanted.push(await findOrCreateContact(tx, email));
      }
      const current = (await listTicketCcIds(tx.db, [ticket.id])).map((c) => c.contactId);
      const wantedIds = wanted.map((c) => c.id).filter((id) => id !== ticket.requesterId);
      const added = wantedIds.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !wantedIds.includes(id));
      await addTicketCcs(tx.db, ticket.id, added, now);
      await removeTicketCcs(tx.db, ticket.id, removed);
      if (added.length || removed.length) diff.ccs = { from: current, to: wantedIds };
    }

    if (Object.keys(diff).length === 0) return presentTicket(tx, actor, ticket);
    const changed = await updateTicketRow(tx.db, ticket.id, { ...values, updatedAt: now });
    const updated = await ticketChanged(tx, { kind: 'updated', before: ticket, ticket: changed }, (fields) =>
      updateTicketRow(tx.db, ticket.id, fields),
    );
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'ticket.updated',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: { changes: diff },
    });
    return presentTicket(tx, actor, updated);
  });
}
