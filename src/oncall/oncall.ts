import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findAgentById, findAgentsByIds, resolveAgent } from '../people/index.js';
import { HOUR_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { findTicket } from '../tickets/ticket-store.js';
import { updateTicket } from '../tickets/update-ticket.js';
import {
  acknowledgePages,
  agentWasPagedFor,
  findPage,
  listPageRows,
  loadMembers,
  loadRotation,
  replaceMembers,
  saveRotation,
} from './oncall-store.js';
import { onCallAt } from './rotation.js';
import type { PageRow } from './tables.js';

// On call: the rotation (who is on call now, and next), set by leads and seen by every agent, and
// the pages it receives. Paging and escalation run as jobs (jobs.ts).

export const EMERGENCY_TAG = 'emergency';

/** Shifts shown ahead: one round of the rotation, at most this many. */
const UPCOMING = 12;

export async function getOnCall(deps: Deps, actor: Actor) {
  requireAgent(actor);
  const rotation = await loadRotation(deps);
  const members = await loadMembers(deps);
  const now = deps.clock.now();
  const shift = onCallAt(rotation, members.length, now);
  const current = shift ? members[shift.index] : undefined;
  const person = (m: { id: string; email: string; name: string }) => ({ id: m.id, email: m.email, name: m.name });
  // the current shift and the ones after it, one round of the rotation
  const shifts = [];
  for (let k = 0; shift && k < Math.min(members.length, UPCOMING); k++) {
    const at = new Date(shift.from.getTime() + k * rotation.shiftHours * HOUR_MS);
    const next = onCallAt(rotation, members.length, at);
    const member = next ? members[next.index] : undefined;
    if (next && member)
      shifts.push({ ...person(member), from: next.from.toISOString(), until: next.until.toISOString() });
  }
  return {
    startsAt: rotation.startsAt.toISOString(),
    shiftHours: rotation.shiftHours,
    members: members.map(person),
    onCall: current && shift ? { ...person(current), until: shift.until.toISOString() } : null,
    shifts,
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
    await replaceMembers(
      tx.db,
      agents.map((a) => a.id),
    );
    await saveRotation(tx.db, { startsAt, shiftHours: input.shiftHours });
  });
  return getOnCall(deps, actor);
}

/** Acknowledging stops the escalation for the ticket; the one who acknowledges takes an unassigned ticket. */
export async function acknowledgePage(deps: Deps, actor: Actor, pageId: string) {
  const agent = requireAgent(actor);
  const page = await inTransaction(deps, async (tx) => {
    const page = await findPage(tx.db, pageId, { forUpdate: true });
    if (!page) throw new AppError('PAGE_NOT_FOUND', `No page ${pageId}.`);
    // anyone paged for the ticket may answer for it, also from an earlier page's mail
    if (agent.role === 'agent' && !(await agentWasPagedFor(tx.db, page.ticketId, agent.agentId ?? ''))) {
      throw new AppError('FORBIDDEN', 'Only an engineer paged for this ticket (or a lead) can acknowledge.');
    }
    const now = tx.clock.now();
    await acknowledgePages(tx.db, page, now);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'oncall.acknowledged',
      entityType: 'ticket',
      entityId: page.ticketId,
      ticketId: page.ticketId,
      data: { page: page.id, level: page.level },
    });
    return (await findPage(tx.db, pageId)) as PageRow;
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
  const rows = await listPageRows(deps.db, { ...query, limit: 200 });
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

/** Whoever is on call now, by the rotation (undefined when it is empty). */
export async function whoIsOnCall(deps: Deps) {
  const members = await loadMembers(deps);
  const shift = onCallAt(await loadRotation(deps), members.length, deps.clock.now());
  return shift ? members[shift.index] : undefined;
}
