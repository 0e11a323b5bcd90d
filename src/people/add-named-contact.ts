import { recordEvent } from '../audit/index.js';
import { accessChanged } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { mailContactWelcome } from '../auth/contact-welcome.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { assertCustomerMayName, limitReached, namedContactLimitOf, requireOrgAdmin } from './named-contact-access.js';
import { countNamedContacts, lockContactsByEmails, lockOrganization } from './named-contacts-store.js';
import {
  type ContactRow,
  findContactByEmail,
  insertContact,
  type OrganizationRow,
  updateContactRow,
} from './people-store.js';

/**
 * An organization admin names a colleague a support contact, up to the organization's limit. A new
 * address becomes a contact of the organization; a contact without one joins it; another
 * organization's contact stays theirs (nobody takes people from another customer). They get a
 * welcome mail with a portal sign-in link.
 */
export async function addNamedContact(deps: Deps, actor: Actor, input: { email: string; name?: string | null }) {
  return inTransaction(deps, async (tx) => {
    const { organizationId } = await requireOrgAdmin(tx.db, actor);
    // two adds at once wait for each other here: the count below is the real one
    const organization = (await lockOrganization(tx.db, organizationId)) as OrganizationRow;
    const { limit } = namedContactLimitOf(tx.config.planContactLimits, organization);
    const email = input.email.trim().toLowerCase();
    await assertCustomerMayName(tx.db, organization, [email]);
    const existing = await findContactByEmail(tx.db, email);
    if (existing?.organizationId === organizationId && existing.supportContact) {
      throw new AppError('ALREADY_EXISTS', `${email} is a named support contact already.`);
    }
    if ((await countNamedContacts(tx.db, organizationId)) >= limit) throw limitReached(organization, limit);
    const contact = await nameContact(tx, organization, { email, name: input.name ?? null });
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'named-contact.added',
      entityType: 'contact',
      entityId: contact.id,
      data: { organizationId, email },
    });
    await mailContactWelcome(tx, contact, organization, actor.kind === 'contact' ? actor.name : null);
    return { id: contact.id, email: contact.email, name: contact.name, orgAdmin: contact.orgAdmin };
  });
}

/**
 * Makes the address a named contact of the organization, in the caller's transaction (which holds
 * the organization's lock). Refused when it is another organization's contact.
 */
export async function nameContact(
  tx: Deps,
  organization: OrganizationRow,
  input: { email: string; name: string | null; orgAdmin?: boolean },
): Promise<ContactRow> {
  const now = tx.clock.now();
  // locked: the address must not join another organization between this read and the write
  let [found] = await lockContactsByEmails(tx.db, [input.email]);
  if (!found) {
    const created = await insertContact(tx.db, {
      email: input.email,
      name: input.name,
      organizationId: organization.id,
      supportContact: true,
      orgAdmin: input.orgAdmin ?? false,
      createdAt: now,
      updatedAt: now,
    });
    if (created) return created;
    // someone created the contact meanwhile (mail from them, another organization's admin)
    [found] = await lockContactsByEmails(tx.db, [input.email]);
  }
  if (!found) throw new AppError('CONTACT_NOT_FOUND', `No contact ${input.email}.`);
  if (found.organization_id !== null && found.organization_id !== organization.id) {
    throw new AppError(
      'CONTACT_IN_OTHER_ORGANIZATION',
      `${input.email} is a contact of another organization; ask us if they moved to ${organization.name}.`,
    );
  }
  const before = (await findContactByEmail(tx.db, input.email)) as ContactRow;
  const row = (await updateContactRow(tx.db, found.id, {
    organizationId: organization.id,
    supportContact: true,
    ...(input.orgAdmin !== undefined ? { orgAdmin: input.orgAdmin } : {}),
    // their own name stays; the file's or the admin's fills a missing one
    ...(input.name && !before.name ? { name: input.name } : {}),
    updatedAt: now,
  })) as ContactRow;
  // joined the organization (its shared tickets), or became its admin: what they may do changes now
  if (before.organizationId !== row.organizationId || before.orgAdmin !== row.orgAdmin) {
    await accessChanged(tx, { contactId: row.id });
  }
  return row;
}
