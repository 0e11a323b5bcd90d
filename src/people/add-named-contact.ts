import { recordEvent } from '../audit/index.js';
import { accessChanged } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { mailContactWelcome } from '../auth/contact-welcome.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { assertCustomerMayName, assertRoomForOneMore, requireOrgAdmin } from './named-contact-access.js';
import { lockContactsByEmails, lockOrganization } from './named-contacts-store.js';
import { type ContactRow, insertContact, type OrganizationRow, updateContactRow } from './people-store.js';

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
    const email = input.email.trim().toLowerCase();
    const [existing] = await lockContactsByEmails(tx.db, [email]);
    await assertCustomerMayName(tx.db, organization, [email], existing ? [existing] : []);
    if (existing?.organizationId === organizationId && existing.supportContact) {
      throw new AppError('ALREADY_EXISTS', `${email} is a named support contact already.`);
    }
    await assertRoomForOneMore(tx, organization);
    const contact = await nameContact(tx, organization, { email, name: input.name ?? null }, existing);
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
 * Makes the person a named contact of the organization within its limit, as an admin's add does, in
 * the caller's transaction: an approved entitlement request (src/entitlement).
 */
export async function nameContactWithinLimit(
  tx: Deps,
  organizationId: string,
  input: { email: string; name: string | null },
): Promise<ContactRow> {
  const organization = await lockOrganization(tx.db, organizationId);
  if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${organizationId}.`);
  await assertRoomForOneMore(tx, organization);
  const [existing] = await lockContactsByEmails(tx.db, [input.email]);
  return nameContact(tx, organization, input, existing);
}

/**
 * Makes the address a named contact of the organization, in the caller's transaction (which holds
 * the organization's lock). `existing` is the address's contact as the caller locked it
 * (lockContactsByEmails), if there is one. Refused when it is another organization's contact.
 */
export async function nameContact(
  tx: Deps,
  organization: OrganizationRow,
  input: { email: string; name: string | null; orgAdmin?: boolean },
  existing: ContactRow | undefined,
): Promise<ContactRow> {
  const now = tx.clock.now();
  let before = existing;
  if (!before) {
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
    [before] = await lockContactsByEmails(tx.db, [input.email]);
  }
  if (!before) throw new AppError('CONTACT_NOT_FOUND', `No contact ${input.email}.`);
  if (before.organizationId !== null && before.organizationId !== organization.id) {
    throw new AppError(
      'CONTACT_IN_OTHER_ORGANIZATION',
      `${input.email} is a contact of another organization; ask us if they moved to ${organization.name}.`,
    );
  }
  const row = (await updateContactRow(tx.db, before.id, {
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
