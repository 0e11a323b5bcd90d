import type { Deps } from '../deps.js';
import { findOrganizationById } from '../people/index.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import { DONE_STATUSES, type TicketStatus } from '../tickets/status-rules.js';
import type { TicketRow } from '../tickets/ticket-store.js';
import {
  addCounts,
  type CountStep,
  type Dims,
  findBacklogEntry,
  forgetResolution,
  recordReply,
  recordResolution,
  recordSlaOutcomes,
  sameDims,
  setBacklogEntry,
} from './facts-store.js';

// The report facts, kept as tickets change: counts per quarter hour (created, solved, reopened,
// replies, the backlog's moves), the reply and resolution times, and SLA outcomes. Runs inside the
// change's transaction after trackSla, so the SLA steps of the change (and a breach the sweep just
// recorded, whose note is a change too) are there to read. A few indexed statements per change.

const done = (status: string) => DONE_STATUSES.includes(status as TicketStatus);

/** When the change happened: the time the desk wrote on the ticket or the message, as the audit trail has it. */
function changedAt(deps: Deps, change: TicketChange): Date {
  if (change.kind === 'created') return change.ticket.createdAt;
  if (change.kind === 'message') return change.message.createdAt;
  // handover moves a ticket without touching updated_at
  return change.ticket.updatedAt.getTime() > change.before.updatedAt.getTime()
    ? change.ticket.updatedAt
    : deps.clock.now();
}

const DIMENSIONS = ['priority', 'organizationId', 'teamId', 'region', 'assigneeId'] as const;

async function dimsOf(deps: Deps, ticket: TicketRow): Promise<Dims> {
  const organization = ticket.organizationId ? await findOrganizationById(deps.db, ticket.organizationId) : undefined;
  return {
    priority: ticket.priority,
    plan: organization?.plan ?? null,
    region: ticket.region,
    organizationId: ticket.organizationId,
    teamId: ticket.teamId,
    agentId: ticket.assigneeId,
  };
}

export async function keepReportFacts(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const ticket = change.ticket;
  const before = change.kind === 'created' ? undefined : change.before;
  const statusChanged = before !== undefined && before.status !== ticket.status;
  const moved = before !== undefined && DIMENSIONS.some((d) => before[d] !== ticket[d]);
  // a CC or tag change, a subject: nothing a report counts
  if (change.kind === 'updated' && !statusChanged && !moved) return undefined;

  const at = changedAt(deps, change);
  const dims = await dimsOf(deps, ticket);
  const steps: CountStep[] = [];

  if (change.kind === 'created') {
    steps.push({ at, dims, created: 1, solved: ticket.status === 'solved' ? 1 : 0 });
    if (change.message && change.message.authorKind === 'agent' && !change.message.internal) {
      steps.push({ at, dims: { ...dims, agentId: change.message.authorAgentId }, replies: 1 });
    }
  }
  if (before && statusChanged) {
    if (ticket.status === 'solved') {
      steps.push({ at, dims, solved: 1 });
      if (ticket.solvedAt) {
        await recordResolution(deps.db, {
          ticketId: ticket.id,
          solvedAt: ticket.solvedAt,
          ticketCreatedAt: ticket.createdAt,
          dims,
        });
      }
    }
    if (done(before.status) && !done(ticket.status)) {
      steps.push({ at, dims, reopened: 1 });
      await forgetResolution(deps.db, ticket.id);
    }
  }

  // the backlog: the ticket leaves or enters the unsolved set, or moves between keys within it
  if (change.kind === 'created' || statusChanged || moved) {
    const counted = change.kind === 'created' ? undefined : await findBacklogEntry(deps.db, ticket.id);
    const wanted = done(ticket.status) ? undefined : dims;
    if (!(counted && wanted && sameDims(counted, wanted)) && (counted || wanted)) {
      if (counted) steps.push({ at, dims: counted, backlogDelta: -1 });
      if (wanted) steps.push({ at, dims: wanted, backlogDelta: 1 });
      await setBacklogEntry(deps.db, ticket.id, wanted ?? null);
    }
  }

  if (change.kind === 'message' && change.message.authorKind === 'agent' && !change.message.internal) {
    const replier = { ...dims, agentId: change.message.authorAgentId };
    steps.push({ at, dims: replier, replies: 1 });
    await recordReply(deps.db, {
      ticketId: ticket.id,
      messageId: change.message.id,
      at: change.message.createdAt,
      ticketCreatedAt: ticket.createdAt,
      dims: replier,
    });
  }
  await addCounts(deps.db, steps);
  // a new ticket's clocks only start
  if (change.kind !== 'created') await recordSlaOutcomes(deps.db, ticket.id, dims);
  return undefined;
}
