import { Readable } from 'node:stream';
import { type ContactActor, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findContactWithOrganization } from '../people/index.js';
import { MINUTE_MS } from '../platform/clock.js';
import { AppError, storableError } from '../platform/errors.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import { addMessageRecord } from '../tickets/add-message.js';
import type { TicketListener } from '../tickets/lifecycle.js';
import { findAttachmentWithContent, listAttachmentRows } from '../tickets/ticket-store.js';
import { analyseInWorker } from './analyse/analyse-in-worker.js';
import type { BundleResults } from './analyse/results.js';
import { looksLikeBundleAttachment } from './bundle-kind.js';
import {
  findBundleByAttachment,
  listExpiredBundles,
  setBundleProgress,
  startAnalysis,
  updateBundleRow,
} from './bundle-store.js';
import { ANALYSE_ATTEMPTS, ANALYSE_JOB, createBundle } from './create-bundle.js';
import { removeBundle } from './delete-bundle.js';
import { SCAN_REFUSED } from './present-bundle.js';
import { runScan } from './run-scan.js';
import { sweepUploads } from './upload-server.js';

// The bundles' background work: each bundle analysed once in a worker thread (scanned first when
// BUNDLE_SCAN_COMMAND is set), its summary posted as an internal note; bundles attached to customers' mail
// taken in; and an hourly sweep of what outlived its retention period.

const HOUR_MS = 60 * MINUTE_MS;
/** progress is written at most this often: a multi-GB bundle reports thousands of times */
const PROGRESS_EVERY_MS = 2_000;
const SCAN_TIMEOUT_MS = 15 * MINUTE_MS;
const NOTE_FINDINGS = 5;
const RETENTION_BATCH = 100;
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** The internal note: the five findings that matter most, critical first, with their numbers, and the page. */
function summaryNote(
  deps: Pick<Deps, 'config'>,
  bundle: { id: string; ticketId: number; filename: string },
  results: BundleResults,
): string {
  const findings = [...results.findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const read = results.files.filter((f) => f.kind !== 'skipped' && f.kind !== 'refused');
  const lines = [
    `Log bundle ${bundle.filename} analysed: ${read.length} file${read.length === 1 ? '' : 's'} read, ${results.stats.lines.toLocaleString('en-US')} lines.`,
    '',
  ];
  if (findings.length === 0) lines.push('No check found anything to flag.');
  else {
    lines.push(findings.length > NOTE_FINDINGS ? `The ${NOTE_FINDINGS} findings that matter most:` : 'Findings:');
    for (const f of findings.slice(0, NOTE_FINDINGS)) lines.push(`- ${f.severity.toUpperCase()}: ${f.message}`);
    if (findings.length > NOTE_FINDINGS) lines.push(`… and ${findings.length - NOTE_FINDINGS} more.`);
  }
  for (const note of results.notes.slice(0, 3)) lines.push('', `Note: ${note}`);
  lines.push('', `All results: ${deps.config.publicUrl}/tickets/${bundle.ticketId}/bundles/${bundle.id}`);
  return lines.join('\n');
}

async function fail(deps: Deps, bundleId: string, error: string, options: { stored?: false } = {}) {
  await updateBundleRow(deps.db, bundleId, {
    state: 'failed',
    error: error.slice(0, 2000),
    analysedAt: deps.clock.now(),
    ...options,
  });
}

/** a worker that died (not one that answered with an error) may do better on another try; one out of memory will not */
function workerDied(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('the analysis worker died') && !/ran out of/.test(err.message);
}

export const analyseBundleJob = defineJob<{ bundleId: string }, Deps>({
  name: ANALYSE_JOB,
  priority: 6,
  // a worker thread takes a core and up to 256 MB: a few at a time, whatever the worker's concurrency
  share: 0.5,
  async handle(deps, { bundleId }, context) {
    // done, failed or deleted: nothing to do (the job runs twice at times)
    const bundle = await startAnalysis(deps.db, bundleId);
    if (!bundle) return;

    let copy: Awaited<ReturnType<Deps['bundleStorage']['localCopy']>>;
    try {
      copy = await deps.bundleStorage.localCopy(bundle.storageKey);
    } catch (err) {
      if (err instanceof AppError && err.code === 'BUNDLE_NOT_FOUND') {
        return fail(deps, bundleId, 'The bundle’s file is gone from the storage.', { stored: false });
      }
      throw err; // the store is unreachable: try again later
    }

    let results: BundleResults;
    try {
      if (deps.config.bundleScanCommand) {
        const scan = await runScan(deps.config.bundleScanCommand, copy.path, SCAN_TIMEOUT_MS);
        if (scan.kind === 'refused') {
          // marked first: a bundle whose bytes could not be removed must not be served all the same
          await fail(deps, bundleId, `${SCAN_REFUSED} ${scan.output}`, { stored: false });
          await deps.bundleStorage
            .remove(bundle.storageKey)
            .catch((err) => deps.log.error({ err, bundleId }, 'could not remove a bundle the scan refused'));
          return;
        }
        if (scan.kind === 'broken') return await fail(deps, bundleId, `not analysed: ${scan.reason}`);
        await updateBundleRow(deps.db, bundleId, { scannedAt: deps.clock.now() });
      }
      let lastWrite = 0;
      let writing: Promise<void> = Promise.resolve();
      results = await analyseInWorker(copy.path, {
        filename: bundle.filename,
        onProgress(p) {
          const now = deps.clock.now().getTime();
          if (now - lastWrite < PROGRESS_EVERY_MS || p.totalBytes <= 0) return;
          lastWrite = now;
          const progress = Math.min(1, p.bytesRead / p.totalBytes);
          writing = writing
            .then(() => setBundleProgress(deps.db, bundleId, progress))
            .catch((err) => deps.log.warn({ err, bundleId }, 'could not write a bundle’s progress'));
        },
      });
      await writing;
    } catch (err) {
      if (workerDied(err) && context.attempt < ANALYSE_ATTEMPTS) {
        await updateBundleRow(deps.db, bundleId, { state: 'queued', progress: 0 });
        throw err;
      }
      return await fail(deps, bundleId, storableError(err));
    } finally {
      await copy.release().catch((err) => deps.log.warn({ err, bundleId }, 'could not release a bundle’s local copy'));
    }

    await inTransaction(deps, async (tx) => {
      const now = tx.clock.now();
      const done = await updateBundleRow(tx.db, bundleId, {
        state: 'done',
        progress: 1,
        results,
        error: null,
        analysedAt: now,
      });
      if (!done) return; // deleted while it was read
      try {
        const { message } = await addMessageRecord(
          tx,
          SYSTEM,
          done.ticketId,
          { body: summaryNote(tx, done, results), internal: true, channel: 'system', notify: false },
          { trusted: true, keepStatus: true },
        );
        await updateBundleRow(tx.db, bundleId, { noteMessageId: message.id });
      } catch (err) {
        // a closed ticket takes no notes; the results are on the bundle's page all the same
        if (!(err instanceof AppError && err.code === 'TICKET_CLOSED')) throw err;
      }
    });
  },
});

/** Bundles past their retention period go (bytes, row, a line in the ticket's history), then abandoned uploads. */
export const retentionJob = defineJob<Record<string, never>, Deps>({
  name: 'diagnostics.retention',
  async handle(deps) {
    for (;;) {
      const expired = await listExpiredBundles(deps.db, deps.clock.now(), RETENTION_BATCH);
      for (const row of expired) await removeBundle(deps, SYSTEM, row, 'expired');
      if (expired.length < RETENTION_BATCH) break;
    }
    await sweepUploads(deps);
  },
});

/** A bundle attached to a customer's mail or portal message becomes a bundle of its own, analysed the same way. */
export const bundleFromAttachmentJob = defineJob<{ attachmentId: string; contactId: string }, Deps>({
  name: 'diagnostics.bundle-from-attachment',
  async handle(deps, { attachmentId, contactId }) {
    if (await findBundleByAttachment(deps.db, attachmentId)) return;
    const found = await findAttachmentWithContent(deps.db, attachmentId);
    const person = await findContactWithOrganization(deps.db, { id: contactId });
    if (!found || !person) return;
    const actor: ContactActor = {
      kind: 'contact',
      contactId: person.contact.id,
      email: person.contact.email,
      name: person.contact.name || person.contact.email,
      organizationId: person.organization?.id ?? null,
      shareTickets: person.organization?.shareTickets ?? false,
      tokenId: null,
    };
    try {
      await createBundle(
        deps,
        actor,
        found.attachment.ticketId,
        {
          filename: found.attachment.filename,
          contentType: found.attachment.contentType,
          source: 'mail',
          attachmentId,
          declaredSize: found.content.length,
          put: (key) => deps.bundleStorage.putStream(key, Readable.from([found.content]), deps.config.bundleMaxBytes),
        },
        { trusted: true },
      );
    } catch (err) {
      // a file that only looked like a bundle stays an attachment; anything else is tried again
      if (
        err instanceof AppError &&
        (err.code === 'BUNDLE_TYPE_REFUSED' || err.code === 'BUNDLE_TOO_LARGE' || err.code === 'BUNDLE_QUOTA_EXCEEDED')
      ) {
        deps.log.info({ attachmentId, reason: err.message }, 'a mail attachment was not taken as a bundle');
        return;
      }
      if (await findBundleByAttachment(deps.db, attachmentId)) return; // another run took it first
      throw err;
    }
  },
});

/** In the transaction of a customer's message (mail or portal): its bundle-like attachments are taken in. */
export const bundlesFromMessages: TicketListener = async (deps, change) => {
  if (change.kind === 'updated' || !change.message) return undefined;
  const message = change.message;
  if (message.authorKind !== 'contact' || message.internal || !message.authorContactId) return undefined;
  if (message.channel !== 'email' && message.channel !== 'web') return undefined;
  for (const attachment of await listAttachmentRows(deps.db, [message.id])) {
    if (!looksLikeBundleAttachment(attachment.filename, attachment.size)) continue;
    await deps.enqueue(
      deps.db,
      bundleFromAttachmentJob.name,
      { attachmentId: attachment.id, contactId: message.authorContactId },
      { key: `bundle-from-attachment:${attachment.id}` },
    );
  }
  return undefined;
};

export const diagnosticsJobs = [analyseBundleJob, retentionJob, bundleFromAttachmentJob];
export const diagnosticsSchedules: Schedule[] = [
  { name: 'diagnostics.retention', everyMs: HOUR_MS, job: 'diagnostics.retention' },
];
