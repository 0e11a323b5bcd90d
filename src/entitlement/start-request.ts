import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import type { SenderVerdict } from '../mail/inbound/sender-auth.js';
import { queueTicketMail } from '../mail/outbound/queue-ticket-mail.js';
import { type ContactRow, organizationOfAddress } from '../people/index.js';
import { DAY_MS, HOUR_MS } from '../platform/clock.js';
import { hashSecret, newSecret } from '../platform/secrets.js';
import { addMessageRecord } from '../tickets/add-message.js';
import type { TicketPriority } from '../tickets/status-rules.js';
import {
  countOpenRequestsAt,
  expireStaleRequests,
  findLatestRequestOf,
  findOpenRequestOf,
  insertHeldTicket,
  insertRequest,
  takeDomainBudget,
} from './entitlement-store.js';
import type { RequestRow } from './tables.js';

// Mail from someone who is not a named support contact, from an address at a domain an organization
// owns, starts an entitlement request: the ticket is kept (as ENTITLEMENT_POLICY says, or held at low
// priority where the policy would reject it), tagged, and the address gets one mail with a one-use
// link. The From may be forged, but the link goes to the mailbox itself: only its owner can confirm.
// What a flood of forged strangers can cost is bounded: one open request and one link mail per
// address (and none again for a week, a month after a decline), a few requests an hour per domain.

export const AWAITING_ENTITLEMENT_TAG = 'awaiting-entitlement';
const LINK_DAYS = 7;
/** an address that had a request gets no new one (and no mail) for this long */
const ADDRESS_QUIET_DAYS = 7;
const DECLINED_QUIET_DAYS = 30;
/** requests (and so link mails) one domain may start in an hour */
const DOMAIN_REQUESTS_PER_HOUR = 10;
/** open requests one domain may have at once */
const DOMAIN_OPEN_REQUESTS = 50;

export type EntitlementClaim =
  /** the person's open request: this mail's ticket joins it; started: it is new, and the link goes out */
  | {
      kind: 'request';
      request: RequestRow;
      organization: { id: string; name: string };
      started: boolean;
      secret?: string;
    }
  /** an organization owns the domain, but no request starts now: why, for the mail's routing reason */
  | { kind: 'skipped'; reason: string };

/**
 * Whether mail from this contact starts (or joins) an entitlement request, in the caller's
 * transaction. undefined: entitlement requests have nothing to say (a named contact already, no
 * organization owns the domain, or the person belongs to another organization).
 */
export async function claimEntitlement(
  deps: Deps,
  input: { contact: ContactRow; address: string; verdict: SenderVerdict },
): Promise<EntitlementClaim | undefined> {
  const { contact } = input;
  if (contact.supportContact && contact.organizationId) return undefined;
  const organization = await organizationOfAddress(deps.db, input.address);
  if (!organization) return undefined;
  if (contact.organizationId && contact.organizationId !== organization.id) return undefined;
  // the domain's owner says this mail is not theirs: mailing the address would be backscatter
  if (input.verdict === 'fail') {
    return { kind: 'skipped', reason: 'no entitlement request: the sender check failed, so the From is likely forged' };
  }
  const now = deps.clock.now();
  await expireStaleRequests(deps.db, { contactId: contact.id }, now);
  const open = await findOpenRequestOf(deps.db, contact.id);
  if (open) return { kind: 'request', request: open, organization, started: false };

  const latest = await findLatestRequestOf(deps.db, contact.id);
  if (latest) {
    const quietDays = latest.state === 'declined' ? DECLINED_QUIET_DAYS : ADDRESS_QUIET_DAYS;
    const since = latest.decidedAt ?? latest.createdAt;
    if (now.getTime() - since.getTime() < quietDays * DAY_MS) {
      return {
        kind: 'skipped',
        reason: `no entitlement request: ${input.address} had one ${latest.state === 'declined' ? 'declined' : 'started'} less than ${quietDays} days ago`,
      };
    }
  }
  const domain = input.address.slice(input.address.lastIndexOf('@') + 1).toLowerCase();
  await expireStaleRequests(deps.db, { domain }, now);
  if ((await countOpenRequestsAt(deps.db, domain)) >= DOMAIN_OPEN_REQUESTS) {
    return { kind: 'skipped', reason: `no entitlement request: ${domain} has ${DOMAIN_OPEN_REQUESTS} open already` };
  }
  if ((await takeDomainBudget(deps.db, domain, now, HOUR_MS)) > DOMAIN_REQUESTS_PER_HOUR) {
    return {
      kind: 'skipped',
      reason: `no entitlement request: ${domain} started ${DOMAIN_REQUESTS_PER_HOUR} in the last hour`,
    };
  }
  const secret = newSecret('pfe');
  const request = await insertRequest(deps.db, {
    organizationId: organization.id,
    contactId: contact.id,
    email: input.address.toLowerCase(),
    domain,
    state: 'awaiting-confirmation',
    tokenHash: hashSecret(secret),
    linkExpiresAt: new Date(now.getTime() + LINK_DAYS * DAY_MS),
    createdAt: now,
  });
  if (!request) {
    // another mail of theirs started one a moment ago
    const started = await findOpenRequestOf(deps.db, contact.id);
    return started ? { kind: 'request', request: started, organization, started: false } : undefined;
  }
  await recordEvent(deps.db, {
    actor: SYSTEM,
    at: now,
    action: 'entitlement.requested',
    entityType: 'entitlement-request',
    entityId: request.id,
    data: { email: request.email, organizationId: organization.id, verdict: input.verdict },
  });
  return { kind: 'request', request, organization, started: true, secret };
}

/** The ticket this mail opened waits on the request; a new request mails its link. */
export async function holdTicket(
  deps: Deps,
  claim: Extract<EntitlementClaim, { kind: 'request' }>,
  input: {
    ticket: { id: number; subject: string };
    heldPriority: TicketPriority;
    entitledPriority: TicketPriority;
    /** the Message-ID of the mail that opened it: the link mail answers it */
    answering: string | undefined;
  },
): Promise<void> {
  const { request, organization } = claim;
  const policy = deps.config.entitlementPolicy;
  await insertHeldTicket(deps.db, {
    requestId: request.id,
    ticketId: input.ticket.id,
    heldPriority: input.heldPriority,
    entitledPriority: input.entitledPriority,
    policy,
  });
  const why =
    policy === 'reject'
      ? 'ENTITLEMENT_POLICY would reject the mail; it is kept, at low priority, until the request is decided'
      : `until then it has what ENTITLEMENT_POLICY (${policy}) gives mail from someone not entitled`;
  await addMessageRecord(
    deps,
    SYSTEM,
    input.ticket.id,
    {
      body: claim.started
        ? `${request.email} is not a named support contact, and writes from ${request.domain}, which belongs to ${organization.name}. They were mailed a link to confirm the address and ask ${organization.name}'s admins to entitle them; ${why}.`
        : `${request.email} asked ${organization.name} to be entitled already (${request.state === 'awaiting-approval' ? 'confirmed, waiting for approval' : 'waiting for them to confirm their address'}); this ticket waits on the same request, and ${why}.`,
      internal: true,
      channel: 'email',
    },
    { trusted: true, keepStatus: true },
  );
  if (!claim.started || !claim.secret) return;
  const url = `${deps.config.publicUrl}/entitlement/${claim.secret}`;
  await queueTicketMail(deps, {
    ticket: input.ticket,
    thread: input.answering ? [{ rfcMessageId: input.answering, direction: 'in', machine: null }] : [],
    purpose: 'entitlement-link',
    automatic: 'auto-replied',
    to: [request.email],
    subject: `[#${input.ticket.id}] Confirm your address for ${organization.name}'s support`,
    text: [
      `You wrote to ${deps.config.supportName}'s support. We keep your message as ticket #${input.ticket.id}: "${input.ticket.subject}".`,
      '',
      `Only ${organization.name}'s named support contacts are entitled to support, and ${request.email} is not one yet. To be entitled, confirm this address, and tell ${organization.name}'s administrators who you are. The link works once, for ${LINK_DAYS} days:`,
      '',
      url,
      '',
      `Then ${organization.name}'s administrators decide, and we write to you.`,
      '',
      'If you did not write to us, ignore this mail: nothing happens without the link.',
    ].join('\n'),
  });
}
