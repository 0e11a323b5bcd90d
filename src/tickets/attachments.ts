import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { findAttachmentWithContent, findTicket, insertAttachment, insertBlob } from './ticket-store.js';
import { visibilityOf } from './visibility.js';

export interface AttachmentInput {
  filename: string;
  contentType?: string;
  /** base64 from the API, bytes from mail */
  content: string | Buffer;
  contentId?: string;
}

export function decodeAttachments(deps: Deps, inputs: AttachmentInput[] | undefined) {
  return (inputs ?? []).map((input) => {
    const content = typeof input.content === 'string' ? Buffer.from(input.content, 'base64') : input.content;
    if (content.length > deps.config.attachmentMaxBytes) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `${input.filename} is ${(content.length / 1048576).toFixed(1)} MB; attachments are limited to ${deps.config.attachmentMaxBytes / 1048576} MB.`,
      );
    }
    return { ...input, bytes: content };
  });
}

export async function storeAttachments(
  deps: Deps,
  ticketId: number,
  messageId: number,
  files: ReturnType<typeof decodeAttachments>,
) {
  const now = deps.clock.now();
  const rows = [];
  for (const file of files) {
    const sha256 = createHash('sha256').update(file.bytes).digest();
    await insertBlob(deps.db, sha256, file.bytes, now);
    rows.push(
      await insertAttachment(deps.db, {
        ticketId,
        messageId,
        filename: file.filename.replace(/[\\/\r\n\0]/g, '_').slice(0, 255) || 'attachment',
        contentType: file.contentType || 'application/octet-stream',
        size: file.bytes.length,
        sha256,
        contentId: file.contentId ?? null,
        createdAt: now,
      }),
    );
  }
  return rows;
}

/** An attachment's bytes, if the actor may see the message that carries it. */
export async function getAttachment(deps: Deps, actor: Actor, id: string) {
  const found = await findAttachmentWithContent(deps.db, id);
  const notFound = new AppError('ATTACHMENT_NOT_FOUND', `No attachment ${id}.`);
  if (!found) throw notFound;
  if (actor.kind === 'contact') {
    if (found.internal) throw notFound;
    if (!(await findTicket(deps.db, found.attachment.ticketId, visibilityOf(actor)))) throw notFound;
  }
  return { ...found.attachment, content: found.content };
}
