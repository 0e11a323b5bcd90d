import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { DAY_MS, HOUR_MS } from '../../platform/clock.js';
import { queryRows } from '../../platform/db.js';
import { defineJob, type Schedule } from '../../platform/jobs/define-job.js';
import type { TicketListener } from '../../tickets/lifecycle.js';
import { loadTicketText } from '../../tickets/ticket-text.js';
import { type ErrorSignature, extractErrorSignature, SIGNATURE_READER } from './error-signature.js';
import { plannedQueries, theirNames } from './forge-terms.js';
import { distinctiveWords, signatureKeys } from './signature-keys.js';
import { deleteSearchesBefore, saveEvidence, saveSignature, updateEvidenceOf } from './suggest-store.js';

// Every ticket keeps its signature (what failed, as keys) so that look-alikes and the tickets already
// linked are found by index. It is worked out after each message, in a job: a 250 kB log pasted into a
// reply does not slow the reply down.

const MAX_TEXT = 256 * 1024;
const BACKFILL_PAUSE_MS = 2_000;

export interface TicketSignature {
  signature: ErrorSignature;
  keys: string[];
  /** distinctive words of the subject and the first message */
  words: string[];
  /** distinctive words of the subject alone, as written in lower case */
  subjectWords: string[];
  /** what a forge's search would be asked (forge-terms.ts) */
  queries: string[][];
  subject: string;
  /** subject, messages and text attachments, as far as they were read */
  text: string;
  organizationId: string | null;
  createdAt: Date;
}

/** Reads the ticket and works out its signature; undefined when there is no such ticket. */
export async function readTicketSignature(deps: Deps, ticketId: number): Promise<TicketSignature | undefined> {
  const text = await loadTicketText(deps.db, ticketId, MAX_TEXT);
  if (!text) return undefined;
  // the customer's own names are never a word to match or search on
  const theirs = theirNames(text.names);
  const signature = withoutTheirNames(extractErrorSignature(text.text), theirs);
  const ours = (words: string[], max: number) => words.filter((w) => !theirs.has(w)).slice(0, max);
  // a word only ever written capitalised is a name more often than not ("Contoso merger"): a subject's
  // word counts when the customer also writes it in lower case, in the subject or their first message
  const written = `${text.subject}\n${text.firstMessage}`;
  const subjectWords = ours(distinctiveWords(text.subject, 10), 6).filter((w) =>
    new RegExp(`(?:^|[^A-Za-z])${w}(?:$|[^A-Za-z])`).test(written),
  );
  return {
    signature,
    keys: signatureKeys(signature).map((k) => k.key),
    words: ours(distinctiveWords(`${text.subject}\n${text.firstMessage}`, 40), 30),
    subjectWords,
    queries: plannedQueries(signature, subjectWords, theirs),
    subject: text.subject,
    text: text.text,
    organizationId: text.organizationId,
    createdAt: text.createdAt,
  };
}

/** Works the signature out again and keeps it, with the evidence the ticket gives its linked issues. */
export async function keepTicketSignature(deps: Deps, ticketId: number): Promise<TicketSignature | undefined> {
  const read = await readTicketSignature(deps, ticketId);
  if (!read) return undefined;
  await saveSignature(deps.db, {
    ticketId,
    organizationId: read.organizationId,
    keys: read.keys,
    versions: read.signature.versions,
    ticketCreatedAt: read.createdAt,
    computedAt: deps.clock.now(),
    reader: SIGNATURE_READER,
  });
  await updateEvidenceOf(deps.db, evidenceText(ticketId, read));
  return read;
}

/** A ticket was linked to an issue: it becomes evidence for that issue. Runs in the link's transaction. */
export async function addEvidence(deps: Deps, ticketId: number, forgeIssueId: string) {
  const read = await readTicketSignature(deps, ticketId);
  if (!read) return;
  await saveEvidence(deps.db, forgeIssueId, evidenceText(ticketId, read));
}

/**
 * A name of theirs written into an error's message ("PG::UndefinedTable (Kyle)") or a frame's path
 * (/home/kyle/sync.py) is not the failure's: it becomes <name>. In messages only a capitalised word
 * counts, so an organization called "Big Data" does not lose "data" from its messages.
 */
function withoutTheirNames(signature: ErrorSignature, theirs: Set<string>): ErrorSignature {
  const scrub = (message: string) =>
    message.replace(/\b[A-Z][A-Za-z0-9]{2,40}\b/g, (word) => (theirs.has(word.toLowerCase()) ? '<name>' : word));
  // a frame's folders are often a person's (/home/kyle/sync.py), and lower case
  const scrubFrame = (frame: string) =>
    frame.replace(/[A-Za-z0-9]{3,40}/g, (word) => (theirs.has(word.toLowerCase()) ? '<name>' : word));
  return {
    ...signature,
    exceptions: signature.exceptions.map((e) => ({
      ...e,
      message: scrub(e.message),
      frames: e.frames.map(scrubFrame),
    })),
  };
}

function evidenceText(ticketId: number, read: TicketSignature) {
  return { ticketId, keys: read.keys, subject: read.subject, text: read.text, ticketCreatedAt: read.createdAt };
}

export const ticketSignatureJob = defineJob<{ ticketId: number }, Deps>({
  name: 'suggest.ticket-signature',
  priority: 7,
  async handle(deps, { ticketId }) {
    await keepTicketSignature(deps, ticketId);
  },
});

/**
 * Tickets from before signatures were kept (or imported), or kept by an older reading of the text, get
 * theirs a batch at a time, newest first: look-alikes and suggestions want the recent ones soonest.
 * Each batch enqueues the next.
 */
export const backfillSignaturesJob = defineJob<{ beforeId?: number }, Deps>({
  name: 'suggest.backfill-signatures',
  priority: 9,
  async handle(deps, { beforeId }) {
    const rows = await queryRows<{ id: number }>(
      deps.db,
      sql`SELECT t.id::int AS id FROM tickets t
          WHERE t.id < ${beforeId ?? Number.MAX_SAFE_INTEGER}
            AND NOT EXISTS (SELECT 1 FROM ticket_signatures s WHERE s.ticket_id = t.id AND s.reader >= ${SIGNATURE_READER})
          ORDER BY t.id DESC LIMIT 200`,
    );
    for (const { id } of rows) {
      // one ticket that cannot be read must not stop the pass for every ticket older than it
      await keepTicketSignature(deps, id).catch((err: unknown) =>
        deps.log.warn({ ticketId: id, err }, 'ticket signature not worked out; the backfill goes on'),
      );
    }
    const last = rows.at(-1);
    if (rows.length === 200 && last) {
      // a pause between batches: a whole desk read again after an upgrade is background work, not a burst
      await deps.enqueue(
        deps.db,
        backfillSignaturesJob.name,
        { beforeId: last.id },
        { runAt: new Date(deps.clock.now().getTime() + BACKFILL_PAUSE_MS) },
      );
    }
  },
});

/**
 * Forgets old forge search answers, and starts the backfill: once (its key), and again only after the
 * finished job is cleaned away, when it finds nothing left in one pass over the tickets' ids.
 */
export const signatureSweepJob = defineJob<Record<string, never>, Deps>({
  name: 'suggest.sweep',
  priority: 9,
  async handle(deps) {
    await deleteSearchesBefore(deps.db, new Date(deps.clock.now().getTime() - DAY_MS));
    await deps.enqueue(deps.db, backfillSignaturesJob.name, {}, { key: 'suggest.backfill' });
  },
});

/** A new ticket or message: its signature is worked out again, after the change commits. */
export const keepSignatures: TicketListener = async (deps, change) => {
  if (change.kind === 'updated' || !change.message) return undefined;
  await deps.enqueue(
    deps.db,
    ticketSignatureJob.name,
    { ticketId: change.ticket.id },
    { key: `ticket-signature:${change.message.id}` },
  );
  return undefined;
};

export const suggestJobs = [ticketSignatureJob, backfillSignaturesJob, signatureSweepJob];
export const suggestSchedules: Schedule[] = [{ name: 'suggest.sweep', everyMs: HOUR_MS, job: 'suggest.sweep' }];
