import { DateTime } from 'luxon';
import { loadRoster, type RosterEntry } from '../coverage/roster.js';
import type { Deps } from '../deps.js';
import { listTeamMemberRows } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import type { TicketRow } from '../tickets/ticket-store.js';
import { hostStats, listBusy, listHolds } from './call-store.js';
import { hostSlots, pickHost, type SlotHost, type SlotRules, unionSlots } from './slots.js';
import type { CallTypeRow } from './tables.js';

// Where the pure slot maths (slots.ts) meets the database: who may host a call of this type on
// this ticket, their roster, their calendar's busy time and the calls they hold.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// buffers are at most 4 hours each: holds and busy time this far outside the window still matter
const MARGIN_MS = 8 * HOUR_MS;
export const MAX_SLOTS = 500;

export interface Slot {
  start: number;
  end: number;
  agent: RosterEntry;
  /** every host free then, the picked one first (round robin: booking picks again among them) */
  free: RosterEntry[];
}

/** The agents who may host this type of call on this ticket, as the roster knows them. */
export async function hostsFor(deps: Deps, type: CallTypeRow, ticket: TicketRow, range: { from: Date; to: Date }) {
  const roster = await loadRoster(deps, range);
  if (type.hosts === 'assignee') {
    const assignee = roster.find((r) => r.id === ticket.assigneeId);
    if (!assignee) {
      throw new AppError('CALL_NO_HOST', 'This call type is hosted by the ticket’s assignee: assign the ticket first.');
    }
    return [assignee];
  }
  const members = type.teamId
    ? new Set((await listTeamMemberRows(deps.db, [type.teamId])).map((m) => m.agentId))
    : null;
  const hosts = roster.filter(
    (r) =>
      (!members || members.has(r.id)) &&
      (!type.region || r.region === type.region) &&
      (!type.skill || r.skills.includes(type.skill)),
  );
  if (hosts.length === 0) throw new AppError('CALL_NO_HOST', 'Nobody on the roster may host this call type.');
  return hosts;
}

export function rulesOf(type: CallTypeRow, options: { ignoreNotice?: boolean } = {}): SlotRules {
  return {
    durationMinutes: type.durationMinutes,
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
    minNoticeMinutes: options.ignoreNotice ? 0 : type.minNoticeMinutes,
    horizonDays: type.horizonDays,
    maxPerAgentPerDay: type.maxPerAgentPerDay,
  };
}

/**
 * Free slots of a call type on a ticket within [from, to), each with the host it would go to.
 * Agents booking for a customer on the phone skip the minimum notice (never the past).
 */
export async function findSlots(
  deps: Deps,
  type: CallTypeRow,
  ticket: TicketRow,
  window: { from: Date; to: Date },
  options: { ignoreNotice?: boolean; onlyAgentId?: string; limit?: number; excludeCallId?: string } = {},
): Promise<Slot[]> {
  const now = deps.clock.now();
  const from = new Date(Math.max(window.from.getTime(), now.getTime()));
  const to = new Date(Math.min(window.to.getTime(), now.getTime() + type.horizonDays * DAY_MS));
  if (to <= from) return [];
  const around = { from: new Date(from.getTime() - MARGIN_MS), to: new Date(to.getTime() + MARGIN_MS) };
  let hosts = await hostsFor(deps, type, ticket, around);
  if (options.onlyAgentId) hosts = hosts.filter((h) => h.id === options.onlyAgentId);
  if (hosts.length === 0) return [];
  const ids = hosts.map((h) => h.id);
  // whole local days either side, so a day's count of calls is complete for maxPerAgentPerDay
  const days = { from: new Date(around.from.getTime() - DAY_MS), to: new Date(around.to.getTime() + DAY_MS) };
  const [busy, holds, stats] = await Promise.all([
    listBusy(deps.db, ids, around.from, around.to),
    listHolds(deps.db, ids, days.from, days.to),
    type.hosts === 'round-robin' ? hostStats(deps.db, ids, new Date(now.getTime() - 30 * DAY_MS)) : [],
  ]);
  const rules = rulesOf(type, options);
  const perHost = hosts.map((host) => {
    // a call being moved does not stand in its own way
    const own = holds.filter((h) => h.agentId === host.id && h.id !== options.excludeCallId);
    const callsPerDay = new Map<string, number>();
    for (const h of own) {
      const day = DateTime.fromJSDate(h.startsAt, { zone: host.timeZone }).toISODate() as string;
      callsPerDay.set(day, (callsPerDay.get(day) ?? 0) + 1);
    }
    const input: SlotHost = {
      agentId: host.id,
      rostered: host,
      busy: busy.filter((b) => b.agentId === host.id).map((b) => [b.startsAt.getTime(), b.endsAt.getTime()]),
      holds: own.map((h) => [h.holdFrom.getTime(), h.holdUntil.getTime()]),
      callsPerDay,
    };
    return { agentId: host.id, slots: hostSlots(input, rules, { from, to }, now) };
  });
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const statsById = new Map(
    stats.map((s) => [
      s.agentId,
      { calls: s.calls, lastBookedAt: s.lastBookedAt ? new Date(s.lastBookedAt).getTime() : null },
    ]),
  );
  const slots: Slot[] = [];
  for (const slot of unionSlots(perHost)) {
    const picked = pickHost(slot.agentIds, type.distribution, statsById) ?? slot.agentIds[0];
    const agent = byId.get(picked as string) as RosterEntry;
    const free = [agent, ...slot.agentIds.filter((id) => id !== picked).map((id) => byId.get(id) as RosterEntry)];
    slots.push({ start: slot.start, end: slot.end, agent, free });
    if (slots.length >= (options.limit ?? MAX_SLOTS)) break;
  }
  return slots;
}
