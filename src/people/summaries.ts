import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { listDomainsOf } from './organization-domains.js';
import { findContactWithOrganization, findOrganizationById } from './people-store.js';
import { presentContact, presentOrganization } from './present.js';
import {
  type ActiveStatus,
  countActiveTickets,
  countContactsOf,
  listCcTickets,
  listIssuesWaitedOn,
  listSupportContacts,
} from './summary-store.js';

// The person and organization pages, for agents: a customer's notes are the team's, never the
// customer's, so a contact is refused here even about themselves.

const CC_TICKETS = 25;
const SUPPORT_CONTACTS = 100;
const ISSUES = 20;

function tally(byStatus: Record<ActiveStatus, number>) {
  return {
    byStatus,
    /** waiting on us */
    open: byStatus.new + byStatus.open,
    /** waiting on the customer, someone else, or a linked issue */
    waiting: byStatus.pending + byStatus['on-hold'] + byStatus.watching,
  };
}

const iso = (value: Date | string) => new Date(value).toISOString();

export async function getContactSummary(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor);
  const found = await findContactWithOrganization(deps.db, { id });
  if (!found) throw new AppError('CONTACT_NOT_FOUND', `No contact ${id}.`);
  const [counts, ccTickets] = await Promise.all([
    countActiveTickets(deps.db, { requesterId: id }),
    listCcTickets(deps.db, id, CC_TICKETS),
  ]);
  const { organization } = found;
  return {
    contact: { ...presentContact(found.contact), notes: found.contact.notes },
    // the contact's query joined it already
    organization: organization
      ? {
          id: organization.id,
          name: organization.name,
          plan: organization.plan,
          shareTickets: organization.shareTickets,
        }
      : null,
    tickets: tally(counts),
    ccTickets: ccTickets.map((t) => ({
      number: Number(t.number),
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      requester: { id: t.requesterId, email: t.requesterEmail, name: t.requesterName },
      updatedAt: iso(t.updatedAt),
    })),
  };
}

export async function getOrganizationSummary(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor);
  const row = await findOrganizationById(deps.db, id);
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${id}.`);
  const [counts, contactCount, supportContacts, issues, domains] = await Promise.all([
    countActiveTickets(deps.db, { organizationId: id }),
    countContactsOf(deps.db, id),
    listSupportContacts(deps.db, id, SUPPORT_CONTACTS),
    listIssuesWaitedOn(deps.db, id, ISSUES),
    listDomainsOf(deps.db, id),
  ]);
  return {
    organization: { ...presentOrganization(row, domains), notes: row.notes },
    tickets: tally(counts),
    contactCount,
    supportContacts,
    waitingOn: issues.map((i) => ({
      id: i.id,
      forge: { kind: i.forgeKind, name: i.forgeName },
      kind: i.kind,
      project: i.project,
      number: Number(i.number),
      url: i.url,
      title: i.title,
      state: i.state,
      status: i.status,
      milestone: i.milestoneTitle,
      tickets: Number(i.tickets),
    })),
  };
}
