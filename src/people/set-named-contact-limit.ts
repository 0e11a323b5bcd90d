import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { presentNamedContacts } from './list-named-contacts.js';
import { lockOrganization, setNamedContactLimit as setLimitRow } from './named-contacts-store.js';
import type { OrganizationRow } from './people-store.js';

/**
 * A lead sets an organization's own named-contact limit (an exception to its plan's), or clears it
 * (null). A lower limit removes nobody: the organization adds no one until it is under again.
 */
export async function setNamedContactLimit(deps: Deps, actor: Actor, organizationId: string, limit: number | null) {
  requireAgent(actor, 'lead');
  return inTransaction(deps, async (tx) => {
    const before = await lockOrganization(tx.db, organizationId);
    if (!before) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${organizationId}.`);
    const now = tx.clock.now();
    // locked above: it is there
    const row = (await setLimitRow(tx.db, organizationId, limit, now)) as OrganizationRow;
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'organization.named-contact-limit-set',
      entityType: 'organization',
      entityId: organizationId,
      data: { from: before.namedContactLimit, to: limit },
    });
    return presentNamedContacts(tx, row);
  });
}
