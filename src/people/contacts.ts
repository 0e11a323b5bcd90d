import { recordEvent } from '../audit/index.js';
import { accessChanged } from '../auth/access.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { endContactSessions } from '../auth/sessions.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/pagination.js';
import {
  type ContactRow,
  findContactByEmail,
  findContactById,
  findContactWithOrganization,
  findOrganizationById,
  insertContact,
  listContactRows,
  updateContactRow,
} from './people-store.js';
import { presentContact } from './present.js';

export interface ContactInput {
  email: string;
  name?: string | null;
  organizationId?: string | null;
  supportContact?: boolean;
  /** what agents should know about them; never shown to the contact */
  notes?: string | null;
  /** manages the organization's named contacts in the portal; makes them a named contact too */
  orgAdmin?: boolean;
}

async function assertOrganization(deps: Deps, organizationId: string | null | undefined) {
  if (organizationId && !(await findOrganizationById(deps.db, organizationId))) {
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${organizationId}.`);
  }
}

/** Adds a contact; placing them in an organization hands them its shared tickets, a lead's decision. */
export async function createContact(deps: Deps, actor: Actor, input: ContactInput) {
  requireAgent(actor, input.organizationId ? 'lead' : 'agent');
  return inTransaction(deps, async (tx) => {
    await assertOrganization(tx, input.organizationId);
    const now = tx.clock.now();
    const row = await insertContact(tx.db, {
      email: input.email.toLowerCase(),
      name: input.name ?? null,
      organizationId: input.organizationId ?? null,
      supportContact: input.supportContact ?? true,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', `A contact with the email ${input.email} already exists.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'contact.created',
      entityType: 'contact',
      entityId: row.id,
      data: { email: row.email, organizationId: row.organizationId },
    });
    return presentContact(row);
  });
}

/**
 * Changes a contact. Their email (where sign-in links go), organization (whose shared tickets they
 * see) and support role decide what a stranger could be handed, so they are a lead's to change; any
 * agent may fix a name. Notes about them are a lead's too: the whole team reads them.
 */
export async function updateContact(deps: Deps, actor: Actor, id: string, input: Partial<ContactInput>) {
  const needsLead =
    input.email !== undefined ||
    input.organizationId !== undefined ||
    input.supportContact !== undefined ||
    input.orgAdmin !== undefined ||
    input.notes !== undefined;
  requireAgent(actor, needsLead ? 'lead' : 'agent');
  return inTransaction(deps, async (tx) => {
    const before = await findContactById(tx.db, id);
    if (!before) throw new AppError('CONTACT_NOT_FOUND', `No contact ${id}.`);
    await assertOrganization(tx, input.organizationId);
    if (input.email && input.email.toLowerCase() !== before.email) {
      if (await findContactByEmail(tx.db, input.email)) {
        throw new AppError('ALREADY_EXISTS', `A contact with the email ${input.email} already exists.`);
      }
    }
    const orgAdmin = orgAdminAfter(before, input);
    const now = tx.clock.now();
    const row = (await updateContactRow(tx.db, id, {
      ...(input.email !== undefined ? { email: input.email.toLowerCase() } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
      ...(input.supportContact !== undefined ? { supportContact: input.supportContact } : {}),
      // an organization admin is always a named contact
      ...(orgAdmin ? { supportContact: true } : {}),
      orgAdmin,
      ...(input.notes !== undefined ? { notes: input.notes?.trim() || null } : {}),
      updatedAt: now,
    })) as ContactRow;
    // whoever signed in through the old address, or holds a link sent there, is no longer them
    if (row.email !== before.email) await endContactSessions(tx, actor, id);
    // what they see changes now, not when a cached credential runs out
    else if (row.organizationId !== before.organizationId || row.orgAdmin !== before.orgAdmin) {
      await accessChanged(tx, { contactId: id });
    }
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'contact.updated',
      entityType: 'contact',
      entityId: id,
      data: { changes: input },
    });
    return presentContact(row);
  });
}

/**
 * Whether the contact is an organization admin after the change: a lead makes them one (in an
 * organization); no longer named, or moved to another organization, they are not one any more.
 */
function orgAdminAfter(before: ContactRow, input: Partial<ContactInput>): boolean {
  const organizationId = input.organizationId !== undefined ? input.organizationId : before.organizationId;
  if (input.orgAdmin === true) {
    if (!organizationId) throw new AppError('VALIDATION_FAILED', 'An organization admin belongs to an organization.');
    if (input.supportContact === false) {
      throw new AppError('VALIDATION_FAILED', 'An organization admin is always a named support contact.');
    }
    return true;
  }
  if (input.orgAdmin === false || input.supportContact === false) return false;
  if (input.organizationId !== undefined && input.organizationId !== before.organizationId) return false;
  return before.orgAdmin;
}

export async function getContact(deps: Deps, actor: Actor, id: string) {
  if (actor.kind === 'contact' && actor.contactId !== id) throw new AppError('CONTACT_NOT_FOUND', `No contact ${id}.`);
  const row = await findContactById(deps.db, id);
  if (!row) throw new AppError('CONTACT_NOT_FOUND', `No contact ${id}.`);
  return presentContact(row);
}

export async function listContacts(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string; organizationId?: string; q?: string; limit: number },
) {
  requireAgent(actor);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await listContactRows(deps.db, {
    limit: query.limit,
    ...(after !== undefined ? { after } : {}),
    ...(query.organizationId ? { organizationId: query.organizationId } : {}),
    ...(query.q ? { q: query.q } : {}),
  });
  return toPage(rows, query.limit, (row) => [row.email], presentContact);
}

/**
 * The contact for an email address with its organization (id and name), created without one when
 * new: a requester may write before anyone has filed them under an organization.
 */
export async function findOrCreateRequester(deps: Deps, email: string, name?: string | null) {
  const found = await findContactWithOrganization(deps.db, { email: email.trim() });
  if (found) return found;
  return { contact: await findOrCreateContact(deps, email, name), organization: null };
}

/**
 * The contact for an email address, created without an organization when new: a requester may
 * write before anyone has filed them under an organization.
 */
export async function findOrCreateContact(deps: Deps, email: string, name?: string | null): Promise<ContactRow> {
  const normalized = email.trim().toLowerCase();
  const existing = await findContactByEmail(deps.db, normalized);
  if (existing) return existing;
  const now = deps.clock.now();
  const created = await insertContact(deps.db, {
    email: normalized,
    name: name ?? null,
    organizationId: null,
    supportContact: false,
    createdAt: now,
    updatedAt: now,
  });
  // a concurrent request may have created it between our read and insert
  return created ?? ((await findContactByEmail(deps.db, normalized)) as ContactRow);
}
