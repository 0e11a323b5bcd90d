import { recordEvent } from '../../audit/index.js';
import { type ContactActor, SYSTEM } from '../../auth/actor.js';
import { type Deps, inTransaction } from '../../deps.js';
import { AWAITING_ENTITLEMENT_TAG, claimEntitlement, holdTicket } from '../../entitlement/index.js';
import { EMERGENCY_TAG } from '../../oncall/oncall.js';
import { findOrCreateContact, findOrCreateRequester } from '../../people/index.js';
import { storableError } from '../../platform/errors.js';
import { addMessageRecord } from '../../tickets/add-message.js';
import { openTicketWithMessage } from '../../tickets/open-ticket.js';
import { addTicketParticipants, findTicketParticipants, isTicketParticipant } from '../../tickets/participants.js';
import type { MailDeps } from '../jobs.js';
import type { InboundMailRow } from '../mail-store.js';
import {
  countRecentMailTo,
  findInboundMail,
  findOutboundById,
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
import type { ParsedMail } from './parse-mail.js';
import type { MessageBody } from './prepare-mail.js';
import { readBounce } from './read-bounce.js';
import { authenticateSender, type SenderAuth, senderTrusted } from './sender-auth.js';

// Raw mail → a message on the right ticket, or a recorded reason why not. The order is written here:
//   1. the CPU-heavy part (parse, sanitize) on a worker thread, the sender's SPF/DKIM/DMARC checked,
//      both before any transaction is open
//   2. machine mail is recognized first (loops, bounces, reports, auto-replies)
//   3. the thread is found, most certain signal first (find-thread.ts)
//   4. a reply joins its ticket only if its sender is one of the ticket's participants; a stranger's
//      reply opens a ticket of its own (or waits in quarantine): knowing a Message-ID or a ticket
//      number buys nobody a way in. Anything else opens a ticket, if the sender is entitled under
//      the configured policy, and gets an acknowledgement.
// Every outcome is written on the inbound mail row; nothing is dropped.

export const INBOUND_MAX_ATTEMPTS = 5;

interface Outcome {
  state: InboundState;
  reason: string;
  ticketId?: number;
  messageId?: number;
}

interface Sender {
  address: string;
  name?: string | undefined;
  auth: SenderAuth;
  /** believed for entitlement, paging and threading by signals that are no secret */
  trusted: boolean;
}

export interface ProcessOptions {
  /** an admin accepted this mail onto a ticket (a quarantined reply from a non-participant) */
  acceptOnto?: number | undefined;
}

/** The job: prepare, route, record. Retries on failure; the last attempt quarantines with the reason. */
export async function processInbound(
  deps: MailDeps,
  inboundMailId: number,
  attempt: number,
  options: ProcessOptions = {},
): Promise<void> {
  try {
    const row = await findInboundMail(deps.db, inboundMailId);
    if (row?.state !== 'received') return; // processed already: jobs may run twice
    const { mail, body } = await deps.mailPreparer.prepare(row.raw, {
      attachmentMaxBytes: deps.config.attachmentMaxBytes,
    });
    const auth = await authenticateSender({ config: deps.config, resolver: deps.dnsResolver }, row, mail);
    await inTransaction(deps, async (tx) => {
      const locked = await findInboundMail(tx.db, inboundMailId, { forUpdate: true });
      if (locked?.state !== 'received') return;
      const outcome = await routeMail(tx, locked, mail, body, auth, options);
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

async function routeMail(
  deps: Deps,
  row: InboundMailRow,
  mail: ParsedMail,
  body: MessageBody,
  auth: SenderAuth,
  options: ProcessOptions,
): Promise<Outcome> {
  const addresses = mailAddresses(deps);
  const kind = classifyMail(mail, { instanceId: deps.secret.instanceId, isOurAddress: (a) => addresses.isOurs(a) });
  if (kind.kind === 'loop') return { state: 'ignored', reason: `loop: ${kind.reason}` };
  if (kind.kind === 'bounce') return handleBounce(deps, row, mail, kind);
  if (kind.kind === 'report') return { state: 'ignored', reason: kind.reason };

  const from = mail.from ?? (row.envelopeFrom ? { address: row.envelopeFrom.toLowerCase() } : undefined);
  if (!from) return { state: 'quarantined', reason: 'no sender address in From or the envelope' };
  const sender: Sender = { ...from, auth, trusted: senderTrusted(auth, deps.config.senderVerification) };
  const machine = kind.kind === 'auto';

  const thread: Thread | undefined = options.acceptOnto
    ? { ticketId: options.acceptOnto, reason: 'in-reply-to', detail: 'accepted by an admin', secret: true }
    : await findThread(deps, row, mail);
  if (thread) {
    const { actor } = await senderActor(deps, sender);
    const participant = options.acceptOnto !== undefined || (await isTicketParticipant(deps, actor, thread.ticketId));
    // a secret (our reply address, our Message-ID) vouches for the thread; anything else needs a
    // sender whose From can be believed
    if (participant && (thread.secret || sender.trusted)) {
      return replyToTicket(deps, row, mail, kind, thread, sender, actor, body, options);
    }
    const why = participant
      ? `the sender could not be verified (${auth.detail}) and ${thread.reason} is no proof`
      : `${sender.address} is not a participant of #${thread.ticketId}`;
    if (machine) return { state: 'ignored', reason: `${kind.reason}; about #${thread.ticketId}, but ${why}` };
    if (thread.reason === 'subject-tag') {
      // ticket numbers are easy to guess: a stranger's tag is simply ignored
      return openTicketFromMail(deps, row, mail, kind, sender, body, `subject tag ${thread.detail} ignored: ${why}`);
    }
    if (deps.config.mailUnknownReply === 'quarantine') {
      return {
        state: 'quarantined',
        reason: `a reply to #${thread.ticketId} by ${thread.reason}, but ${why}; an admin may accept it onto the ticket`,
      };
    }
    return openTicketFromMail(
      deps,
      row,
      mail,
      kind,
      sender,
      body,
      `a reply to #${thread.ticketId}, but ${why}`,
      thread,
    );
  }
  if (machine) return { state: 'ignored', reason: `${kind.reason}; not a reply to any ticket` };
  return openTicketFromMail(deps, row, mail, kind, sender, body);
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
  sender: Sender,
  actor: ContactActor,
  body: MessageBody,
  options: ProcessOptions,
): Promise<Outcome> {
  const machine = kind.kind === 'auto';
  const result = await addMessageRecord(
    deps,
    actor,
    thread.ticketId,
    { body: body.text, ...(body.html ? { safeHtml: body.html } : {}), attachments: body.attachments, channel: 'email' },
    { trusted: true, keepStatus: machine },
  );
  const ticketId = result.ticket.id;
  const messageId = result.message.id;
  // an admin vouched for the sender, and for nobody else on the mail
  if (options.acceptOnto !== undefined)
    await addTicketParticipants(deps, SYSTEM, ticketId, [actor.contactId], 'accepted');
  // people a participant copies on a reply join the ticket, but only on mail that answers ours
  // (a secret) from a sender whose From holds up: a quoted Message-ID must not invite anyone
  else if (!machine && thread.secret && sender.trusted) {
    const copied = [...mail.to, ...mail.cc].map((a) => a.address).filter((a) => !mailAddresses(deps).isOurs(a));
    const contacts: string[] = [];
    for (const address of copied) contacts.push((await findOrCreateContact(deps, address)).id);
    // recorded as copied by the sender: "joined when Lena copied them on a reply"
    await addTicketParticipants(deps, actor, ticketId, contacts, 'reply');
  }
  await recordMailFacts(deps, row, mail, {
    ticketId,
    messageId,
    threadReason: result.followUp ? 'follow-up' : thread.reason,
    machineReason: machine ? kind.reason : null,
    body,
    auth: sender.auth,
  });
  if (body.refused.length > 0) await noticeRefusedAttachments(deps, ticketId, sender.address, body);
  const how = result.followUp ? `a follow-up #${ticketId} of closed #${thread.ticketId}` : `#${ticketId}`;
  const unverified = sender.auth.verdict === 'fail' ? `; unverified sender (${sender.auth.detail})` : '';
  return {
    state: 'processed',
    reason: `${machine ? `${kind.reason}; stored on` : 'threaded onto'} ${how} by ${thread.reason}${thread.detail ? ` (${thread.detail})` : ''}${unverified}`,
    ticketId,
    messageId,
  };
}

async function openTicketFromMail(
  deps: Deps,
  row: InboundMailRow,
  mail: ParsedMail,
  kind: Classification,
  sender: Sender,
  body: MessageBody,
  note?: string,
  /** the ticket a non-participant's reply was about: the new ticket points at it */
  about?: Thread,
): Promise<Outcome> {
  const { actor, requester } = await senderActor(deps, sender);
  const { contact } = requester;
  const supportContact = Boolean(contact.organizationId && contact.supportContact);
  // a forged From buys no entitlement and pages nobody
  const entitled = supportContact && sender.trusted;
  const policy = deps.config.entitlementPolicy;
  // a stranger at a domain an organization owns may ask it to be entitled (src/entitlement): the
  // ticket is kept, even where the policy rejects, until the request is decided
  const claim =
    entitled || kind.kind !== 'person'
      ? undefined
      : await claimEntitlement(deps, { contact, address: sender.address, verdict: sender.auth.verdict });
  const held = claim?.kind === 'request' ? claim : undefined;
  // under reject, one held ticket a request: more mail from the address while it is open is refused,
  // so a From anyone can write cannot fill the queue
  if (!entitled && policy === 'reject' && !held?.started) {
    if (sender.trusted) await sendRejection(deps, sender.address, mail);
    return {
      state: 'rejected',
      reason: held
        ? `${sender.address} is not a support contact yet; their entitlement request to ${held.organization.name} is open (policy: reject)`
        : supportContact
          ? `${sender.address} could not be verified (${sender.auth.detail}) (policy: reject)`
          : `${sender.address} is not a support contact of an organization (policy: reject)`,
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
  // a forged sender's copies invite nobody either
  const ccEmails = sender.trusted
    ? [...mail.to, ...mail.cc].map((a) => a.address).filter((a) => !addresses.isOurs(a) && a !== sender.address)
    : [];
  const { ticket, message } = await openTicketWithMessage(
    deps,
    actor,
    {
      subject: mail.subject || '(no subject)',
      body: body.text,
      ...(body.html ? { safeHtml: body.html } : {}),
      ccEmails,
      attachments: body.attachments,
      channel: 'email',
      // reject reaches here only for a held ticket: it waits at low priority
      priority: emergency && entitled ? 'urgent' : !entitled && policy !== 'accept' ? 'low' : 'normal',
      tags: [...(emergency ? [EMERGENCY_TAG] : []), ...(held ? [AWAITING_ENTITLEMENT_TAG] : [])],
    },
    { trustedFields: true },
  );
  await recordMailFacts(deps, row, mail, {
    ticketId: ticket.id,
    messageId: message.id,
    threadReason: 'new-ticket',
    machineReason: kind.kind === 'person' ? null : kind.reason,
    body,
    auth: sender.auth,
  });
  if (about) await pointAtTicket(deps, ticket.id, about, sender, note as string);
  if (held) {
    await holdTicket(deps, held, {
      ticket,
      heldPriority: ticket.priority,
      entitledPriority: emergency ? 'urgent' : 'normal',
      answering: mail.messageId,
    });
  }
  // a new request's link mail names the ticket: it is the acknowledgement
  if (kind.kind === 'person' && sender.trusted && !held?.started)
    await acknowledge(deps, ticket, sender.address, mail.messageId);
  if (body.refused.length > 0 && sender.trusted) await noticeRefusedAttachments(deps, ticket.id, sender.address, body);
  const entitlement = entitled
    ? ''
    : supportContact
      ? ` (${sender.address} could not be verified; policy: ${policy})`
      : ` (${sender.address} is not a support contact; policy: ${policy})`;
  const request = held
    ? held.started
      ? `; entitlement request to ${held.organization.name} started, link mailed`
      : `; joins the open entitlement request to ${held.organization.name}`
    : claim?.kind === 'skipped'
      ? `; ${claim.reason}`
      : '';
  return {
    state: 'processed',
    reason: `opened #${ticket.id}${entitlement}${request}${note ? `: ${note}` : ''}`,
    ticketId: ticket.id,
    messageId: message.id,
  };
}

/** A stranger's reply became a ticket of its own: say so on it, and in the other ticket's history. */
async function pointAtTicket(deps: Deps, ticketId: number, about: Thread, sender: Sender, note: string) {
  await addMessageRecord(
    deps,
    SYSTEM,
    ticketId,
    {
      body: `This mail is ${note}. It was opened as a ticket of its own, so that nobody joins #${about.ticketId} by quoting one of its Message-IDs. If it belongs there, merge it, or add ${sender.address} to #${about.ticketId} as a CC.`,
      internal: true,
      channel: 'email',
    },
    { trusted: true, keepStatus: true },
  );
  await recordEvent(deps.db, {
    actor: SYSTEM,
    at: deps.clock.now(),
    action: 'ticket.reply-from-stranger',
    entityType: 'ticket',
    entityId: about.ticketId,
    ticketId: about.ticketId,
    data: { from: sender.address, openedTicket: ticketId, by: about.reason },
  });
}

async function recordMailFacts(
  deps: Deps,
  row: InboundMailRow,
  mail: ParsedMail,
  facts: {
    ticketId: number;
    messageId: number;
    threadReason: string;
    machineReason: string | null;
    body: MessageBody;
    auth: SenderAuth;
  },
) {
  await insertMessageMail(deps.db, {
    messageId: facts.messageId,
    ticketId: facts.ticketId,
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
    threadReason: facts.threadReason,
    machineReason: facts.machineReason,
    fullText: facts.body.fullText,
    fullHtml: null,
    senderAuth: facts.auth.verdict,
    senderAuthDetail: facts.auth.detail,
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

/**
 * A bounce counts only when it comes back to the signed bounce address (VERP) of the mail we sent:
 * only the receiving mail servers know that address. It marks that mail failed and suppresses
 * automatic mail to those of its recipients the bounce names. A Message-ID quoted in a bounce, or an
 * X-Failed-Recipients header, is anybody's to write, and proves nothing.
 */
async function handleBounce(deps: Deps, row: InboundMailRow, mail: ParsedMail, kind: Classification): Promise<Outcome> {
  const addresses = mailAddresses(deps);
  const details = readBounce(mail);
  // the bounce address may show only in To: when the mail came by IMAP or HTTP; it is as secret there
  const verp = [...row.envelopeTo, ...mail.deliveredTo, ...mail.to.map((a) => a.address)]
    .map((a) => addresses.outboundFromBounceAddress(a))
    .find((id) => id !== undefined);
  const outbound = verp ? await findOutboundById(deps.db, verp) : undefined;
  if (!outbound)
    return { state: 'ignored', reason: `${kind.reason}; not addressed to the bounce address of mail we sent` };
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
  if (outbound.ticketId !== null) {
    await recordEvent(deps.db, {
      actor: SYSTEM,
      at: now,
      action: 'mail.bounced',
      entityType: 'outbound-mail',
      entityId: outbound.id,
      ticketId: outbound.ticketId,
      data: {
        to: [...outbound.toAddresses, ...outbound.ccAddresses],
        purpose: outbound.purpose,
        messageId: outbound.messageId,
        error: summary,
      },
    });
  }
  const sentTo = [...outbound.toAddresses, ...outbound.ccAddresses].map((a) => a.toLowerCase());
  // only addresses the mail went to; a bounce naming nobody counts for a mail to one address
  const failed =
    details.recipients.length > 0
      ? details.recipients.filter((a) => sentTo.includes(a))
      : sentTo.length === 1
        ? sentTo
        : [];
  for (const address of failed) await suppressAddress(deps.db, address, `bounced: ${summary}`, now);
  let messageId: number | undefined;
  const ticket = outbound.ticketId ? await findTicketParticipants(deps, outbound.ticketId) : undefined;
  if (ticket && ticket.ticket.status !== 'closed') {
    const whom = failed.length > 0 ? failed.join(', ') : sentTo.join(', ');
    const note = await addMessageRecord(
      deps,
      SYSTEM,
      ticket.ticket.id,
      {
        body: `Mail to ${whom} bounced (${summary}).${failed.length > 0 ? ` No further automatic mail goes to ${failed.length > 1 ? 'these addresses' : 'this address'} until it is cleared.` : ''}`,
        internal: true,
        channel: 'email',
      },
      { trusted: true, keepStatus: true },
    );
    messageId = note.message.id;
  }
  return {
    state: 'processed',
    reason: `bounce: outbound mail ${outbound.id} failed (${summary})${failed.length > 0 ? `; suppressed ${failed.join(', ')}` : ''}`,
    ...(outbound.ticketId ? { ticketId: outbound.ticketId } : {}),
    ...(messageId ? { messageId } : {}),
  };
}
