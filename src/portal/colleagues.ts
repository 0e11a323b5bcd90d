import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { type ContactRow, findContactsByEmails } from '../people/index.js';
import { listContactRows } from '../people/people-store.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';

// A customer copies colleagues onto their tickets: people of their own organization the desk knows
// already, never an address of their choosing (that would hand a stranger the ticket's replies).

const MAX_COLLEAGUES = 500;

/** The other contacts of the contact's organization, for the portal's CC picker. */
export async function listColleagues(deps: Deps, actor: Actor) {
  if (actor.kind !== 'contact') throw new AppError('FORBIDDEN', 'Colleagues are listed for customers in the portal.');
  if (!actor.organizationId) return [];
  const rows = await listContactRows(deps.db, { organizationId: actor.organizationId, limit: MAX_COLLEAGUES });
  return rows
    .slice(0, MAX_COLLEAGUES)
    .filter((c) => c.id !== actor.contactId)
    .map((c) => ({ id: c.id, email: c.email, name: c.name }));
}

/**
 * The contacts for these addresses, when every one is a colleague (same organization). One answer for
 * an unknown address and another organization's: nobody learns who else the desk knows.
 */
export async function colleaguesByEmail(
  db: Db,
  organizationId: string | null,
  emails: string[],
): Promise<ContactRow[]> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  if (wanted.length === 0) return [];
  const found = organizationId ? await findContactsByEmails(db, wanted) : [];
  const colleagues = found.filter((c) => c.organizationId === organizationId);
  const strangers = wanted.filter((e) => !colleagues.some((c) => c.email === e));
  if (strangers.length > 0) {
    throw new AppError(
      'CC_NOT_COLLEAGUE',
      `You can copy colleagues of your organization only; ${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not one we know.`,
    );
  }
  return colleagues;
}
