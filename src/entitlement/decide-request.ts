import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import {
  administeredOrganization,
  findContactById,
  findOrganizationById,
  nameContactWithinLimit,
} from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { findRequestById, listHeldTickets, setRequestDecision } from './entitlement-store.js';
import { entitleHeldTicket, releaseHeldTicket } from './held-tickets.js';
import { presentRequest } from './present.js';
import type { HeldTicketRow, RequestRow } from './tables.js';

// An organization's admin contact (in the portal) or a lead (in the agent app) decides a request.
// Approving makes the person a named support contact, within the plan's limit, and gives the tickets
// the request held their entitlement; declining tells the person politely. Both are audited, noted on
// the tickets, and mailed to the person.

export const DECISION_NOTE_MAX = 500;

const notFound = (id: string) => new AppError('ENTITLEMENT_REQUEST_NOT_FOUND', `No entitlement request ${id}.`);

/** The request, locked, if the actor may decide it; someone else's organization's is not found. */
async function requestToDecide(deps: Deps, actor: Actor, id: string): Promise<RequestRow> {
  if (actor.kind !== 'contact') requireAgent(actor, 'lead');
  const request = await findRequestById(deps.db, id, { forUpdate: true });
  if (!request) throw notFound(id);
  if (
    actor.kind === 'contact' &&
    (await administeredOrganization(deps.db, actor.contactId)) !== request.organizationId
  ) {
    throw notFound(id);
  }
  if (request.state !== 'awaiting-confirmation' && request.state !== 'awaiting-approval') {
    throw new AppError('ENTITLEMENT_REQUEST_DECIDED', `This request was ${request.state} already.`);
  }
  return request;
}

/**
 * Writes the decision on the request, applies it to each ticket the request held, and audits it, in
 * the caller's transaction.
 */
async function recordDecision(
  tx: Deps,
  actor: Actor,
  request: RequestRow,
  decision: {
    state: 'approved' | 'declined';
    by: string;
    note: string | undefined;
    /** more for the audit event */
    audit?: Record<string, unknown>;
  },
  toTicket: (held: HeldTicketRow, note: string | null) => Promise<void>,
) {
  const now = tx.clock.now();
  const note = decision.note?.trim().slice(0, DECISION_NOTE_MAX) || null;
  const decided = await setRequestDecision(tx.db, request.id, {
    state: decision.state,
    decidedAt: now,
    decidedBy: decision.by,
    decisionNote: note,
  });
  const held = await listHeldTickets(tx.db, [request.id]);
  for (const ticket of held) await toTicket(ticket, note);
  await recordEvent(tx.db, {
    actor,
    at: now,
    action: `entitlement.${decision.state}`,
    entityType: 'entitlement-request',
    entityId: request.id,
    data: {
      email: request.email,
      organizationId: request.organizationId,
      ...decision.audit,
      tickets: held.map((h) => h.ticketId),
      note,
    },
  });
  return { decided, held, note };
}

function deciderName(actor: Actor, organizationName: string): string {
  if (actor.kind === 'contact') return `${actor.name} (${organizationName}'s admin)`;
  return actor.name;
}

export async function approveRequest(deps: Deps, actor: Actor, id: string, input: { note?: string | undefined } = {}) {
  return inTransaction(deps, async (tx) => {
    const request = await requestToDecide(tx, actor, id);
    // until the link is used, nobody has shown they read that mailbox
    if (request.state !== 'awaiting-approval') {
      throw new AppError(
        'ENTITLEMENT_NOT_CONFIRMED',
        `${request.email} has not confirmed the address yet: it can be declined, not approved.`,
      );
    }
    const now = tx.clock.now();
    const organization = await findOrganizationById(tx.db, request.organizationId);
    if (!organization) throw notFound(id);
    const person = await findContactById(tx.db, request.contactId);
    // the address they proved is the one that becomes a named contact, and nobody else's member is taken
    if (!person || person.email !== request.email) {
      throw new AppError('ENTITLEMENT_REQUEST_DECIDED', `${request.email} is no longer this contact's address.`);
    }
    if (person.organizationId && person.organizationId !== organization.id) {
      throw new AppError(
        'CONTACT_IN_OTHER_ORGANIZATION',
        `${request.email} belongs to another organization now: a lead moves them first.`,
      );
    }
    // named meanwhile (by an admin, a lead, a sync): nothing to add, and no place to take
    const named = person.supportContact && person.organizationId === organization.id;
    const contact = named
      ? person
      : await nameContactWithinLimit(tx, organization.id, { email: person.email, name: person.name });
    const by = deciderName(actor, organization.name);
    const { decided, held, note } = await recordDecision(
      tx,
      actor,
      request,
      { state: 'approved', by, note: input.note, audit: { contactId: request.contactId } },
      (ticket) =>
        entitleHeldTicket(
          tx,
          actor,
          ticket,
          organization.id,
          `${by} approved ${request.email} as a named support contact of ${organization.name}: this ticket now has their entitlement.`,
        ),
    );
    await queueMail(tx, {
      purpose: 'entitlement-approved',
      automatic: 'auto-generated',
      to: [request.email],
      subject: `You are a named support contact of ${organization.name}`,
      text: [
        `${organization.name} approved your request: ${request.email} is now one of its named support contacts, entitled to ${tx.config.supportName}'s support.`,
        ...(held.length > 0
          ? ['', `We are working on ${held.map((h) => `#${h.ticketId}`).join(', ')} as for any of them.`]
          : []),
        ...(note ? ['', `They wrote: "${note}"`] : []),
        '',
        `Your tickets: ${tx.config.publicUrl}/portal`,
      ].join('\n'),
    });
    return presentRequest(decided, organization.name, contact.name, held, now);
  });
}

export async function declineRequest(deps: Deps, actor: Actor, id: string, input: { note?: string | undefined } = {}) {
  return inTransaction(deps, async (tx) => {
    const request = await requestToDecide(tx, actor, id);
    const now = tx.clock.now();
    const organization = await findOrganizationById(tx.db, request.organizationId);
    const orgName = organization?.name ?? 'the organization';
    const by = deciderName(actor, orgName);
    const { decided, held, note } = await recordDecision(
      tx,
      actor,
      request,
      { state: 'declined', by, note: input.note },
      (ticket, written) =>
        releaseHeldTicket(
          tx,
          ticket,
          `${by} declined ${request.email}'s request to be a named support contact of ${orgName}${written ? `: "${written}"` : ''}.`,
        ),
    );
    // only someone who showed they read the mailbox hears of it: an unconfirmed request may be a forged From
    if (request.state === 'awaiting-approval') {
      await queueMail(tx, {
        purpose: 'entitlement-declined',
        automatic: 'auto-generated',
        to: [request.email],
        subject: `Your request to ${orgName}'s support`,
        text: [
          'Thank you for confirming your address.',
          '',
          `${orgName} did not add ${request.email} to its named support contacts, so we cannot take support requests from it on ${orgName}'s behalf.${note ? ` They wrote: "${note}"` : ''}`,
          '',
          `If this is a mistake, ask one of ${orgName}'s named support contacts to write to us for you, or to add you.`,
          '',
          tx.config.supportName,
        ].join('\n'),
      });
    }
    return presentRequest(decided, orgName, null, held, now);
  });
}
