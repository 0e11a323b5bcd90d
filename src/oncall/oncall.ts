import { and, asc, desc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import { findAgentById, findAgentsByIds, findOrganizationById, resolveAgent } from '../people/index.js';
import { MINUTE_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { defineJob } from '../platform/jobs/define-job.js';
import { readSetting, writeSetting } from '../platform/settings-store.js';
import { addMessageRecord } from '../tickets/add-message.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import { DONE_STATUSES } from '../tickets/status-rules.js';
import { findTicket, type TicketRow } from '../tickets/ticket-store.js';
import { updateTicket } from '../tickets/update-ticket.js';
import { emitWebhook } from '../webhooks/webhooks.js';
import { escalationTarget, onCallAt, type Rotation } from './rotation.js';
import { oncallMembers, type PageRow, pages } from './tables.js';

// Emergencies: an urgent ticket from an organization on an ONCALL_PLANS plan, or mail to
// EMERGENCY_ADDRESS from a support contact, pages whoever is on call (mail and webhook). A page not
// acknowledged within ONCALL_ACK_MINUTES goes to the next person in the rotation, and so on until
// everyone has been paged. Paging is a job enqueued with the ticket's change, keyed per ticket, so
// a ticket pages once however often it is touched.

export const EMERGENCY_TAG = 'emergency';
const KEY = 'oncall';

interface StoredRotation {
  startsAt: string;
  shiftHours: number;
}
const DEFAULT_ROTATION: StoredRotation = { startsAt: '2026-01-05T09:00:00.000Z', shiftHours: 168 };

async function loadRotation(deps: Deps): Promise<Rotation> {
  const value = await readSetting(deps.db, KEY);
  const stored = value ? (JSON.parse(value) as StoredRotation) : DEFAULT_ROTATION;
  return { startsAt: new Date(stored.startsAt), shiftHours: stored.shiftHours };
}

async function loadMembers(deps: Deps) {
  const rows = await deps.db.select().from(oncallMembers).orderBy(asc(oncallMembers.position));
  const agents = new Map(
    (
      await findAgentsByIds(
        deps.db,
        rows.map((r) => r.agentId),
      )
    ).map((a) => [a.id, a]),
  );
  return rows.flatMap((r) => {
    const agent = agents.get(r.agentId);
    return agent?.active ? [agent] : [];
  });
}

export async function getOnCall(deps: Deps, actor: Actor) {
  requireAgent(actor);
  const rotation = await loadRotation(deps);
  const members = await loadMembers(deps);
  const shift = onCallAt(rotation, members.length, deps.clock.now());
  const current = shift ? members[shift.index] : undefined;
  return {
    startsAt: rotation.startsAt.toISOString(),
    shiftHours: rotation.shiftHours,
    members: members.map((m) => ({ id: m.id, email: m.email, name: m.name })),
    onCall:
      current && shift
        ? { id: current.id, email: current.email, name: current.name, until: shift.until.toISOString() }
        : null,
  };
}

export async function setOnCall(
  deps: Deps,
  actor: Actor,
  input: { startsAt: string; shiftHours: number; members: string[] },
) {
  requireAgent(actor, 'lead');
  const startsAt = new Date(input.startsAt);
  if (Number.isNaN(startsAt.getTime())) {
    throw new AppError('VALIDATION_FAILED', `startsAt: "${input.startsAt}" is not an instant.`);
  }
  await inTransaction(deps, async (tx) => {
    const agents: Awaited<ReturnType<typeof resolveAgent>>[] = [];
    for (const ref of input.members) {
      const agent = await resolveAgent(tx, ref);
      if (!agent.active) throw new AppError('VALIDATION_FAILED', `${agent.email} is deactivated.`);
      if (agents.some((a) => a.id === agent.id)) {
        throw new AppError('VALIDATION_FAILED', `${agent.email} is in the rotation twice.`);
      }
      agents.push(agent);
    }
    await tx.db.delete(oncallMembers);
    if (agents.length > 0) {
      await tx.db.insert(oncallMembers).values(agents.map((a, position) => ({ position, agentId: a.id })));
    }
    const value = JSON.stringify({ startsAt: startsAt.toISOString(), shiftHours: input.shiftHours });
    await writeSetting(tx.db, KEY, value);
  });
  return getOnCall(deps, actor);
}

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
  const [page] = await deps.db
    .insert(pages)
    .values({ ticketId: ticket.id, agentId, level, reason, pagedAt: now })
    .returning();
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
      const earlier = await tx.db.select({ id: pages.id }).from(pages).where(eq(pages.ticketId, ticket.id)).limit(1);
      if (earlier.length > 0) return;
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
      const page = (await tx.db.select().from(pages).where(eq(pages.id, payload.pageId)).for('update'))[0];
      if (!page || page.acknowledgedAt || page.escalatedAt) return;
      const ticket = await findTicket(tx.db, page.ticketId, { kind: 'all' });
      // someone acknowledged in the meantime (perhaps an earlier page of the ticket): the chain stops
      const acked = await tx.db
        .select({ id: pages.id })
        .from(pages)
        .where(and(eq(pages.ticketId, page.ticketId), isNotNull(pages.acknowledgedAt)))
        .limit(1);
      if (!ticket || isDone(ticket) || acked.length > 0) return;
      await tx.db.update(pages).set({ escalatedAt: tx.clock.now() }).where(eq(pages.id, page.id));
      const members = await loadMembers(tx);
      const first = await tx.db
        .select()
        .from(pages)
        .where(and(eq(pages.ticketId, page.ticketId), eq(pages.level, 0)))
        .orderBy(desc(pages.pagedAt))
        .limit(1);
      const startIndex = members.findIndex((m) => m.id === first[0]?.agentId);
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

/** Acknowledging stops the escalation for the ticket; the one who acknowledges takes an unassigned ticket. */
export async function acknowledgePage(deps: Deps, actor: Actor, pageId: string) {
  const agent = requireAgent(actor);
  const page = await inTransaction(deps, async (tx) => {
    const page = (await tx.db.select().from(pages).where(eq(pages.id, pageId)).for('update'))[0];
    if (!page) throw new AppError('PAGE_NOT_FOUND', `No page ${pageId}.`);
    if (agent.role === 'agent') {
      // anyone paged for the ticket may answer for it, also from an earlier page's mail
      const mine = await tx.db
        .select({ id: pages.id })
        .from(pages)
        .where(and(eq(pages.ticketId, page.ticketId), eq(pages.agentId, agent.agentId ?? '')))
        .limit(1);
      if (mine.length === 0)
        throw new AppError('FORBIDDEN', 'Only an engineer paged for this ticket (or a lead) can acknowledge.');
    }
    const now = tx.clock.now();
    await tx.db
      .update(pages)
      .set({ acknowledgedAt: now })
      .where(
        and(
          eq(pages.ticketId, page.ticketId),
          isNull(pages.acknowledgedAt),
          or(eq(pages.id, page.id), isNull(pages.escalatedAt)),
        ),
      );
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'oncall.acknowledged',
      entityType: 'ticket',
      entityId: page.ticketId,
      ticketId: page.ticketId,
      data: { page: page.id, level: page.level },
    });
    return (await tx.db.select().from(pages).where(eq(pages.id, pageId)))[0] as PageRow;
  });
  // whoever answers the page takes the ticket, unless someone already has it
  const ticket = await findTicket(deps.db, page.ticketId, { kind: 'all' });
  if (ticket && !ticket.assigneeId && agent.agentId && ticket.status !== 'closed') {
    await updateTicket(deps, actor, ticket.id, { assignee: agent.agentId });
  }
  return presentPage(page, await findAgentById(deps.db, page.agentId));
}

export async function listPages(deps: Deps, actor: Actor, query: { open?: boolean; ticket?: number }) {
  requireAgent(actor);
  const where = and(
    query.ticket ? eq(pages.ticketId, query.ticket) : undefined,
    query.open ? and(isNull(pages.acknowledgedAt), isNull(pages.escalatedAt)) : undefined,
  );
  const rows = await deps.db.select().from(pages).where(where).orderBy(desc(pages.pagedAt)).limit(200);
  const agents = new Map(
    (await findAgentsByIds(deps.db, [...new Set(rows.map((r) => r.agentId))])).map((a) => [a.id, a]),
  );
  return { items: rows.map((r) => presentPage(r, agents.get(r.agentId))) };
}

function presentPage(row: PageRow, agent: { email: string; name: string } | undefined) {
  return {
    id: row.id,
    ticket: row.ticketId,
    agent: agent ? { email: agent.email, name: agent.name } : null,
    level: row.level,
    reason: row.reason,
    pagedAt: row.pagedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
  };
}

export const oncallJobs = [pageTicketJob, escalatePageJob];
