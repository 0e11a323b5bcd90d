import { recordEvent } from '../audit/index.js';
import { type Actor, auditActor } from '../auth/actor.js';
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
  /** tags added to (and removed from) those the ticket has when the change is made: bulk changes */
  addTags?: string[];
  removeTags?: string[];
  ccEmails?: string[];
  region?: string | null;
  autoClose?: boolean;
  /** false pins the ticket to its assignee at handover; true lets it move when their day ends */
  handOver?: boolean;
  /** watching without a linked issue: the date it reopens (ISO instant); null clears */
  lookAgainAt?: string | null;
}

// the only changes a closed ticket takes
const TAG_CHANGES = ['tags', 'addTags', 'removeTags'];

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
    if (ticket.status === 'closed' && Object.keys(changes).some((k) => !TAG_CHANGES.includes(k))) {
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
      // assigned by hand (taking a ticket routing gave you counts too): it stays with the assignee
      // when their day ends, unless handing over is their default
      values.handOver = assignee ? assignee.handOverDefault : true;
    }
    if (changes.team !== undefined) {
      const team = changes.team === null ? null : await resolveTeam(tx, changes.team);
      if ((team?.id ?? null) !== ticket.teamId) {
        values.teamId = team?.id ?? null;
        diff.team = { from: ticket.teamId, to: team?.id ?? null };
      }
    }
    if (changes.tags !== undefined || changes.addTags?.length || changes.removeTags?.length) {
      const removed = new Set(normalizeTags(changes.removeTags ?? []));
      const tags = normalizeTags([...(changes.tags ?? ticket.tags), ...(changes.addTags ?? [])]).filter(
        (t) => !removed.has(t),
      );
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
    if (changes.handOver !== undefined) values.handOver = changes.handOver;
    if (values.handOver !== undefined && values.handOver !== ticket.handOver) {
      diff.handOver = { from: ticket.handOver, to: values.handOver };
    } else delete values.handOver;
    if (changes.lookAgainAt !== undefined) {
      const at = lookAgainDate(changes.lookAgainAt, values.status ?? ticket.status, now);
      if ((at?.getTime() ?? null) !== (ticket.lookAgainAt?.getTime() ?? null)) {
        values.lookAgainAt = at;
        diff.lookAgainAt = { from: ticket.lookAgainAt?.toISOString() ?? null, to: at?.toISOString() ?? null };
      }
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
      await addTicketCcs(tx.db, ticket.id, added, now, { ...auditActor(actor), via: 'added' });
      await removeTicketCcs(tx.db, ticket.id, removed);
      if (added.length || removed.length) diff.ccs = { from: current, to: wantedIds };
    }

    if (Object.keys(diff).length === 0) return presentTicket(tx, actor, ticket);
    // the customer sees who is copied: a CC change is an update they see (other columns: migration 0013's trigger)
    if (diff.ccs) values.customerUpdatedAt = now;
    const changed = await updateTicketRow(tx.db, ticket.id, { ...values, updatedAt: now });
    const updated = await ticketChanged(tx, { kind: 'updated', before: ticket, ticket: changed, by: actor }, (fields) =>
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

/** A date to look again belongs to a watching ticket and lies ahead, no more than a year. */
function lookAgainDate(value: string | null, status: TicketStatus, now: Date): Date | null {
  if (value === null) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new AppError('VALIDATION_FAILED', `lookAgainAt: "${value}" is not an instant.`);
  if (status !== 'watching') {
    throw new AppError(
      'VALIDATION_FAILED',
      'A date to look again is for a watching ticket: set the status to watching too.',
    );
  }
  if (at.getTime() <= now.getTime()) throw new AppError('VALIDATION_FAILED', 'The date to look again has passed.');
  // further off, the ticket is as good as forgotten: out of the queue, its SLA clocks stopped
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  if (at.getTime() > yearAhead.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'The date to look again must be within a year from now.');
  }
  return at;
}
