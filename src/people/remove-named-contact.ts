import { recordEvent } from '../audit/index.js';
import { accessChanged } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { requireOrgAdmin } from './named-contact-access.js';
import { countOrgAdmins, lockOrganization } from './named-contacts-store.js';
import { type ContactRow, findContactById, updateContactRow } from './people-store.js';

/**
 * An organization admin removes a named contact: they stay a contact of the organization, with their
 * tickets, but may no longer open tickets for it. The last admin cannot remove themselves.
 */
export async function removeNamedContact(deps: Deps, actor: Actor, contactId: string) {
  return inTransaction(deps, async (tx) => {
    const { organizationId } = await requireOrgAdmin(tx.db, actor);
    await lockOrganization(tx.db, organizationId);
    const target = await findContactById(tx.db, contactId);
    // another organization's contact looks absent
    if (!target || target.organizationId !== organizationId || !target.supportContact) {
      throw new AppError('CONTACT_NOT_FOUND', `No named contact ${contactId}.`);
    }
    await unnameContact(tx, target);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'named-contact.removed',
      entityType: 'contact',
      entityId: target.id,
      data: { organizationId, email: target.email, wasOrgAdmin: target.orgAdmin },
    });
  });
}

/** No longer named (nor an admin), in the caller's transaction; the organization's last admin stays. */
export async function unnameContact(tx: Deps, target: ContactRow): Promise<void> {
  if (target.orgAdmin && target.organizationId && (await countOrgAdmins(tx.db, target.organizationId)) <= 1) {
    throw new AppError(
      'LAST_ORG_ADMIN',
      `${target.email} is the organization's last admin: make someone else an admin first (ask us), or keep them.`,
    );
  }
  await updateContactRow(tx.db, target.id, { supportContact: false, orgAdmin: false, updatedAt: tx.clock.now() });
  if (target.orgAdmin) await accessChanged(tx, { contactId: target.id });
}
