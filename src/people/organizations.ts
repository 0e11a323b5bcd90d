import { recordEvent } from '../audit/index.js';
import { accessChanged } from '../auth/access.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { isUniqueViolation } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/pagination.js';
import { domainsOf, listDomainsOf, normaliseDomains, replaceDomains } from './organization-domains.js';
import {
  findOrganizationById,
  insertOrganization,
  listOrganizationRows,
  updateOrganizationRow,
} from './people-store.js';
import { presentOrganization } from './present.js';

export interface OrganizationInput {
  name: string;
  plan?: string;
  shareTickets?: boolean;
  /** routing prefers agents of this region when any is on shift */
  preferredRegion?: string | null;
  /** what agents should know about the customer; never shown to its contacts */
  notes?: string | null;
  /** mail domains it owns: a stranger writing from one may ask to be entitled */
  emailDomains?: string[];
}

export async function createOrganization(deps: Deps, actor: Actor, input: OrganizationInput) {
  requireAgent(actor, 'lead');
  const emailDomains = normaliseDomains(input.emailDomains ?? []);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertOrganization(tx.db, {
      name: input.name.trim(),
      plan: input.plan ?? 'standard',
      shareTickets: input.shareTickets ?? false,
      preferredRegion: input.preferredRegion ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', `An organization named "${input.name}" already exists.`);
    await replaceDomains(tx.db, row.id, emailDomains, now);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'organization.created',
      entityType: 'organization',
      entityId: row.id,
      data: { name: row.name, plan: row.plan, shareTickets: row.shareTickets, emailDomains },
    });
    return presentOrganization(row, emailDomains);
  });
}

export async function updateOrganization(deps: Deps, actor: Actor, id: string, input: Partial<OrganizationInput>) {
  requireAgent(actor, 'lead');
  const emailDomains = input.emailDomains === undefined ? undefined : normaliseDomains(input.emailDomains);
  return inTransaction(deps, async (tx) => {
    const before = await findOrganizationById(tx.db, id);
    if (!before) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${id}.`);
    const domainsBefore = await listDomainsOf(tx.db, id);
    const now = tx.clock.now();
    const row = await updateOrganizationRow(tx.db, id, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.plan !== undefined ? { plan: input.plan } : {}),
      ...(input.shareTickets !== undefined ? { shareTickets: input.shareTickets } : {}),
      ...(input.preferredRegion !== undefined ? { preferredRegion: input.preferredRegion } : {}),
      ...(input.notes !== undefined ? { notes: input.notes?.trim() || null } : {}),
      updatedAt: now,
    }).catch((err: unknown) => {
      if (isUniqueViolation(err))
        throw new AppError('ALREADY_EXISTS', `An organization named "${input.name}" already exists.`);
      throw err;
    });
    if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${id}.`);
    if (emailDomains !== undefined) await replaceDomains(tx.db, id, emailDomains, now);
    // its contacts see more or fewer tickets from now on, on every page and live stream
    if (row.shareTickets !== before.shareTickets) await accessChanged(tx, { organizationId: id });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'organization.updated',
      entityType: 'organization',
      entityId: id,
      data: {
        from: presentOrganization(before, domainsBefore),
        changes: { ...input, ...(emailDomains !== undefined ? { emailDomains } : {}) },
      },
    });
    return presentOrganization(row, emailDomains ?? domainsBefore);
  });
}

export async function getOrganization(deps: Deps, actor: Actor, id: string) {
  // a contact may read its own organization and nothing else; others look absent
  if (actor.kind === 'contact' && actor.organizationId !== id) {
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${id}.`);
  }
  const row = await findOrganizationById(deps.db, id);
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${id}.`);
  return presentOrganization(row, await listDomainsOf(deps.db, id));
}

export async function listOrganizations(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string; q?: string; limit: number },
) {
  requireAgent(actor);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await listOrganizationRows(deps.db, {
    limit: query.limit,
    ...(after !== undefined ? { after } : {}),
    ...(query.q ? { q: query.q } : {}),
  });
  const domains = await domainsOf(
    deps.db,
    rows.map((r) => r.row.id),
  );
  return toPage(
    rows,
    query.limit,
    (r) => [r.sortKey],
    (r) => presentOrganization(r.row, domains.get(r.row.id) ?? []),
  );
}
