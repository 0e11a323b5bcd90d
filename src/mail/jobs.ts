import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { MINUTE_MS } from '../platform/clock.js';
import { type Db, waitOutDatabase } from '../platform/db.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import type { MailPreparer } from './inbound/mail-preparer.js';
import { processInbound } from './inbound/process-inbound.js';
import type { DnsResolver } from './inbound/sender-auth.js';
import { mailAddresses } from './outbox.js';
import {
  holdOutboundMail,
  listQueuedOutboundMailIds,
  markOutboundMailSent,
  releaseOutboundMail,
} from './outbox-store.js';
import type { MailTransport } from './transports/transport.js';

export interface MailDeps extends Deps {
  /** undefined while OUTBOUND_SMTP_URL is unset: mail then waits in the outbox */
  mailTransport: MailTransport | undefined;
  /** parses and sanitizes inbound mail on a worker thread */
  mailPreparer: MailPreparer;
  /** DNS for the sender checks (SPF, DKIM, DMARC) */
  dnsResolver: DnsResolver;
  /** the content of a stored file, by its hex SHA-256: what an outbound mail attaches */
  readBlob: (db: Db, sha256: string) => Promise<Buffer | undefined>;
}

const HOLD_MS = 2 * MINUTE_MS;
const MAX_SEND_ATTEMPTS = 10;
// how long a sender waits for a database that went away before it could write down what happened
const RECORD_WAIT_MS = 30_000;

export const sendMailJob = defineJob<{ outboundMailId: string }, MailDeps>({
  name: 'mail.send-mail',
  priority: 3,
  async handle(deps, { outboundMailId }) {
    if (!deps.mailTransport) return; // stays queued; the outbox sweep sends it once a transport is set
    const now = deps.clock.now();
    const mail = await holdOutboundMail(deps.db, outboundMailId, now, new Date(now.getTime() + HOLD_MS));
    if (!mail) return; // already sent, failed for good, or another worker is sending it
    let sentAt: Date;
    try {
      const attachments = [];
      for (const file of mail.attachments) {
        const content = await deps.readBlob(deps.db, file.sha256);
        // a file gone from the store must not silently drop out of what the customer was sent
        if (!content) throw new Error(`attachment ${file.filename} is no longer stored`);
        attachments.push({
          filename: file.filename,
          contentType: file.contentType,
          content,
          cid: file.contentId ?? undefined,
        });
      }
      await deps.mailTransport.send({
        from: { name: mail.fromName ?? deps.config.supportName, address: deps.config.supportAddress },
        to: mail.toAddresses,
        cc: mail.ccAddresses,
        replyTo: mail.replyTo ?? undefined,
        subject: mail.subject,
        text: mail.bodyText,
        html: mail.bodyHtml ?? undefined,
        messageId: mail.rfcMessageId,
        inReplyTo: mail.inReplyTo ?? undefined,
        references: mail.referencesIds,
        headers: mail.headers,
        attachments,
        calendar: mail.calendar ?? undefined,
        envelopeFrom: mailAddresses(deps).bounceAddress(mail.id),
      });
      sentAt = deps.clock.now();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failed = mail.attempts >= MAX_SEND_ATTEMPTS;
      await waitOutDatabase(() => releaseOutboundMail(deps.db, mail.id, message, failed), RECORD_WAIT_MS);
      if (failed && mail.ticketId !== null) {
        // the ticket's history says the customer did not get it
        await recordEvent(deps.db, {
          actor: SYSTEM,
          at: deps.clock.now(),
          action: 'mail.failed',
          entityType: 'outbound-mail',
          entityId: mail.id,
          ticketId: mail.ticketId,
          data: {
            to: [...mail.toAddresses, ...mail.ccAddresses],
            purpose: mail.purpose,
            messageId: mail.messageId,
            error: message,
          },
        });
      }
      if (!failed) throw err; // the job retries with backoff
      return;
    }
    // The transport has it: from here on a failure must not look like a failed send, or the mail would
    // wait out its hold and go a second time. A database away for a moment is waited for.
    await waitOutDatabase(() => markOutboundMailSent(deps.db, mail.id, sentAt), RECORD_WAIT_MS);
  },
});

/** Picks up mail that waited while no transport was configured or whose sender died. */
export const flushOutboxJob = defineJob<Record<string, never>, MailDeps>({
  name: 'mail.flush-outbox',
  async handle(deps) {
    if (!deps.mailTransport) return;
    const queued = await listQueuedOutboundMailIds(deps.db, deps.clock.now(), 500);
    for (const mail of queued) {
      await deps.enqueue(
        deps.db,
        'mail.send-mail',
        { outboundMailId: mail.id },
        {
          key: `mail.send-mail:${mail.id}:${mail.attempts}`,
        },
      );
    }
  },
});

export const processInboundJob = defineJob<{ inboundMailId: number; acceptOnto?: number }, MailDeps>({
  name: 'mail.process-inbound',
  priority: 1,
  // anyone can send mail: a flood of slow messages leaves a slot for sweeps, pages and outgoing mail
  share: 0.75,
  async handle(deps, { inboundMailId, acceptOnto }, context) {
    await processInbound(deps, inboundMailId, context.attempt, { acceptOnto });
  },
});

export const mailJobs = [sendMailJob, flushOutboxJob, processInboundJob];
export const mailSchedules: Schedule[] = [{ name: 'mail.flush-outbox', everyMs: MINUTE_MS, job: 'mail.flush-outbox' }];
