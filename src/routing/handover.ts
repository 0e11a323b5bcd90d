import { recordEvent } from '../audit/index.js';
import { SYSTEM } from '../auth/actor.js';
import { loadRoster, type RosterEntry } from '../coverage/roster.js';
import { markRouted } from '../coverage/roster-store.js';
import { isWorking, nextWorkStart } from '../coverage/working-intervals.js';
import { type Deps, inTransaction } from '../deps.js';
import { formatUtc, MINUTE_MS } from '../platform/clock.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { ticketChanged } from '../tickets/lifecycle.js';
import {
  findTicket,
  latestMessagesByKind,
  listWaitingTicketIdsOf,
  type TicketRow,
  updateTicketRow,
} from '../tickets/ticket-store.js';
import { emitWebhook } from '../webhooks/webhooks.js';
import { pickAgent } from './route-ticket.js';

// Handover: when an assignee's day ends (off shift, not back within HANDOVER_AWAY_MINUTES), their
// tickets that wait on us (new, open) move to someone on shift, with a note of where things stand.
// A deliberate assignment does not surprise its owner: a ticket assigned by hand (tickets.hand_over
// false, "pinned") stays, unless the assignee chose "hand over when my day ends" for it or as their
// default (agents.hand_over_default). Routed tickets move.
// A ticket handed over as many times as there are regions has circled the globe unanswered and is
// flagged.

const BATCH = 100;
const MAX_PER_SWEEP = 500;
export const CIRCLED_TAG = 'circled-globe';

/** Agents whose day has ended: off shift now and not back for a while. */
export function leavingAgents(roster: RosterEntry[], now: Date, awayMinutes: number): RosterEntry[] {
  return roster.filter((a) => {
    if (isWorking(a, now)) return false;
    const back = nextWorkStart(a, now);
    return !back || back.getTime() - now.getTime() >= awayMinutes * MINUTE_MS;
  });
}

function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

async function handoverNote(deps: Deps, ticket: TicketRow, from: RosterEntry | undefined, to: RosterEntry) {
  const latest = await latestMessagesByKind(deps.db, ticket.id);
  const who = (a: RosterEntry | undefined) => (a ? `${a.name}${a.region ? ` (${a.region})` : ''}` : 'nobody');
  const customer = latest.get('customer');
  const agent = latest.get('agent');
  const note = latest.get('note');
  const lines = [
    `Handover from ${who(from)} to ${who(to)}: ${from ? `${from.name}'s shift has ended` : 'the ticket was waiting for a shift'}.`,
    `Status: ${ticket.status}, priority ${ticket.priority}${ticket.slaDueAt ? `; next SLA due ${formatUtc(ticket.slaDueAt)}` : ''}.`,
    customer
      ? `Last from the customer (${formatUtc(customer.createdAt)}): "${excerpt(customer.bodyText)}"`
      : 'No message from the customer yet.',
    agent
      ? `Promises made, in the last public reply (${formatUtc(agent.createdAt)}, ${agent.authorName ?? 'agent'}): "${excerpt(agent.bodyText)}"`
      : 'No public reply yet.',
    ...(note
      ? [`Next step, from the latest internal note (${note.authorName ?? 'agent'}): "${excerpt(note.bodyText)}"`]
      : []),
  ];
  return lines.join('\n');
}

export async function handOver(deps: Deps, ticketId: number, leavingIds: Set<string>) {
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, ticketId, { kind: 'all' }, { forUpdate: true });
    if (!ticket?.assigneeId || !leavingIds.has(ticket.assigneeId)) return;
    if (ticket.status !== 'new' && ticket.status !== 'open') return;
    // pinned: assigned by hand, and the assignee did not opt in to hand it over
    if (!ticket.handOver) return;
    const now = tx.clock.now();
    const roster = await loadRoster(tx);
    const from = roster.find((a) => a.id === ticket.assigneeId);
    const pick = await pickAgent(tx, ticket, { exclude: [ticket.assigneeId] });
    const to = pick.agent;
    // nobody else on shift: it stays with its assignee until someone can take it
    if (!to) return;
    const handovers = ticket.handovers + 1;
    const regions = new Set(roster.map((a) => a.region ?? '').filter(Boolean));
    const circled = handovers >= Math.max(2, regions.size) && !ticket.tags.includes(CIRCLED_TAG);
    const body = await handoverNote(tx, ticket, from, to);
    await addMessageRecord(
      tx,
      SYSTEM,
      ticket.id,
      { body, internal: true, channel: 'handover', notify: false },
      { trusted: true, keepStatus: true },
    );
    const changed = await updateTicketRow(tx.db, ticket.id, {
      assigneeId: to.id,
      routeAfter: null,
      handovers,
      ...(circled ? { tags: [...ticket.tags, CIRCLED_TAG].sort() } : {}),
      updatedAt: now,
    });
    await ticketChanged(tx, { kind: 'updated', before: ticket, ticket: changed }, (fields) =>
      updateTicketRow(tx.db, ticket.id, fields),
    );
    await markRouted(tx.db, to.id, now);
    to.lastRoutedAt = now;
    await recordEvent(tx.db, {
      actor: SYSTEM,
      at: now,
      action: 'ticket.handed-over',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: {
        changes: { assignee: { from: ticket.assigneeId, to: to.id } },
        from: from?.email ?? null,
        to: to.email,
        fromRegion: from?.region ?? null,
        toRegion: to.region ?? null,
        reason: pick.reason,
        handovers,
      },
    });
    if (circled) {
      await recordEvent(tx.db, {
        actor: SYSTEM,
        at: now,
        action: 'ticket.circled',
        entityType: 'ticket',
        entityId: ticket.id,
        ticketId: ticket.id,
        data: { handovers, regions: [...regions] },
      });
      await emitWebhook(tx, 'ticket.circled', {
        ticket: { number: ticket.id, subject: ticket.subject, priority: ticket.priority },
        handovers,
      });
    }
    return { to: to.email, circled };
  });
}

export async function handOverEndedShifts(deps: Deps) {
  const now = deps.clock.now();
  const roster = await loadRoster(deps);
  // nobody on shift (a weekend): tickets stay with their people until a region starts
  if (!roster.some((a) => isWorking(a, now))) return 0;
  const leaving = leavingAgents(roster, now, deps.config.handoverAwayMinutes);
  const ids = new Set(leaving.map((a) => a.id));
  let moved = 0;
  let after = 0;
  // a bounded amount of work per sweep: a huge backlog moves over a few sweeps, not in one long burst
  while (moved < MAX_PER_SWEEP) {
    const batch = await listWaitingTicketIdsOf(deps.db, [...ids], BATCH, after);
    for (const { id } of batch) {
      if (await handOver(deps, id, ids)) moved++;
      after = id;
    }
    if (batch.length < BATCH) break;
  }
  return moved;
}
