import { createHash } from 'node:crypto';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { type InboundSource, insertInboundMail } from '../mail-store.js';
import { extractMessageIds, looksLikeMail } from './parse-mail.js';
import { INBOUND_MAX_ATTEMPTS } from './process-inbound.js';

export interface InboundEnvelope {
  source: InboundSource;
  envelopeFrom?: string | undefined;
  envelopeTo?: string[];
  mailboxId?: string;
  /** the SMTP client that handed the mail over, for SPF */
  clientIp?: string | undefined;
  clientHelo?: string | undefined;
}

export interface StoredInbound {
  id: number;
  duplicate: boolean;
}

/**
 * What makes two deliveries the same message: its Message-ID, sender and body. The Message-ID alone
 * is not enough: anyone can send a message first under an id they expect someone else to use.
 * Without a Message-ID, the bytes themselves.
 */
export function dedupeKeyOf(raw: Buffer): { key: string; messageId: string | undefined } {
  const head = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = /\r?\n\r?\n/.exec(head);
  const block = (end ? head.slice(0, end.index) : head).replace(/\r?\n[ \t]+/g, ' ');
  const messageId = extractMessageIds(/^message-id:(.*)$/im.exec(block)?.[1])[0];
  if (!messageId) return { key: `sha256:${createHash('sha256').update(raw).digest('hex')}`, messageId };
  const from = (/^from:(.*)$/im.exec(block)?.[1] ?? '').trim().toLowerCase();
  const body = end
    ? raw.subarray(Buffer.byteLength(head.slice(0, end.index + end[0].length), 'latin1'))
    : Buffer.alloc(0);
  const digest = createHash('sha256').update(from).update('\0').update(body).digest('hex').slice(0, 32);
  return { key: `mid:${messageId}:${digest}`, messageId };
}

/**
 * The one door for inbound mail (SMTP, IMAP, HTTP, the CLI): the raw bytes are committed, with a job
 * to process them, before the caller acknowledges anything. The same message delivered twice (see
 * dedupeKeyOf) is stored once.
 */
export async function storeInbound(deps: Deps, raw: Buffer, envelope: InboundEnvelope): Promise<StoredInbound> {
  if (!looksLikeMail(raw)) throw new AppError('VALIDATION_FAILED', 'This is not an email message (no header block).');
  const sha256 = createHash('sha256').update(raw).digest();
  const { key, messageId } = dedupeKeyOf(raw);
  return inTransaction(deps, async (tx) => {
    const stored = await insertInboundMail(tx.db, {
      dedupeKey: key,
      rfcMessageId: messageId ?? null,
      sha256,
      raw,
      size: raw.length,
      source: envelope.source,
      mailboxId: envelope.mailboxId ?? null,
      envelopeFrom: envelope.envelopeFrom ?? null,
      envelopeTo: (envelope.envelopeTo ?? []).map((a) => a.toLowerCase()),
      clientIp: envelope.clientIp ?? null,
      clientHelo: envelope.clientHelo ?? null,
      receivedAt: tx.clock.now(),
      state: 'received',
      attempts: 0,
    });
    if (!stored.duplicate) {
      await tx.enqueue(
        tx.db,
        'mail.process-inbound',
        { inboundMailId: stored.id },
        { maxAttempts: INBOUND_MAX_ATTEMPTS },
      );
    }
    return { id: stored.id, duplicate: stored.duplicate };
  });
}
