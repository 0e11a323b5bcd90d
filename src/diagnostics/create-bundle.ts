import { randomUUID } from 'node:crypto';
import { recordEvent } from '../audit/index.js';
import { type Actor, auditActor } from '../auth/actor.js';
import type { Config } from '../config.js';
import { type Deps, inTransaction } from '../deps.js';
import { findOrganizationById } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { findTicket, type TicketRow } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { cleanFilename, refusedContent, refusedName, SNIFF_BYTES } from './bundle-kind.js';
import { insertBundle } from './bundle-store.js';
import { checkCustomerQuota, checkFreeSpace } from './space.js';
import type { BundleStorage } from './storage/storage.js';
import type { BundleRow, BundleSource } from './tables.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** an analysis is tried this often when its worker dies (an error in the analysis itself is not retried) */
export const ANALYSE_ATTEMPTS = 3;
export const ANALYSE_JOB = 'diagnostics.analyse-bundle';

export interface CreateBundleInput {
  /** known before the bytes (a raw body, a mail attachment), or told by put (a finished upload's metadata) */
  filename?: string;
  contentType?: string;
  source: BundleSource;
  /** stores the bytes under key (a raw body, a finished upload, a mail attachment) */
  put(key: string): Promise<{ size: number; filename?: string; contentType?: string }>;
  /** the bytes to come when known before them (a raw body's Content-Length, an attachment): checked against
   * the disk's free-space floor and a customer's quota before a byte is stored */
  declaredSize?: number;
  /** the mail attachment it comes from: one bundle per attachment */
  attachmentId?: string;
}

export interface CreateBundleOptions {
  /** the caller established that the actor belongs on the ticket (the author of a message on it) */
  trusted?: boolean;
}

/** how long a ticket's bundles are kept: BUNDLE_RETENTION_DAYS for its organization's plan */
export async function retentionDaysFor(deps: Deps, ticket: Pick<TicketRow, 'organizationId'>): Promise<number> {
  const setting: Config['bundleRetention'] = deps.config.bundleRetention;
  const organization = ticket.organizationId ? await findOrganizationById(deps.db, ticket.organizationId) : undefined;
  return (organization && setting.byPlan[organization.plan]) || setting.days;
}

/** the name as kept, or BUNDLE_TYPE_REFUSED for a kind the analysis does not read */
function checkName(name: string): string;
function checkName(name: string | undefined): string | undefined;
function checkName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const filename = cleanFilename(name);
  const refused = refusedName(filename);
  if (refused) throw new AppError('BUNDLE_TYPE_REFUSED', refused);
  return filename;
}

/** the first bytes stored under key (a sniff: the stream is left after them) */
async function readHead(storage: BundleStorage, key: string, n: number): Promise<Buffer> {
  const stream = await storage.read(key);
  const chunks: Buffer[] = [];
  let got = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      got += (chunk as Buffer).length;
      if (got >= n) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, n);
}

/**
 * Adds a log bundle to a ticket: its bytes stored (refused by name first, then by size and by its first
 * bytes), the row written, the analysis enqueued and the history told, in one transaction. Anything stored
 * for a bundle that is then refused is removed again.
 */
export async function createBundle(
  deps: Deps,
  actor: Actor,
  ticketNumber: number,
  input: CreateBundleInput,
  options: CreateBundleOptions = {},
): Promise<BundleRow> {
  const ticket = await findTicket(deps.db, ticketNumber, options.trusted ? { kind: 'all' } : visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${ticketNumber}.`);
  checkName(input.filename);

  const id = randomUUID();
  const storageKey = `bundles/${id}`;
  try {
    if (input.declaredSize !== undefined) {
      await checkFreeSpace(deps, input.declaredSize);
      await checkCustomerQuota(deps, actor, input.declaredSize);
    }
    const stored = await input.put(storageKey);
    const size = stored.size;
    // a claimed upload's size is known only now (its bytes are not counted yet: this row is not written)
    await checkCustomerQuota(deps, actor, size);
    const filename = checkName(stored.filename ?? input.filename ?? 'bundle');
    const contentType = stored.contentType ?? input.contentType;
    if (size > deps.config.bundleMaxBytes) {
      throw new AppError(
        'BUNDLE_TOO_LARGE',
        `${filename} is larger than the ${Math.floor(deps.config.bundleMaxBytes / 1024 ** 2)} MB a bundle may be.`,
      );
    }
    const why = refusedContent(
      filename,
      size === 0 ? Buffer.alloc(0) : await readHead(deps.bundleStorage, storageKey, SNIFF_BYTES),
    );
    if (why) throw new AppError('BUNDLE_TYPE_REFUSED', why);

    const retentionDays = await retentionDaysFor(deps, ticket);
    return await inTransaction(deps, async (tx) => {
      const now = tx.clock.now();
      const who = auditActor(actor);
      const bundle = await insertBundle(tx.db, {
        id,
        ticketId: ticket.id,
        uploadedByKind: actor.kind === 'contact' ? 'contact' : actor.kind === 'agent' ? 'agent' : 'system',
        // a role token has no person behind it: its name is kept, no id
        uploadedById: who.kind === 'token' ? null : who.id,
        uploadedByName: actor.name,
        source: input.source,
        filename,
        contentType: (contentType || 'application/octet-stream').slice(0, 200),
        size,
        storageKey,
        attachmentId: input.attachmentId ?? null,
        expiresAt: new Date(now.getTime() + retentionDays * DAY_MS),
        createdAt: now,
      });
      await tx.enqueue(
        tx.db,
        ANALYSE_JOB,
        { bundleId: id },
        { key: `analyse-bundle:${id}`, maxAttempts: ANALYSE_ATTEMPTS },
      );
      await recordEvent(tx.db, {
        actor,
        at: now,
        action: 'bundle.added',
        entityType: 'bundle',
        entityId: id,
        ticketId: ticket.id,
        data: { filename, size, source: input.source, expiresAt: bundle.expiresAt.toISOString() },
      });
      return bundle;
    });
  } catch (err) {
    await deps.bundleStorage
      .remove(storageKey)
      .catch((removeErr) => deps.log.warn({ err: removeErr, storageKey }, 'could not remove a refused bundle’s bytes'));
    throw err;
  }
}
