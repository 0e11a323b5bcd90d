import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { administeredOrganization, findContactsByIds, findOrganizationsByIds } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { listHeldTickets, listRequestRows } from './entitlement-store.js';
import { presentRequest } from './present.js';
import type { RequestState } from './tables.js';

/**
 * Requests, newest first: agents see every organization's (or one's); an organization's admin contact
 * sees their own organization's only, whatever they ask for.
 */
export async function listRequests(
  deps: Deps,
  actor: Actor,
  query: { organizationId?: string | undefined; states?: RequestState[] | undefined; limit: number },
) {
  let organizationId = query.organizationId;
  if (actor.kind === 'contact') {
    const own = await administeredOrganization(deps.db, actor.contactId);
    if (!own) throw new AppError('ORG_ADMIN_REQUIRED', "Only your organization's admins see its entitlement requests.");
    organizationId = own;
  } else requireAgent(actor);
  const rows = await listRequestRows(deps.db, {
    limit: query.limit,
    ...(organizationId ? { organizationId } : {}),
    ...(query.states ? { states: query.states } : {}),
  });
  const [held, organizations, contacts] = await Promise.all([
    listHeldTickets(
      deps.db,
      rows.map((r) => r.id),
    ),
    findOrganizationsByIds(deps.db, [...new Set(rows.map((r) => r.organizationId))]),
    findContactsByIds(deps.db, [...new Set(rows.map((r) => r.contactId))]),
  ]);
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  const now = deps.clock.now();
  return rows.map((r) =>
    presentRequest(
      r,
      orgName.get(r.organizationId) ?? '',
      contactName.get(r.contactId) ?? null,
      held.filter((h) => h.requestId === r.id),
      now,
    ),
  );
}
