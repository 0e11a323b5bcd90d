import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { insertOutboundMail } from './outbox-store.js';

export interface QueueMailInput {
  purpose: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** mail no person wrote (notices, links) says so, so auto-responders do not answer it (RFC 3834) */
  automatic?: boolean;
  ticketId?: number;
  messageId?: number;
}

export function newRfcMessageId(supportAddress: string): string {
  const domain = supportAddress.split('@')[1] ?? 'localhost';
  return `<${randomUUID()}@${domain}>`;
}

/**
 * Puts a mail in the outbox in the caller's transaction and enqueues its sending. It stays visible
 * in the outbox until a transport accepts it; nothing is ever sent around it.
 */
export async function queueMail(deps: Deps, input: QueueMailInput) {
  const row = await insertOutboundMail(deps.db, {
    purpose: input.purpose,
    toAddresses: input.to,
    ccAddresses: input.cc ?? [],
    subject: input.subject,
    bodyText: input.text,
    bodyHtml: input.html ?? null,
    headers: { ...(input.automatic ? { 'Auto-Submitted': 'auto-generated' } : {}), ...input.headers },
    rfcMessageId: newRfcMessageId(deps.config.supportAddress),
    ticketId: input.ticketId ?? null,
    messageId: input.messageId ?? null,
    state: 'queued',
    attempts: 0,
    createdAt: deps.clock.now(),
  });
  await deps.enqueue(deps.db, 'mail.send-mail', { outboundMailId: row.id });
  return row;
}
