import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { nameContact } from '../people/add-named-contact.js';
import { limitReached, namedContactLimitOf } from '../people/named-contact-access.js';
import { countNamedContacts, lockOrganization } from '../people/named-contacts-store.js';
import { findContactById } from '../people/people-store.js';
import { contacts } from '../people/tables.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';

// What entitlement needs from the people module's named contacts (the portal's "Named contacts"):
// who an organization's admins are, and "make this person a named contact, within the plan's limit".

/** The organization's admin contacts: they approve requests to join it. */
// people has no export for this yet: the one query entitlement makes on its table
export async function listOrganizationAdmins(db: Db, organizationId: string) {
  return db
    .select({ id: contacts.id, email: contacts.email, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.orgAdmin, true)))
    .orderBy(asc(contacts.email));
}

/** The organization a contact administers, read now (not from a credential cached before a change). */
export async function administeredOrganization(db: Db, contactId: string): Promise<string | undefined> {
  const contact = await findContactById(db, contactId);
  return contact?.orgAdmin && contact.organizationId ? contact.organizationId : undefined;
}

/**
 * Makes the contact a named support contact of the organization, in the caller's transaction, as an
 * admin's "Add named contact" does: the organization locked first, so two approvals at once cannot
 * both take the last place; NAMED_CONTACT_LIMIT when the plan is full.
 */
export async function makeNamedContact(
  deps: Deps,
  organizationId: string,
  contact: { email: string; name: string | null },
) {
  const organization = await lockOrganization(deps.db, organizationId);
  if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${organizationId}.`);
  const { limit } = namedContactLimitOf(deps.config.planContactLimits, organization);
  if ((await countNamedContacts(deps.db, organizationId)) >= limit) throw limitReached(organization, limit);
  return nameContact(deps, organization, contact);
}
