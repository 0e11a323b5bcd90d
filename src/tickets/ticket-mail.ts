import type { Deps } from '../deps.js';
import { queueTicketMail } from '../mail/outbound/queue-ticket-mail.js';
import { findContactsByIds } from '../people/index.js';
import { escapeHtml, type SafeHtml } from './html.js';
import { htmlForMail, markdownForText } from './markdown.js';
import { listAttachmentRows, listTicketCcIds, type MessageRow, type TicketRow } from './ticket-store.js';

/**
 * Mails a public message to the requester and CCs (or only those of them named), threaded, in the
 * caller's transaction. Internal notes never come here.
 */
export async function mailPublicMessage(
  deps: Deps,
  ticket: TicketRow,
  message: MessageRow,
  options: { exclude?: string; only?: string[] } = {},
) {
  if (message.internal) return;
  const ccIds = (await listTicketCcIds(deps.db, [ticket.id])).map((c) => c.contactId);
  const people = (await findContactsByIds(deps.db, [ticket.requesterId, ...ccIds])).filter(
    (p) => !options.only || options.only.includes(p.id),
  );
  const requester = people.find((p) => p.id === ticket.requesterId);
  const to = requester && requester.id !== options.exclude ? [requester.email] : [];
  const cc = people.filter((p) => p.id !== ticket.requesterId && p.id !== options.exclude).map((p) => p.email);
  if (to.length === 0 && cc.length === 0) return;
  const files = await listAttachmentRows(deps.db, [message.id]);
  const portalUrl = `${deps.config.publicUrl}/portal/tickets/${ticket.id}`;
  const signature = `${message.authorName} · ${deps.config.supportName}`;
  await queueTicketMail(deps, {
    ticket,
    message,
    purpose: message.authorKind === 'system' ? 'system-notice' : 'agent-reply',
    ...(message.authorKind === 'system' ? { automatic: 'auto-generated' as const } : {}),
    to: to.length > 0 ? to : cc,
    cc: to.length > 0 ? cc : [],
    text: `${markdownForText(message.bodyText)}\n\n--\n${signature}\nTicket #${ticket.id}: ${portalUrl}`,
    // the HTML part shows what the ticket page shows: Markdown rendered, inline images in place
    html: `${htmlForMail(message.bodyHtml as SafeHtml)}<p style="color:#57606a;font-size:13px">-- <br>${escapeHtml(signature)}<br>Ticket #${ticket.id}: <a href="${escapeHtml(portalUrl)}">${escapeHtml(portalUrl)}</a></p>`,
    attachments: files.map((f) => ({
      filename: f.filename,
      contentType: f.contentType,
      sha256: f.sha256.toString('hex'),
      contentId: f.contentId,
    })),
  });
}
