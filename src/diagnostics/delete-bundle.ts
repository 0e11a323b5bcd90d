import { recordEvent } from '../audit/index.js';
import { type Actor, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { textToHtml } from '../tickets/html.js';
import { replaceMessageBody } from '../tickets/ticket-store.js';
import { deleteBundleRow } from './bundle-store.js';
import { visibleBundle } from './get-bundle.js';
import type { BundleRow } from './tables.js';

/** Deletes a bundle on request: agents, and the contact who uploaded it. */
export async function deleteBundle(deps: Deps, actor: Actor, id: string): Promise<void> {
  const row = await visibleBundle(deps, actor, id);
  if (actor.kind === 'contact' && !(row.uploadedByKind === 'contact' && row.uploadedById === actor.contactId)) {
    throw new AppError('FORBIDDEN', 'Only the agents and the person who uploaded a bundle may delete it.');
  }
  await removeBundle(deps, actor, row, 'request');
}

/**
 * The row, its history entry and its summary note emptied (findings name users, hosts and addresses) in one
 * transaction, then the bytes. Bytes that cannot be removed are logged,
 * not fatal: the row is what makes a bundle exist, and a bundle half-deleted must not come back.
 */
export async function removeBundle(
  deps: Deps,
  actor: Actor,
  row: Pick<BundleRow, 'id' | 'ticketId' | 'storageKey' | 'filename'>,
  reason: 'request' | 'expired',
): Promise<boolean> {
  const deleted = await inTransaction(deps, async (tx) => {
    const gone = await deleteBundleRow(tx.db, row.id);
    if (!gone) return false;
    if (gone.noteMessageId !== null) {
      const text = `The summary of ${row.filename} was removed with the bundle on ${tx.clock.now().toISOString().slice(0, 10)}.`;
      await replaceMessageBody(tx.db, gone.noteMessageId, { text, html: textToHtml(text) });
    }
    await recordEvent(tx.db, {
      actor: reason === 'expired' ? SYSTEM : actor,
      at: tx.clock.now(),
      action: 'bundle.deleted',
      entityType: 'bundle',
      entityId: row.id,
      ticketId: row.ticketId,
      data: { filename: row.filename, reason },
    });
    return true;
  });
  await deps.bundleStorage
    .remove(row.storageKey)
    .catch((err) => deps.log.warn({ err, storageKey: row.storageKey }, 'could not remove a deleted bundle’s bytes'));
  return deleted;
}
