import { recordEvent } from '../audit/index.js';
import { type Actor, auditActor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findContactsByIds, findOrCreateContact, findPeopleByIds } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { colleaguesByEmail } from '../portal/colleagues.js';
import { ticketChanged } from './lifecycle.js';
import { type CcRow, deleteTicketCc, listTicketCcRows } from './story-store.js';
import type { CcVia } from './tables.js';
import { addTicketCcs, findTicket, type TicketRow } from './ticket-store.js';
import { visibilityOf } from './visibility.js';

// CCs by hand: agents copy anyone (someone of another organization too: a deliberate act, recorded
// with who did it); a customer manages the CCs of their own tickets, copying only colleagues the desk
// knows (portal/colleagues.ts: the desk is no relay to strangers, and answers tell no one who else it
// knows), and may take themselves off one they are copied on. Mail adds CCs on its own rules (process-inbound.ts): people copied on a reply
// to our mail join, recorded as copied by the sender.

export interface CcView {
  contact: { id: string; email: string; name: string | null };
  organization: { id: string; name: string } | null;
  /** not of the ticket's organization: they see this ticket, but none other of that organization's */
  otherOrganization: boolean;
  addedAt: string;
  addedBy: { kind: string; name: string } | null;
  via: CcVia | null;
}

async function findVisibleTicket(deps: Deps, actor: Actor, number: number, forUpdate = false) {
  const ticket = await findTicket(deps.db, number, visibilityOf(actor), { forUpdate });
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  return ticket;
}

async function presentCcs(deps: Deps, actor: Actor, ticket: TicketRow, rows: CcRow[]): Promise<CcView[]> {
  const contacts = await findContactsByIds(
    deps.db,
    rows.map((r) => r.contactId),
  );
  const orgIds = [...new Set(contacts.flatMap((c) => (c.organizationId ? [c.organizationId] : [])))];
  const refs = await findPeopleByIds(deps.db, { contactIds: [], organizationIds: orgIds, agentIds: [], teamIds: [] });
  return rows.flatMap((row) => {
    const contact = contacts.find((c) => c.id === row.contactId);
    if (!contact) return [];
    // a customer learns the organization of their colleagues only, never which one a stranger is of
    const shown = actor.kind !== 'contact' || contact.organizationId === actor.organizationId;
    return [
      {
        contact: { id: contact.id, email: contact.email, name: contact.name },
        organization: shown && contact.organizationId ? (refs.organizations.get(contact.organizationId) ?? null) : null,
        otherOrganization: contact.organizationId !== ticket.organizationId,
        addedAt: row.addedAt.toISOString(),
        addedBy: row.addedByName ? { kind: row.addedByKind ?? 'system', name: row.addedByName } : null,
        via: row.addedVia,
      },
    ];
  });
}

/** A ticket's CCs: who, of which organization, and who copied them when. */
export async function listCcs(deps: Deps, actor: Actor, number: number): Promise<CcView[]> {
  const ticket = await findVisibleTicket(deps, actor, number);
  return presentCcs(deps, actor, ticket, await listTicketCcRows(deps.db, ticket.id));
}

function mayManage(actor: Actor, ticket: TicketRow, contactId?: string): boolean {
  if (actor.kind !== 'contact') return true;
  // a customer manages their own ticket's CCs, and may leave one they were copied on
  return ticket.requesterId === actor.contactId || contactId === actor.contactId;
}

/** Agents name anyone (created when new); a customer only a colleague, and never creates a contact. */
async function contactToCopy(deps: Deps, actor: Actor, input: { email: string; name?: string }) {
  if (actor.kind !== 'contact') return findOrCreateContact(deps, input.email, input.name?.trim() || null);
  const [colleague] = await colleaguesByEmail(deps.db, actor.organizationId, [input.email]);
  return colleague as NonNullable<typeof colleague>;
}

/** Copies someone on a ticket by email; they get its public replies by mail and may read it. */
export async function addCc(deps: Deps, actor: Actor, number: number, input: { email: string; name?: string }) {
  return inTransaction(deps, async (tx) => {
    const ticket = await findVisibleTicket(tx, actor, number, true);
    if (!mayManage(actor, ticket)) {
      throw new AppError('FORBIDDEN', `Only the requester of #${number} or an agent can copy people on it.`);
    }
    if (ticket.status === 'closed') throw new AppError('TICKET_CLOSED', `Ticket #${number} is closed.`);
    const contact = await contactToCopy(tx, actor, input);
    if (contact.id === ticket.requesterId) {
      throw new AppError('VALIDATION_FAILED', `${contact.email} is the requester of #${number}.`);
    }
    const now = tx.clock.now();
    const added = await addTicketCcs(tx.db, ticket.id, [contact.id], now, { ...auditActor(actor), via: 'added' });
    if (added.length === 0) throw new AppError('ALREADY_EXISTS', `${contact.email} is CC'd on #${number} already.`);
    const otherOrganization = contact.organizationId !== ticket.organizationId;
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'ticket.cc-added',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: { contactId: contact.id, email: contact.email, otherOrganization },
    });
    // the live stream hears it with the new audience: the CC's open portal sees the ticket appear
    await ticketChanged(tx, { kind: 'updated', before: ticket, ticket, by: actor }, async () => ticket);
    const rows = await listTicketCcRows(tx.db, ticket.id);
    const views = await presentCcs(
      tx,
      actor,
      ticket,
      rows.filter((r) => r.contactId === contact.id),
    );
    return views[0] as CcView;
  });
}

/** Takes someone off a ticket's CCs: no more mail about it, and (unless it is theirs otherwise) no access. */
export async function removeCc(deps: Deps, actor: Actor, number: number, contactId: string) {
  await inTransaction(deps, async (tx) => {
    const ticket = await findVisibleTicket(tx, actor, number, true);
    if (!mayManage(actor, ticket, contactId)) {
      throw new AppError('FORBIDDEN', `Only the requester of #${number} or an agent can take people off it.`);
    }
    const [contact] = await findContactsByIds(tx.db, [contactId]);
    if (!(await deleteTicketCc(tx.db, ticket.id, contactId))) {
      throw new AppError('NOT_FOUND', `${contact?.email ?? contactId} is not CC'd on #${number}.`);
    }
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'ticket.cc-removed',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: { contactId, email: contact?.email ?? null },
    });
    await ticketChanged(tx, { kind: 'updated', before: ticket, ticket, by: actor }, async () => ticket);
  });
}
