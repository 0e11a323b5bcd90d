import { recordEvent } from '../audit/index.js';
import { accessChanged } from '../auth/access.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { mailContactWelcome } from '../auth/contact-welcome.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { nameContact } from './add-named-contact.js';
import {
  assertCustomerMayName,
  namedContactLimitOf,
  type SyncTokenCaller,
  syncTokenAuditActor,
} from './named-contact-access.js';
import {
  countOrgAdmins,
  listNamedContactRows,
  lockContactsByEmails,
  lockOrganization,
} from './named-contacts-store.js';
import { parseNamedContactsFile } from './parse-named-contacts-file.js';
import { updateContactRow } from './people-store.js';
import { unnameContact } from './remove-named-contact.js';

/**
 * Makes the organization's named contacts exactly the file's: new ones are named (and welcomed),
 * those missing are no longer named (they stay contacts, with their tickets), `admin:` sets or
 * clears an organization admin. The whole file or nothing: a file over the limit, or naming another
 * organization's contact, changes nothing. Sending the same file again changes nothing.
 */
export async function syncNamedContacts(
  deps: Deps,
  caller: Actor | SyncTokenCaller,
  organizationId: string,
  body: unknown,
) {
  let actor: Actor;
  if (caller.kind === 'sync-token') {
    if (caller.organizationId !== organizationId) {
      throw new AppError('TOKEN_SCOPE', "This sync token is for another organization's named contacts.");
    }
    actor = syncTokenAuditActor(caller);
  } else actor = requireAgent(caller, 'lead');
  const entries = parseNamedContactsFile(body);
  return inTransaction(deps, async (tx) => {
    const organization = await lockOrganization(tx.db, organizationId);
    if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${organizationId}.`);
    const { limit } = namedContactLimitOf(tx.config.planContactLimits, organization);
    // locked: an address in the file must not move to another organization meanwhile
    const known = await lockContactsByEmails(
      tx.db,
      entries.map((e) => e.email),
    );
    if (caller.kind === 'sync-token') {
      // a CI secret names people; who administers the organization is a person's choice (portal) or ours
      const admins = entries.filter((e) => e.admin !== undefined);
      if (admins.length > 0) {
        throw new AppError(
          'NAMED_CONTACTS_FILE_INVALID',
          `"admin:" is set in the portal by an organization admin, or by us, not by a sync token. Nothing was changed.\n${admins.map((e) => `line ${e.line}: ${e.email}`).join('\n')}`,
        );
      }
      await assertCustomerMayName(
        tx.db,
        organization,
        entries.map((e) => e.email),
        known,
      );
    }
    if (entries.length > limit) {
      throw new AppError(
        'NAMED_CONTACT_LIMIT',
        `The file lists ${entries.length} contacts; ${organization.name} may have ${limit}. Nothing was changed.`,
        { limit },
      );
    }
    const elsewhere = known.filter((c) => c.organizationId !== null && c.organizationId !== organizationId);
    if (elsewhere.length > 0) {
      const lines = elsewhere.map((c) => {
        const line = entries.find((e) => e.email === c.email)?.line;
        return `line ${line}: ${c.email}`;
      });
      throw new AppError(
        'CONTACT_IN_OTHER_ORGANIZATION',
        `These are contacts of another organization; ask us if they moved. Nothing was changed.\n${lines.join('\n')}`,
        { emails: elsewhere.map((c) => c.email) },
      );
    }

    const current = await listNamedContactRows(tx.db, organizationId);
    const byEmail = new Map(current.map((c) => [c.email, c]));
    const knownByEmail = new Map(known.map((c) => [c.email, c]));
    const wanted = new Set(entries.map((e) => e.email));
    const added: string[] = [];
    const removed: string[] = [];
    const unchanged: string[] = [];
    const adminChanges: { email: string; admin: boolean }[] = [];
    const welcome = [];
    // admins named first, removals last: the organization keeps an admin throughout when the file does
    for (const entry of entries) {
      const named = byEmail.get(entry.email);
      if (named) {
        unchanged.push(entry.email);
        const changes = {
          ...(entry.admin !== undefined && entry.admin !== named.orgAdmin ? { orgAdmin: entry.admin } : {}),
          ...(entry.name && entry.name !== named.name ? { name: entry.name } : {}),
        };
        if (Object.keys(changes).length > 0) {
          if (changes.orgAdmin !== undefined) adminChanges.push({ email: entry.email, admin: changes.orgAdmin });
          await updateContactRow(tx.db, named.id, { ...changes, updatedAt: tx.clock.now() });
          if (changes.orgAdmin !== undefined) await accessChanged(tx, { contactId: named.id });
        }
        continue;
      }
      const contact = await nameContact(
        tx,
        organization,
        { email: entry.email, name: entry.name, ...(entry.admin !== undefined ? { orgAdmin: entry.admin } : {}) },
        knownByEmail.get(entry.email),
      );
      added.push(entry.email);
      if (entry.admin) adminChanges.push({ email: entry.email, admin: true });
      welcome.push(contact);
    }
    const adminsBefore = current.filter((c) => c.orgAdmin).length;
    for (const contact of current) {
      if (wanted.has(contact.email)) continue;
      // the last-admin rule is the file's, below: here the order of removals must not decide
      await unnameContact(tx, { ...contact, orgAdmin: false });
      if (contact.orgAdmin) await accessChanged(tx, { contactId: contact.id });
      removed.push(contact.email);
    }
    if (adminsBefore > 0 && (await countOrgAdmins(tx.db, organizationId)) === 0) {
      throw new AppError(
        'LAST_ORG_ADMIN',
        `The file leaves ${organization.name} without an admin: keep one with "admin: true". Nothing was changed.`,
      );
    }
    const now = tx.clock.now();
    if (added.length > 0 || removed.length > 0 || adminChanges.length > 0) {
      await recordEvent(tx.db, {
        actor,
        at: now,
        action: 'named-contacts.synced',
        entityType: 'organization',
        entityId: organizationId,
        data: { added, removed, adminChanges, via: caller.kind === 'sync-token' ? 'sync-token' : 'agent' },
      });
    }
    for (const contact of welcome) await mailContactWelcome(tx, contact, organization, null);
    return { added, removed, unchanged, limit, count: entries.length };
  });
}
