import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { namedContactLimitOf, requireOrgAdmin } from './named-contact-access.js';
import { listNamedContactRows } from './named-contacts-store.js';
import { findOrganizationById, type OrganizationRow } from './people-store.js';

/** "3 of 5 named contacts" and who they are, for an organization admin: their own organization's. */
export async function listNamedContacts(deps: Deps, actor: Actor) {
  const { organizationId } = await requireOrgAdmin(deps.db, actor);
  return listOf(deps, organizationId);
}

/** The same for an agent, of any organization. */
export async function listOrganizationNamedContacts(deps: Deps, actor: Actor, organizationId: string) {
  requireAgent(actor);
  return listOf(deps, organizationId);
}

async function listOf(deps: Deps, organizationId: string) {
  const organization = await findOrganizationById(deps.db, organizationId);
  if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${organizationId}.`);
  return presentNamedContacts(deps, organization);
}

export async function presentNamedContacts(deps: Deps, organization: OrganizationRow) {
  const rows = await listNamedContactRows(deps.db, organization.id);
  const { limit, planLimit } = namedContactLimitOf(deps.config.planContactLimits, organization);
  return {
    organization: { id: organization.id, name: organization.name, plan: organization.plan },
    count: rows.length,
    limit,
    planLimit,
    limitOverride: organization.namedContactLimit,
    items: rows.map((c) => ({ id: c.id, email: c.email, name: c.name, orgAdmin: c.orgAdmin })),
  };
}
