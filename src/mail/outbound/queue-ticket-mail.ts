import type { Deps } from '../../deps.js';
import { REPLY_MARKER } from '../inbound/trim-quotes.js';
import { insertMessageMail, listTicketThreadIds } from '../mail-store.js';
import { mailAddresses, queueMail } from '../outbox.js';
import type { OutboundAttachment, OutboundCalendar } from '../tables.js';

export interface TicketMailInput {
  ticket: { id: number; subject: string };
  /** the ticket message this mail carries; acknowledgements and notices about the ticket have none */
  message?: { id: number; authorKind: 'contact' | 'agent' | 'system'; authorName: string };
  purpose: string;
  to: string[];
  cc?: string[];
  text: string;
  html?: string;
  attachments?: OutboundAttachment[];
  /** an iCalendar invitation (calls): its own subject, and the calendar part */
  subject?: string;
  calendar?: OutboundCalendar;
  automatic?: 'auto-replied' | 'auto-generated';
  /** the ticket's Message-IDs, when the caller knows them already */
  thread?: { rfcMessageId: string | null; direction: 'in' | 'out'; machine: string | null }[];
}

// References keep the first and the last ids of a long thread (RT's rule), plus our ticket thread id,
// so a client that keeps References finds the ticket however long the conversation grows.
const REFERENCES_HEAD = 3;
const REFERENCES_TAIL = 6;

/**
 * Mail on a ticket, threaded so the customer's client keeps it in one conversation and their reply
 * comes back to this ticket: our signed Message-ID, In-Reply-To the last message we got from them,
 * References, a Reply-To that names the ticket, and the ticket number in the subject.
 */
export async function queueTicketMail(deps: Deps, input: TicketMailInput) {
  const addresses = mailAddresses(deps);
  const thread = input.thread ?? (await listTicketThreadIds(deps.db, input.ticket.id));
  const ids = thread.map((t) => t.rfcMessageId as string);
  const lastFromCustomer = [...thread].reverse().find((t) => t.direction === 'in' && !t.machine)?.rfcMessageId;
  const inReplyTo = lastFromCustomer ?? ids.at(-1);
  const trimmed =
    ids.length > REFERENCES_HEAD + REFERENCES_TAIL
      ? [...ids.slice(0, REFERENCES_HEAD), ...ids.slice(-REFERENCES_TAIL)]
      : ids;
  const references = [...new Set([addresses.ticketThreadId(input.ticket.id), ...trimmed])];
  const rfcMessageId = addresses.messageId(
    input.ticket.id,
    input.message?.id ?? `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
  );
  const fromName =
    input.message?.authorKind === 'agent'
      ? `${input.message.authorName} via ${deps.config.supportName}`
      : deps.config.supportName;

  const mail = await queueMail(deps, {
    purpose: input.purpose,
    to: input.to,
    cc: input.cc ?? [],
    subject: input.subject ?? `[#${input.ticket.id}] ${input.ticket.subject}`,
    text: `${REPLY_MARKER}\n\n${input.text}`,
    ...(input.html ? { html: `<div style="color:#888">${REPLY_MARKER}</div>${input.html}` } : {}),
    ...(input.automatic ? { automatic: input.automatic } : {}),
    ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    ...(input.calendar ? { calendar: input.calendar } : {}),
    ticketId: input.ticket.id,
    ...(input.message ? { messageId: input.message.id } : {}),
    rfcMessageId,
    ...(inReplyTo ? { inReplyTo } : {}),
    references,
    replyTo: addresses.replyAddress(input.ticket.id),
    fromName,
  });
  if (mail && input.message) {
    await insertMessageMail(deps.db, {
      messageId: input.message.id,
      ticketId: input.ticket.id,
      direction: 'out',
      rfcMessageId,
      inReplyTo: inReplyTo ?? null,
      referencesIds: references,
      fromAddress: deps.config.supportAddress,
      fromName,
      toAddresses: mail.toAddresses,
      ccAddresses: mail.ccAddresses,
      subject: mail.subject,
      threadReason: 'outbound',
    });
  }
  return mail;
}
