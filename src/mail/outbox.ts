import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { nextRunsByPayload } from '../platform/jobs/job-store.js';
import { MailAddresses } from './addresses.js';
import { findSuppressed } from './mail-store.js';
import { insertOutboundMail, listOutboundMail } from './outbox-store.js';
import type { OutboundAttachment, OutboundCalendar } from './tables.js';

export interface QueueMailInput {
  purpose: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /**
   * Mail no person wrote says so, so auto-responders do not answer it (RFC 3834): auto-replied for an
   * acknowledgement, auto-generated for notices and links. It is never sent to a bounced address.
   */
  automatic?: 'auto-replied' | 'auto-generated';
  /**
   * the recipient asked for this mail just now (a sign-in link): it goes even to an address that
   * bounced, or a forged bounce could lock a customer out
   */
  askedFor?: boolean;
  ticketId?: number;
  messageId?: number;
  rfcMessageId?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
  fromName?: string;
  /** files of the message, by their stored blob */
  attachments?: OutboundAttachment[];
  /** a calendar invitation (a call's REQUEST or CANCEL) the mail carries */
  calendar?: OutboundCalendar;
}

const addressesBySecret = new WeakMap<object, MailAddresses>();

/** The desk's addresses and signed ids (one instance per desk secret). */
export function mailAddresses(deps: Deps): MailAddresses {
  let addresses = addressesBySecret.get(deps.secret);
  if (!addresses) {
    addresses = new MailAddresses(deps.secret, deps.config.supportAddresses);
    addressesBySecret.set(deps.secret, addresses);
  }
  return addresses;
}

/**
 * Puts a mail in the outbox in the caller's transaction and enqueues its sending. It stays visible
 * in the outbox until a transport accepts it; nothing is ever sent around it. Returns undefined
 * when automatic mail has nobody left to go to (every recipient bounced before).
 */
export async function queueMail(deps: Deps, input: QueueMailInput) {
  let to = input.to;
  let cc = input.cc ?? [];
  if (input.automatic && !input.askedFor) {
    const suppressed = new Set((await findSuppressed(deps.db, [...to, ...cc])).map((s) => s.address));
    to = to.filter((a) => !suppressed.has(a.toLowerCase()));
    cc = cc.filter((a) => !suppressed.has(a.toLowerCase()));
    if (to.length === 0 && cc.length === 0) return undefined;
  }
  const addresses = mailAddresses(deps);
  const row = await insertOutboundMail(deps.db, {
    purpose: input.purpose,
    toAddresses: to,
    ccAddresses: cc,
    subject: input.subject,
    bodyText: input.text,
    bodyHtml: input.html ?? null,
    headers: {
      'X-Pipefitter-Loop': deps.secret.instanceId,
      ...(input.automatic ? { 'Auto-Submitted': input.automatic, 'X-Auto-Response-Suppress': 'All' } : {}),
      ...input.headers,
    },
    rfcMessageId: input.rfcMessageId ?? `<pf.${randomUUID()}@${addresses.domain}>`,
    inReplyTo: input.inReplyTo ?? null,
    referencesIds: input.references ?? [],
    replyTo: input.replyTo ?? null,
    fromName: input.fromName ?? null,
    ticketId: input.ticketId ?? null,
    messageId: input.messageId ?? null,
    attachments: input.attachments ?? [],
    calendar: input.calendar ?? null,
    state: 'queued',
    attempts: 0,
    createdAt: deps.clock.now(),
  });
  // with no transport configured nothing can go out; the outbox sweep sends it once one is
  if ((deps as { mailTransport?: unknown }).mailTransport !== undefined) {
    await deps.enqueue(deps.db, 'mail.send-mail', { outboundMailId: row.id });
  }
  return row;
}

/** The outbox as an admin reads it: newest first, and for queued mail when its send job tries next (the backoff). */
export async function listOutbox(deps: Deps, state: 'queued' | 'sent' | 'failed' | undefined, limit: number) {
  const rows = await listOutboundMail(deps.db, state, limit);
  const queued = rows.filter((r) => r.state === 'queued').map((r) => r.id);
  const nextTries = await nextRunsByPayload(deps.db, 'mail.send-mail', 'outboundMailId', queued);
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    ticketNumber: r.ticketId,
    to: r.toAddresses,
    cc: r.ccAddresses,
    subject: r.subject,
    state: r.state,
    attempts: r.attempts,
    lastError: r.lastError,
    nextAttemptAt: nextTries.get(r.id)?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }));
}
