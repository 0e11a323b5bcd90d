import type { Actor } from '../auth/actor.js';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { findTicket } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { ACCEPTED_NAMES } from './bundle-kind.js';
import { findBundle, listTicketBundleRows } from './bundle-store.js';
import { retentionDaysFor } from './create-bundle.js';
import { isDownloadable, presentBundle, presentBundleSummary, SCAN_REFUSED } from './present-bundle.js';
import type { BundleRow } from './tables.js';

/** the largest raw body (scripts, the CLI); larger bundles take the resumable upload */
const RAW_MAX_BYTES = 100 * 1024 * 1024;

/** the cap on a raw body: RAW_MAX_BYTES, or BUNDLE_MAX_BYTES when that is lower */
export const rawBodyCap = (config: Pick<Config, 'bundleMaxBytes'>) => Math.min(RAW_MAX_BYTES, config.bundleMaxBytes);

/** A bundle the actor may see: one on a ticket they see (a stranger's is not found, not forbidden). */
export async function visibleBundle(deps: Deps, actor: Actor, id: string): Promise<BundleRow> {
  const row = await findBundle(deps.db, id);
  if (row && (await findTicket(deps.db, row.ticketId, visibilityOf(actor)))) return row;
  throw new AppError('BUNDLE_NOT_FOUND', `No bundle ${id}.`);
}

export async function getBundle(deps: Deps, actor: Actor, id: string) {
  return presentBundle(deps.config, actor, await visibleBundle(deps, actor, id));
}

export async function listBundles(deps: Deps, actor: Actor, ticketNumber: number) {
  const ticket = await findTicket(deps.db, ticketNumber, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${ticketNumber}.`);
  const rows = await listTicketBundleRows(deps.db, ticket.id);
  return { items: rows.map((row) => presentBundleSummary(deps.config, actor, row)) };
}

/** The bytes of a bundle, for anyone who sees its ticket, with a name safe for Content-Disposition. */
export async function downloadBundle(deps: Deps, actor: Actor, id: string) {
  const row = await visibleBundle(deps, actor, id);
  if (!isDownloadable(deps.config, row)) {
    if (row.stored) {
      throw new AppError(
        'BUNDLE_NOT_READY',
        row.state === 'queued' || row.state === 'analysing'
          ? `${row.filename} is being checked by the virus scan; try again shortly.`
          : `${row.filename} has not passed the virus scan, so it is not served.`,
      );
    }
    const why = row.error?.startsWith(SCAN_REFUSED) ? 'the virus scan refused it' : 'it is gone from the storage';
    throw new AppError('BUNDLE_NOT_FOUND', `${row.filename} has no file any more: ${why}.`);
  }
  return {
    stream: await deps.bundleStorage.read(row.storageKey),
    filename: row.filename,
    size: row.size,
    contentType: row.contentType,
  };
}

export async function bundleLimits(deps: Deps, actor: Actor) {
  // a contact sees their own organization's period; an agent the default one
  const retentionDays = await retentionDaysFor(deps, {
    organizationId: actor.kind === 'contact' ? actor.organizationId : null,
  });
  return {
    maxBytes: deps.config.bundleMaxBytes,
    rawMaxBytes: rawBodyCap(deps.config),
    retentionDays,
    accepted: ACCEPTED_NAMES,
  };
}
