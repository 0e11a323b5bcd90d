import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import { findAgentById, findOrganizationById } from '../people/index.js';
import { MINUTE_MS } from '../platform/clock.js';
import { defineJob } from '../platform/jobs/define-job.js';
import { addMessageRecord } from '../tickets/add-message.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import { DONE_STATUSES } from '../tickets/status-rules.js';
import { findTicket, type TicketRow } from '../tickets/ticket-store.js';
import { emitWebhook } from '../webhooks/webhooks.js';
import { EMERGENCY_TAG } from './oncall.js';
import {
  findFirstPage,
  findPage,
  insertPage,
  loadMembers,
  loadRotation,
  markPageEscalated,
  ticketHasAcknowledgedPage,
  ticketHasPage,
} from './oncall-store.js';
import { escalationTarget, onCallAt } from './rotation.js';
import type { PageRow } from './tables.js';

// Emergencies: an urgent ticket from an organization on an ONCALL_PLANS plan, or mail to
// EMERGENCY_ADDRESS from a support contact, pages whoever is on call (mail and webhook). A page not
// acknowledged within ONCALL_ACK_MINUTES goes to the next person in the rotation, and so on until
// everyone has been paged. Paging is a job enqueued with the ticket's change, keyed per ticket, so
// a ticket pages once however often it is touched.

/** Why this ticket pages, or undefined when it does not. */
async function pageReason(deps: Deps, ticket: TicketRow): Promise<string | undefined> {
  if (ticket.priority !== 'urgent') return undefined;
  if (ticket.tags.includes(EMERGENCY_TAG) && ticket.channel === 'email') return 'mail to the emergency address';
  if (!ticket.organizationId) return undefined;
  const organization = await findOrganizationById(deps.db, ticket.organizationId);
  if (organization?.plan && deps.config.oncallPlans.includes(organization.plan)) {
    return `urgent ticket from ${organization.name} (${organization.plan} plan)`;
  }
  return undefined;
}

/** The paging listener: a ticket that becomes urgent (or arrives urgent) from someone entitled pages. */
export async function pageOnChange(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const ticket = change.ticket;
  if (ticket.priority !== 'urgent') return undefined;
  if (change.kind !== 'created' && change.before.priority === 'urgent') return undefined;
  if (isDone(ticket)) return undefined;
  const reason = await pageReason(deps, ticket);
  if (reason)
    await deps.enqueue(deps.db, pageTicketJob.name, { ticketId: ticket.id, reason }, { key: `page:${ticket.id}` });
  return undefined;
}

function pageText(deps: Deps, ticket: TicketRow, page: PageRow, escalatedFrom: string | undefined) {
  const ack = `${deps.config.publicUrl}/api/v1/pages/${page.id}/ack`;
  return [
    escalatedFrom
      ? `You are paged because ${escalatedFrom} did not acknowledge within ${deps.config.oncallAckMinutes} minutes.`
      : 'You are on call.',
    `#${ticket.id} ${ticket.subject} — ${page.reason}.`,
    '',
    `Ticket: ${deps.config.publicUrl}/tickets/${ticket.id}`,
    `Acknowledge (POST, or from the ticket): ${ack}`,
    `Not acknowledged within ${deps.config.oncallAckMinutes} minutes, the page goes to the next person on call.`,
  ].join('\n');
}

async function sendPage(
  deps: Deps,
  ticket: TicketRow,
  agentId: string,
  level: number,
  reason: string,
  escalatedFrom?: string,
) {
  const now = deps.clock.now();
  const agent = await findAgentById(deps.db, agentId);
  if (!agent) return;
  const page = await insertPage(deps.db, { ticketId: ticket.id, agentId, level, reason, pagedAt: now });
  if (!page) return;
  await queueMail(deps, {
    purpose: 'oncall-page',
    to: [agent.email],
    subject: `[PAGE] [#${ticket.id}] ${ticket.subject}`,
    text: pageText(deps, ticket, page, escalatedFrom),
    automatic: 'auto-generated',
    headers: { Importance: 'high', 'X-Priority': '1' },
    ticketId: ticket.id,
  });
  await addMessageRecord(
    deps,
    SYSTEM,
    ticket.id,
    {
      body: escalatedFrom
        ? `Page escalated to ${agent.name}: ${escalatedFrom} did not acknowledge within ${deps.config.oncallAckMinutes} minutes.`
        : `Paged ${agent.name}, on call: ${reason}.`,
      internal: true,
      channel: 'system',
      notify: false,
    },
    { trusted: true, keepStatus: true },
  );
  await recordEvent(deps.db, {
    actor: SYSTEM,
    at: now,
    action: escalatedFrom ? 'oncall.escalated' : 'oncall.paged',
    entityType: 'ticket',
    entityId: ticket.id,
    ticketId: ticket.id,
    data: { page: page.id, agent: agent.email, level, reason },
  });
  await emitWebhook(deps, escalatedFrom ? 'oncall.escalated' : 'oncall.paged', {
    page: { id: page.id, level, reason, pagedAt: now.toISOString() },
    agent: { email: agent.email, name: agent.name },
    ticket: { number: ticket.id, subject: ticket.subject, priority: ticket.priority },
  });
  await deps.enqueue(
    deps.db,
    escalatePageJob.name,
    { pageId: page.id },
    { runAt: new Date(now.getTime() + deps.config.oncallAckMinutes * MINUTE_MS), key: `escalate:${page.id}` },
  );
}

const isDone = (ticket: TicketRow) => DONE_STATUSES.includes(ticket.status);

export const pageTicketJob = defineJob<{ ticketId: number; reason: string }, Deps>({
  name: 'oncall.page',
  priority: 1,
  async handle(deps, payload) {
    await inTransaction(deps, async (tx) => {
      const ticket = await findTicket(tx.db, payload.ticketId, { kind: 'all' }, { forUpdate: true });
      // solved or closed before the page went out: the emergency is over, nobody is woken
      if (!ticket || isDone(ticket)) return;
      // a retried job, or a ticket that was urgent before: one page chain per ticket
      if (await ticketHasPage(tx.db, ticket.id)) return;
      const members = await loadMembers(tx);
      const shift = onCallAt(await loadRotation(tx), members.length, tx.clock.now());
      const onCall = shift ? members[shift.index] : undefined;
      if (!onCall) {
        await addMessageRecord(
          tx,
          SYSTEM,
          ticket.id,
          {
            body: `Nobody could be paged (${payload.reason}): the on-call rotation is empty.`,
            internal: true,
            channel: 'system',
            notify: false,
          },
          { trusted: true, keepStatus: true },
        );
        return;
      }
      await sendPage(tx, ticket, onCall.id, 0, payload.reason);
    });
  },
});

export const escalatePageJob = defineJob<{ pageId: string }, Deps>({
  name: 'oncall.escalate',
  priority: 1,
  async handle(deps, payload) {
    await inTransaction(deps, async (tx) => {
      const page = await findPage(tx.db, payload.pageId, { forUpdate: true });
      if (!page || page.acknowledgedAt || page.escalatedAt) return;
      const ticket = await findTicket(tx.db, page.ticketId, { kind: 'all' });
      // someone acknowledged in the meantime (perhaps an earlier page of the ticket): the chain stops
      const acked = await ticketHasAcknowledgedPage(tx.db, page.ticketId);
      if (!ticket || isDone(ticket) || acked) return;
      await markPageEscalated(tx.db, page.id, tx.clock.now());
      const members = await loadMembers(tx);
      const first = await findFirstPage(tx.db, page.ticketId);
      const startIndex = members.findIndex((m) => m.id === first?.agentId);
      const nextLevel = page.level + 1;
      const target = escalationTarget(Math.max(0, startIndex), members.length, nextLevel);
      const previous = await findAgentById(tx.db, page.agentId);
      const next = target === undefined ? undefined : members[target];
      if (!next) {
        await addMessageRecord(
          tx,
          SYSTEM,
          ticket.id,
          {
            body: `Nobody acknowledged the page: everyone in the on-call rotation has been paged.`,
            internal: true,
            channel: 'system',
            notify: false,
          },
          { trusted: true, keepStatus: true },
        );
        return;
      }
      await sendPage(tx, ticket, next.id, nextLevel, page.reason, previous?.name ?? 'the engineer on call');
    });
  },
});

export const oncallJobs = [pageTicketJob, escalatePageJob];
