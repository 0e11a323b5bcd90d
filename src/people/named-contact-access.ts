import type { Actor } from '../auth/actor.js';
import type { ContactLimitsSetting } from '../config.js';
import type { Deps } from '../deps.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { countNamedContacts } from './named-contacts-store.js';
import { listDomainsOf } from './organization-domains.js';
import { type ContactRow, findContactById, type OrganizationRow } from './people-store.js';

// Who may change an organization's named support contacts, and how many it may have.

/** A customer's CI job holding an organization's sync token (named-contact-sync-tokens.ts). */
export interface SyncTokenCaller {
  kind: 'sync-token';
  tokenId: string;
  organizationId: string;
  name: string;
}

/**
 * How a sync token is written into the audit log: as a token (auditActor). Only for the audit log:
 * it is never a caller that authorization looks at.
 */
export function syncTokenAuditActor(caller: SyncTokenCaller): Actor {
  return { kind: 'agent', role: 'agent', agentId: null, tokenId: caller.tokenId, name: `sync token "${caller.name}"` };
}

/** The organization a contact administers, read now (not from a credential cached before a change). */
export async function administeredOrganization(db: Db, contactId: string): Promise<string | undefined> {
  const contact = await findContactById(db, contactId);
  return contact?.orgAdmin && contact.organizationId ? contact.organizationId : undefined;
}

/**
 * The calling contact, when they are an admin of their organization (read now). Agents manage named
 * contacts on the organization page instead.
 */
export async function requireOrgAdmin(db: Db, actor: Actor): Promise<{ contactId: string; organizationId: string }> {
  if (actor.kind !== 'contact') {
    throw new AppError('FORBIDDEN', "Customers' admins manage named contacts here; agents on the organization page.");
  }
  const organizationId = await administeredOrganization(db, actor.contactId);
  if (!organizationId) {
    throw new AppError(
      'ORG_ADMIN_REQUIRED',
      "Only your organization's admins manage its named support contacts; ask one of them, or us.",
    );
  }
  return { contactId: actor.contactId, organizationId };
}

/** The organization's limit: an agent's exception when set, else its plan's, else the desk's default. */
export function namedContactLimitOf(
  limits: ContactLimitsSetting,
  organization: Pick<OrganizationRow, 'plan' | 'namedContactLimit'>,
): { limit: number; planLimit: number } {
  const planLimit = limits.byPlan[organization.plan] ?? limits.default;
  return { limit: organization.namedContactLimit ?? planLimit, planLimit };
}

/**
 * NAMED_CONTACT_LIMIT when the organization has all the named contacts its limit allows. The caller
 * holds the organization's lock (lockOrganization): two adds at once cannot both see room for one more.
 */
export async function assertRoomForOneMore(deps: Deps, organization: OrganizationRow): Promise<void> {
  const { limit } = namedContactLimitOf(deps.config.planContactLimits, organization);
  if ((await countNamedContacts(deps.db, organization.id)) < limit) return;
  throw new AppError(
    'NAMED_CONTACT_LIMIT',
    `${organization.name} has all ${limit} named support contacts its plan allows; remove one first, or ask us about a larger plan.`,
    { limit },
  );
}

/**
 * A customer (an organization admin, or its sync token) names people at the organization's own mail
 * domains, or people who are its contacts already; anyone else is named by a lead, who can check. So
 * no customer takes another's people, a stranger's history, or an address of its choosing (whose
 * welcome mail would be the customer's words), and the answer depends on the address's domain alone:
 * it says nothing about who else is a contact.
 */
export async function assertCustomerMayName(
  db: Db,
  organization: OrganizationRow,
  emails: readonly string[],
  /** the contacts with these addresses, as the caller read (and locked) them */
  known: readonly Pick<ContactRow, 'email' | 'organizationId'>[],
) {
  const domains = new Set(await listDomainsOf(db, organization.id));
  const ownContacts = new Set(known.filter((c) => c.organizationId === organization.id).map((c) => c.email));
  const refused = emails.filter((e) => !domains.has(e.slice(e.lastIndexOf('@') + 1)) && !ownContacts.has(e));
  if (refused.length === 0) return;
  const where =
    domains.size > 0
      ? `${organization.name} names people at its own mail domains (${[...domains].join(', ')})`
      : `${organization.name} has no mail domains of its own yet`;
  throw new AppError(
    'NAMED_CONTACT_DOMAIN',
    `${where}; ask us to name ${refused.slice(0, 5).join(', ')}${refused.length > 5 ? ` and ${refused.length - 5} more` : ''}.`,
    { emails: refused },
  );
}
