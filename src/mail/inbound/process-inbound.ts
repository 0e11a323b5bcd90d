import { type ContactActor, SYSTEM } from '../../auth/actor.js';
import { type Deps, inTransaction } from '../../deps.js';
import { EMERGENCY_TAG } from '../../oncall/oncall.js';
import { findOrCreateContact, findOrCreateRequester } from '../../people/index.js';
import { storableError } from '../../platform/errors.js';
import { addMessageRecord } from '../../tickets/add-message.js';
import { htmlToText, sanitizeMessageHtml } from '../../tickets/html.js';
import { openTicketWithMessage } from '../../tickets/open-ticket.js';
import { addTicketParticipants, findTicketParticipants } from '../../tickets/participants.js';
import type { InboundMailRow } from '../mail-store.js';
import {
  countRecentMailTo,
  findInboundMail,
  findOutboundById,
  findOutboundByRfcMessageIds,
  finishInboundMail,
  insertMessageMail,
  markOutboundBounced,
  recordInboundFailure,
  suppressAddress,
} from '../mail-store.js';
import { queueTicketMail } from '../outbound/queue-ticket-mail.js';
import { mailAddresses, queueMail } from '../outbox.js';
import type { InboundState } from '../tables.js';
import { type Classification, classifyMail } from './classify-mail.js';
import { findThread, type Thread } from './find-thread.js';
import { type ParsedMail, parseMail } from './parse-mail.js';
import { readBounce } from './read-bounce.js';
import { trimQuotedHtml, trimQuotedText } from './trim-quotes.js';

// Raw mail → a message on the right ticket, or a recorded reason why not. The order is written here:
//   1. machine mail is recognized first (loops, bounces, reports, auto-replies)
//   2. the thread is found, most certain signal first (find-thread.ts)
//   3. a reply joins its ticket (machine mail without reopening it); anything else opens a ticket,
//      if the sender is entitled under the configured policy, and gets an acknowledgement.
// Every outcome is written on the inbound mail row; nothing is dropped.

export const INBOUND_MAX_ATTEMPTS = 5;
const PARSE_TIMEOUT_MS = 30_000;

interface Outcome {
  state: InboundState;
  reason: string;
  ticketId?: number;
  messageId?: number;
}

/** The job: parse, route, record. Retries on failure; the last attempt quarantines with the reason. */
export async function processInbound(deps: Deps, inboundMailId: number, attempt: number): Promise<void> {
  try {
    await inTransaction(deps, async (tx) => {
      const row = await findInboundMail(tx.db, inboundMailId, { forUpdate: true });
      if (row?.state !== 'received') return; // processed already: jobs may run twice
      const mail = await withTimeout(parseMail(row.raw), PARSE_TIMEOUT_MS, 'parsing took too long');
      const outcome = await routeMail(tx, row, mail);
      await finishInboundMail(tx.db, inboundMailId, { ...outcome, at: tx.clock.now() });
    });
  } catch (err) {
    const reason = storableError(err);
    const last = attempt >= INBOUND_MAX_ATTEMPTS;
    await recordInboundFailure(deps.db, inboundMailId, `attempt ${attempt}: ${reason}`, last, deps.clock.now());
    if (last) deps.log.error({ err, inboundMailId }, 'inbound mail quarantined');
    else throw err;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

async function routeMail(deps: Deps, row: InboundMailRow, mail: ParsedMail): Promise<Outcome> {
  const addresses = mailAddresses(deps);
  const kind = classifyMail(mail, { instanceId: deps.secret.instanceId, isOurAddress: (a) => addresses.isOurs(a) });
  if (kind.kind === 'loop') return { state: 'ignored', reason: `loop: ${kind.reason}` };
  if (kind.kind === 'bounce') return handleBounce(deps, row, mail, kind);
  if (kind.kind === 'report') return { state: 'ignored', reason: kind.reason };

  const sender = mail.from ?? (row.envelopeFrom ? { address: row.envelopeFrom.toLowerCase() } : undefined);
  if (!sender) return { state: 'quarantined', reason: 'no sender address in From or the envelope' };

  const thread = await findThread(deps, row, mail, sender.address);
  const machine = kind.kind === 'auto';
  const body = messageBody(deps, mail);

  if (thread) return replyToTicket(deps, row, mail, kind, thread, sender, body);
  if (machine) return { state: 'ignored', reason: `${kind.reason}; not a reply to any ticket` };
  return openTicketFromMail(deps, row, mail, kind, sender, body);
}

interface MessageBody {
  text: string;
  html: string | undefined;
  fullText: string;
  fullHtml: string | undefined;
  attachments: { filename: string; contentType: string; content: Buffer; contentId?: string }[];
  refused: { filename: string; size: number }[];
}

/** Trimmed text and sanitized HTML for reading, the full versions beside them, attachments within limits. */
function messageBody(deps: Deps, mail: ParsedMail): MessageBody {
  const fullText = mail.text || (mail.html ? htmlToText(mail.html) : '');
  const text = trimQuotedText(fullText, mail.subject).text || '(no text)';
  const fullHtml = mail.html ? sanitizeMessageHtml(mail.html) : undefined;
  const html = mail.html ? sanitizeMessageHtml(trimQuotedHtml(mail.html, mail.subject).html) : undefined;
  const limit = deps.config.attachmentMaxBytes;
  const attachments = mail.attachments
    .filter((a) => a.content.length <= limit)
    .map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      ...(a.contentId ? { contentId: a.contentId } : {}),
    }));
  const refused = mail.attachments
    .filter((a) => a.content.length > limit)
    .map((a) => ({ filename: a.filename, size: a.content.length }));
  const note = refused.length
    ? `\n\n[Not stored, larger than ${limit / 1048576} MB: ${refused.map((r) => `${r.filename} (${(r.size / 1048576).toFixed(1)} MB)`).join(', ')}]`
    : '';
  return { text: `${text}${note}`, html, fullText, fullHtml, attachments, refused };
}

async function senderActor(deps: Deps, sender: { address: string; name?: string | undefined }) {
  const requester = await findOrCreateRequester(deps, sender.address, sender.name);
  const { contact, organization } = requester;
  const actor: ContactActor = {
    kind: 'contact',
    contactId: contact.id,
    email: contact.email,
    name: contact.name ?? sender.name ?? contact.email,
    organizationId: contact.organizationId,
    shareTickets: organization?.shareTickets ?? false,
    tokenId: null,
  };
  return { actor, requester };
}

async function replyToTicket(
  deps: Deps,
  row: InboundMailRow,
  mail: ParsedMail,
  kind: Classification,
  thread: Thread,
  sender: { address: string; name?: string | undefined },
  body: MessageBody,
): Promise<Outcome> {
  const machine = kind.kind === 'auto';
  const { actor } = await senderActor(deps, sender);
  const result = await addMessageRecord(
    deps,
    actor,
    thread.ticketId,
    { body: body.text, ...(body.html ? { html: body.html } : {}), attachments: body.attachments, channel: 'email' },
    { trusted: true, keepStatus: machine },
  );
  const ticketId = result.ticket.id;
  const messageId = result.message.id;
  // people copied on a reply join the ticket, as its participants' mail says they should
  if (!machine && thread.reason !== 'subject-tag') {
    const copied = [...mail.to, ...mail.cc].map((a) => a.address).filter((a) => !mailAddresses(deps).isOurs(a));
    const contacts = [actor.contactId];
    for (const address of copied) contacts.push((await findOrCreateContact(deps, address)).id);
    await addTicketParticipants(deps, SYSTEM, ticketId, contacts);
  }
  await recordMailFacts(
    deps,
    row,
    mail,
    ticketId,
    messageId,
    result.followUp ? 'follow-up' : thread.reason,
    machine ? kind.reason : null,
    body,
  );
  if (body.refused.length > 0) await noticeRefusedAttachments(deps, ticketId, sender.address, body);
  const how = result.followUp ? `a follow-up #${ticketId} of closed #${thread.ticketId}` : `#${ticketId}`;
  return {
    state: 'processed',
    reason: `${machine ? `${kind.reason}; stored on` : 'threaded onto'} ${how} by ${thread.reason}${thread.detail ? ` (${thread.detail})` : ''}`,
    ticketId,
    messageId,
  };
}

async function openTicketFromMail(
  deps: Deps,
  row: InboundMailRow,
  mail: ParsedMail,
  kind: Classification,
  sender: { address: string; name?: string | undefined },
  body: MessageBody,
): Promise<Outcome> {
  const { actor, requester } = await senderActor(deps, sender);
  const { contact } = requester;
  const entitled = Boolean(contact.organizationId && contact.supportContact);
  const policy = deps.config.entitlementPolicy;
  if (!entitled && policy === 'reject') {
    await sendRejection(deps, sender.address, mail);
    return {
      state: 'rejected',
      reason: `${sender.address} is not a support contact of an organization (policy: reject)`,
    };
  }
  const addresses = mailAddresses(deps);
  // mail to the emergency address is urgent, and pages, when a support contact sends it
  const emergencyAddress = deps.config.emergencyAddress?.toLowerCase();
  const emergency =
    emergencyAddress !== undefined &&
    [...row.envelopeTo, ...mail.to.map((a) => a.address), ...mail.cc.map((a) => a.address), ...mail.deliveredTo].some(
      (a) => a.toLowerCase() === emergencyAddress,
    );
  const ccEmails = [...mail.to, ...mail.cc]
    .map((a) => a.address)
    .filter((a) => !addresses.isOurs(a) && a !== sender.address);
  const { ticket, message } = await openTicketWithMessage(
    deps,
    actor,
    {
      subject: mail.subject || '(no subject)',
      body: body.text,
      ...(body.html ? { html: body.html } : {}),
      ccEmails,
      attachments: body.attachments,
      channel: 'email',
      priority: emergency && entitled ? 'urgent' : !entitled && policy === 'low-priority' ? 'low' : 'normal',
      ...(emergency ? { tags: [EMERGENCY_TAG] } : {}),
    },
    { trustedFields: true },
  );
  await recordMailFacts(
    deps,
    row,
    mail,
    ticket.id,
    message.id,
    'new-ticket',
    kind.kind === 'person' ? null : kind.reason,
    body,
  );
  if (kind.kind === 'person') await acknowledge(deps, ticket, sender.address, mail.messageId);
  if (body.refused.length > 0) await noticeRefusedAttachments(deps, ticket.id, sender.address, body);
  const entitlement = entitled ? '' : ` (${sender.address} is not a support contact; policy: ${policy})`;
  return {
    state: 'processed',
    reason: `opened #${ticket.id}${entitlement}`,
    ticketId: ticket.id,
    messageId: message.id,
  };
}

async function recordMailFacts(
  deps: Deps,
  row: InboundMailRow,
  mail: ParsedMail,
  ticketId: number,
  messageId: number,
  threadReason: string,
  machineReason: string | null,
  body: MessageBody,
) {
  await insertMessageMail(deps.db, {
    messageId,
    ticketId,
    direction: 'in',
    inboundMailId: row.id,
    rfcMessageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo[0] ?? null,
    referencesIds: mail.references,
    threadIndexRoot: mail.threadIndexRoot ?? null,
    fromAddress: mail.from?.address ?? row.envelopeFrom,
    fromName: mail.from?.name ?? null,
    toAddresses: mail.to.map((a) => a.address),
    ccAddresses: mail.cc.map((a) => a.address),
    subject: mail.subject,
    threadReason,
    machineReason,
    fullText: body.fullText,
    fullHtml: body.fullHtml ?? null,
  });
}

async function acknowledge(
  deps: Deps,
  ticket: { id: number; subject: string },
  to: string,
  answering: string | undefined,
) {
  if (!deps.config.mailAcknowledge) return;
  const since = new Date(deps.clock.now().getTime() - 3_600_000);
  if ((await countRecentMailTo(deps.db, to, 'acknowledgement', since)) >= deps.config.ackMaxPerHour) return;
  await queueTicketMail(deps, {
    ticket,
    // the ticket was opened by this mail: its id is the whole thread so far
    thread: answering ? [{ rfcMessageId: answering, direction: 'in', machine: null }] : [],
    purpose: 'acknowledgement',
    automatic: 'auto-replied',
    to: [to],
    text: [
      `We received your request and opened ticket #${ticket.id}: "${ticket.subject}".`,
      '',
      'An engineer will answer here. To add details, reply to this mail and keep the ticket number in the subject.',
    ].join('\n'),
  });
}

async function sendRejection(deps: Deps, to: string, mail: ParsedMail) {
  const since = new Date(deps.clock.now().getTime() - 3_600_000);
  if ((await countRecentMailTo(deps.db, to, 'rejection', since)) >= deps.config.ackMaxPerHour) return;
  await queueMail(deps, {
    purpose: 'rejection',
    automatic: 'auto-replied',
    to: [to],
    subject: `Re: ${mail.subject || 'your message'}`,
    text: [
      'Thank you for writing to us.',
      '',
      `We could not open a ticket for your message, because ${to} is not registered as a support contact of a customer organization.`,
      'If your organization has a support agreement, ask one of its named support contacts to add you, or to write to us on your behalf.',
      '',
      deps.config.supportName,
    ].join('\n'),
    ...(mail.messageId ? { inReplyTo: mail.messageId, references: [mail.messageId] } : {}),
  });
}

async function noticeRefusedAttachments(deps: Deps, ticketId: number, to: string, body: MessageBody) {
  const list = body.refused.map((r) => `- ${r.filename} (${(r.size / 1048576).toFixed(1)} MB)`).join('\n');
  await queueTicketMail(deps, {
    ticket: { id: ticketId, subject: 'Attachments too large' },
    purpose: 'attachment-refused',
    automatic: 'auto-replied',
    to: [to],
    text: `Your message reached ticket #${ticketId}, but these attachments are larger than our ${deps.config.attachmentMaxBytes / 1048576} MB limit and were not stored:\n\n${list}\n\nPlease share them through a link instead.`,
  });
}

async function handleBounce(deps: Deps, row: InboundMailRow, mail: ParsedMail, kind: Classification): Promise<Outcome> {
  const addresses = mailAddresses(deps);
  const details = readBounce(mail);
  // the envelope (our VERP bounce address) names the mail exactly; the enclosed Message-ID is next best
  const verp = [...row.envelopeTo, ...mail.to.map((a) => a.address), ...mail.deliveredTo]
    .map((a) => addresses.outboundFromBounceAddress(a))
    .find((id) => id !== undefined);
  const outbound = verp
    ? await findOutboundById(deps.db, verp)
    : (await findOutboundByRfcMessageIds(deps.db, details.originalMessageIds))[0];
  if (!outbound) return { state: 'ignored', reason: `${kind.reason}; not about mail we sent` };
  const summary = `${details.status ?? 'no status'}${details.diagnostic ? ` ${details.diagnostic}` : ''}`;
  if (!details.permanent) {
    return {
      state: 'processed',
      reason: `delivery delayed for outbound mail ${outbound.id} (${summary})`,
      ...(outbound.ticketId ? { ticketId: outbound.ticketId } : {}),
    };
  }
  const now = deps.clock.now();
  await markOutboundBounced(deps.db, outbound.id, `bounced: ${summary}`, now);
  const failed =
    details.recipients.length > 0 ? details.recipients : [...outbound.toAddresses, ...outbound.ccAddresses];
  for (const address of failed) await suppressAddress(deps.db, address, `bounced: ${summary}`, now);
  let messageId: number | undefined;
  const ticket = outbound.ticketId ? await findTicketParticipants(deps, outbound.ticketId) : undefined;
  if (ticket && ticket.ticket.status !== 'closed') {
    const note = await addMessageRecord(
      deps,
      SYSTEM,
      ticket.ticket.id,
      {
        body: `Mail to ${failed.join(', ')} bounced (${summary}). No further automatic mail goes to ${failed.length > 1 ? 'these addresses' : 'this address'} until it is cleared.`,
        internal: true,
        channel: 'email',
      },
      { trusted: true, keepStatus: true },
    );
    messageId = note.message.id;
  }
  return {
    state: 'processed',
    reason: `bounce: outbound mail ${outbound.id} failed (${summary})`,
    ...(outbound.ticketId ? { ticketId: outbound.ticketId } : {}),
    ...(messageId ? { messageId } : {}),
  };
}
