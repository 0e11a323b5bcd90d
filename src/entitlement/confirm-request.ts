import { recordEvent } from '../audit/index.js';
import type { ContactActor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import { findContactById, findOrganizationById, listOrganizationAdmins } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { hashSecret } from '../platform/secrets.js';
import { findRequestByTokenHash, listHeldTickets, spendLink } from './entitlement-store.js';
import { noteOnTicket } from './held-tickets.js';
import { presentLink } from './present.js';
import type { RequestRow } from './tables.js';

// The link in the mail: whoever holds it reads the mailbox the request names, which a From cannot
// prove. Opening it shows what it is about; confirming (a POST, so a mail scanner that follows links
// confirms nothing) spends it and asks the organization's admins, or the desk's leads, to decide.

export const NOTE_MAX = 500;

const invalid = (message = 'This link is not valid: it may have been mistyped. Write to us again for a new one.') =>
  new AppError('ENTITLEMENT_LINK_INVALID', message);

async function requestOfToken(deps: Deps, token: string): Promise<RequestRow> {
  // only the hash is stored; a made-up token finds nothing
  const request = token.startsWith('pfe_') ? await findRequestByTokenHash(deps.db, hashSecret(token)) : undefined;
  if (!request) throw invalid();
  return request;
}

/** What the link is about, and where its request stands. */
export async function describeLink(deps: Deps, token: string) {
  const request = await requestOfToken(deps, token);
  const organization = await findOrganizationById(deps.db, request.organizationId);
  return presentLink(request, organization?.name ?? 'the organization', deps.clock.now());
}

/** Confirms the address (one use, within the link's days) with an optional line for the admins. */
export async function confirmRequest(deps: Deps, token: string, input: { note?: string | undefined }) {
  const note = input.note?.trim().slice(0, NOTE_MAX) || null;
  const known = await requestOfToken(deps, token);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const request = await spendLink(tx.db, hashSecret(token), now, note);
    if (!request) {
      throw invalid(
        known.state === 'awaiting-confirmation'
          ? 'This link has expired. Write to us again for a new one.'
          : 'This link was used already: your address is confirmed.',
      );
    }
    const [organization, contact] = await Promise.all([
      findOrganizationById(tx.db, request.organizationId),
      findContactById(tx.db, request.contactId),
    ]);
    const orgName = organization?.name ?? 'the organization';
    const person: ContactActor = {
      kind: 'contact',
      contactId: request.contactId,
      email: request.email,
      name: contact?.name ?? request.email,
      organizationId: contact?.organizationId ?? null,
      shareTickets: false,
      tokenId: null,
    };
    await recordEvent(tx.db, {
      actor: person,
      at: now,
      action: 'entitlement.confirmed',
      entityType: 'entitlement-request',
      entityId: request.id,
      data: { email: request.email, organizationId: request.organizationId, note },
    });
    const admins = await listOrganizationAdmins(tx.db, request.organizationId);
    const who = contact?.name ? `${contact.name} <${request.email}>` : request.email;
    for (const admin of admins) {
      await queueMail(tx, {
        purpose: 'entitlement-approval',
        automatic: 'auto-generated',
        to: [admin.email],
        subject: `${who} asks to be a named support contact of ${orgName}`,
        text: [
          `Hello${admin.name ? ` ${admin.name}` : ''},`,
          '',
          `${who} wrote to ${tx.config.supportName}'s support and confirmed that they read that mailbox. They ask to be one of ${orgName}'s named support contacts, who are entitled to support.`,
          ...(note ? ['', `They wrote: "${note}"`] : []),
          '',
          `Approve or decline: ${tx.config.publicUrl}/portal/contacts`,
          '',
          'Until someone decides, their tickets wait at the priority unentitled mail gets.',
        ].join('\n'),
      });
    }
    const deciders =
      admins.length > 0
        ? `${orgName}'s admins (${admins.map((a) => a.email).join(', ')})`
        : `a lead, on ${orgName}'s organization page (it has no admin contacts)`;
    // a held ticket an agent closed (or merged) meanwhile takes no note: the confirmation still counts
    for (const held of await listHeldTickets(tx.db, [request.id])) {
      await noteOnTicket(
        tx,
        held.ticketId,
        `${request.email} confirmed the address${note ? `, and wrote: "${note}"` : ''}. The request to be entitled by ${orgName} waits for ${deciders}.`,
      );
    }
    return presentLink(request, orgName, now);
  });
}
