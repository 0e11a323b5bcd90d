import { createHash } from 'node:crypto';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { type InboundSource, insertInboundMail } from '../mail-store.js';
import { extractMessageIds, looksLikeMail } from './parse-mail.js';

export interface InboundEnvelope {
  source: InboundSource;
  envelopeFrom?: string | undefined;
  envelopeTo?: string[];
  mailboxId?: string;
}

export interface StoredInbound {
  id: number;
  duplicate: boolean;
}

/** The Message-ID from the raw header block, without a full parse. */
function rawMessageId(raw: Buffer): string | undefined {
  const head = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const line = /^message-id:(.*)$/im.exec(block)?.[1];
  return extractMessageIds(line)[0];
}

/**
 * The one door for inbound mail (SMTP, IMAP, HTTP, the CLI): the raw bytes are committed, with a job
 * to process them, before the caller acknowledges anything. The same message delivered twice (by
 * Message-ID, or by its bytes when it has none) is stored once.
 */
export async function storeInbound(deps: Deps, raw: Buffer, envelope: InboundEnvelope): Promise<StoredInbound> {
  if (!looksLikeMail(raw)) throw new AppError('VALIDATION_FAILED', 'This is not an email message (no header block).');
  const sha256 = createHash('sha256').update(raw).digest();
  const messageId = rawMessageId(raw);
  return inTransaction(deps, async (tx) => {
    const stored = await insertInboundMail(tx.db, {
      dedupeKey: messageId ? `mid:${messageId}` : `sha256:${sha256.toString('hex')}`,
      rfcMessageId: messageId ?? null,
      sha256,
      raw,
      size: raw.length,
      source: envelope.source,
      mailboxId: envelope.mailboxId ?? null,
      envelopeFrom: envelope.envelopeFrom ?? null,
      envelopeTo: (envelope.envelopeTo ?? []).map((a) => a.toLowerCase()),
      receivedAt: tx.clock.now(),
      state: 'received',
      attempts: 0,
    });
    if (!stored.duplicate) {
      await tx.enqueue(tx.db, 'mail.process-inbound', { inboundMailId: stored.id }, { maxAttempts: 5 });
    }
    return { id: stored.id, duplicate: stored.duplicate };
  });
}
