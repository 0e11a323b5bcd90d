import { IANAZone } from 'luxon';
import { type Interval, type Rostered, workingIntervals } from '../coverage/working-intervals.js';

// Bookable call slots, pure: a host's working intervals (roster, holidays, time off: coverage's
// workingIntervals) minus their calendar's busy time and their booked calls' holds, each widened by
// the new call's buffers, cut to the notice and horizon, with starts on a local wall-clock grid.

export type { Interval, Rostered };

export interface SlotRules {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  maxPerAgentPerDay: number | null;
}

export interface SlotHost {
  agentId: string;
  /** zone, weekly hours, country (holidays), time off */
  rostered: Rostered;
  /** from their own calendar (any order, may overlap) */
  busy: Interval[];
  /** their booked calls' held time [start - its buffer before, end + its buffer after) */
  holds: Interval[];
  /** booked calls per local day (YYYY-MM-DD in the host's zone), for maxPerAgentPerDay */
  callsPerDay?: Map<string, number>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * How often a call may start, in minutes. Stepping by the duration (Cal.com's default) gives a 45-minute
 * call starts at 09:00, 09:45, 10:30 …, odd times to offer a customer, and lets a 60-minute call miss
 * the gap after a meeting that ends at :30. Half hours keep starts on times people say aloud; short
 * calls (≤ 15 min) step by quarters so they can fill the small gaps they are made for.
 */
export function stepMinutes(rules: SlotRules): number {
  return rules.durationMinutes <= 15 ? 15 : 30;
}

/**
 * Start times a host can take a call at, within [from, to) ∩ [now + notice, now + horizon): the call
 * [s, s + duration) lies inside one working interval (touching intervals, such as a night shift's
 * 22:00-24:00 and the next day's 00:00-06:00, count as one); the call widened by this type's buffers
 * [s - before, e + after) touches no busy time and no hold; days (the start's local date) already at
 * maxPerAgentPerDay are skipped. Starts fall on a grid of `stepMinutes(rules)` minutes aligned to the
 * host's local wall clock (so :00/:30 even for a zone at +05:45). Sorted, as [start, end) of the call.
 */
export function hostSlots(host: SlotHost, rules: SlotRules, window: { from: Date; to: Date }, now: Date): Interval[] {
  const durationMs = rules.durationMinutes * MINUTE;
  const stepMs = stepMinutes(rules) * MINUTE;
  const lo = Math.max(window.from.getTime(), now.getTime() + rules.minNoticeMinutes * MINUTE);
  const hi = Math.min(window.to.getTime(), now.getTime() + rules.horizonDays * DAY);
  if (hi <= lo || durationMs <= 0) return [];

  // a start before `hi` may run until hi + duration
  const working = mergeIntervals(
    workingIntervals(host.rostered, new Date(lo), new Date(hi + durationMs)).map(([s, e]) => [s, e] as Interval),
  );
  if (working.length === 0) return [];
  const blocked = blockedTime(host, rules, working[0]?.[0] ?? lo, working[working.length - 1]?.[1] ?? hi);

  const zone = IANAZone.create(host.rostered.timeZone);
  const cap = rules.maxPerAgentPerDay;
  const dayFull = cap === null ? null : dayFullCheck(host.callsPerDay ?? new Map(), cap);

  const out: Interval[] = [];
  // a free stretch [a, b) inside one working interval, onto the local grid of each offset piece
  const emit = (a: number, b: number, pieces: OffsetPiece[]) => {
    if (b - a < durationMs) return;
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p] as OffsetPiece;
      const pieceEnd = p + 1 < pieces.length ? (pieces[p + 1] as OffsetPiece).start : Number.POSITIVE_INFINITY;
      if (pieceEnd <= a) continue;
      const offsetMs = piece.offset * MINUTE;
      const last = Math.min(pieceEnd, hi);
      for (let s = alignUp(Math.max(a, piece.start), offsetMs, stepMs); s < last && s + durationMs <= b; s += stepMs) {
        if (dayFull?.(s + offsetMs)) continue;
        out.push([s, s + durationMs]);
      }
      if (pieceEnd >= b) break;
    }
  };

  // two pointers: working intervals and merged blocked time are both sorted and disjoint
  let j = 0;
  for (const [wa, wb] of working) {
    const pieces = offsetPieces(zone, wa, wb);
    while (j < blocked.length && (blocked[j] as Interval)[1] <= wa) j++;
    let cursor = wa;
    for (let k = j; k < blocked.length; k++) {
      const [ba, be] = blocked[k] as Interval;
      if (ba >= wb) break;
      if (ba > cursor) emit(cursor, ba, pieces);
      if (be > cursor) cursor = be;
      if (cursor >= wb) break;
    }
    if (cursor < wb) emit(cursor, wb, pieces);
  }
  return out;
}

/** Round robin: the union of hosts' slots; each start lists the hosts free then, in the given host order. */
export function unionSlots(
  perHost: { agentId: string; slots: Interval[] }[],
): { start: number; end: number; agentIds: string[] }[] {
  const all: [number, number, number][] = [];
  perHost.forEach((host, h) => {
    for (const [s, e] of host.slots) all.push([s, e, h]);
  });
  all.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const out: { start: number; end: number; agentIds: string[] }[] = [];
  let current: { start: number; end: number; agentIds: string[] } | undefined;
  let lastHost = -1;
  for (const [s, e, h] of all) {
    if (!current || current.start !== s || current.end !== e) {
      current = { start: s, end: e, agentIds: [] };
      out.push(current);
      lastHost = -1;
    }
    // a host listed twice in its own slots counts once
    if (h !== lastHost) current.agentIds.push((perHost[h] as { agentId: string }).agentId);
    lastHost = h;
  }
  return out;
}

/**
 * Picks among free hosts: 'available' = the one booked least recently (lastBookedAt asc, never first,
 * then order); 'equal' = fewest calls in the counting period, then least recently booked.
 */
export function pickHost(
  candidates: string[],
  mode: 'available' | 'equal',
  stats: Map<string, { calls: number; lastBookedAt: number | null }>,
): string | undefined {
  let best: string | undefined;
  let bestCalls = 0;
  let bestLast = 0;
  for (const id of candidates) {
    const stat = stats.get(id);
    const calls = stat?.calls ?? 0;
    const last = stat?.lastBookedAt ?? Number.NEGATIVE_INFINITY; // never booked sorts first
    const better =
      best === undefined ||
      (mode === 'equal' && calls < bestCalls) ||
      ((mode === 'available' || calls === bestCalls) && last < bestLast);
    if (better) {
      best = id;
      bestCalls = calls;
      bestLast = last;
    }
  }
  return best;
}

/** Busy and holds, each widened by the new call's buffers, sorted and merged (one sort + sweep). */
function blockedTime(host: SlotHost, rules: SlotRules, from: number, to: number): Interval[] {
  // the call [s, e) widened to [s - before, e + after) overlaps [bs, be) iff it overlaps [bs - after, be + before)
  const before = rules.bufferBeforeMinutes * MINUTE;
  const after = rules.bufferAfterMinutes * MINUTE;
  const widened: Interval[] = [];
  for (const list of [host.busy, host.holds]) {
    for (const [bs, be] of list) {
      const s = bs - after;
      const e = be + before;
      if (e > from && s < to && e > s) widened.push([s, e]);
    }
  }
  return mergeIntervals(widened);
}

/** Sorts and merges overlapping or touching intervals, in place. */
function mergeIntervals(list: Interval[]): Interval[] {
  if (list.length < 2) return list;
  list.sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [list[0] as Interval];
  for (let i = 1; i < list.length; i++) {
    const next = list[i] as Interval;
    const top = out[out.length - 1] as Interval;
    if (next[0] <= top[1]) {
      if (next[1] > top[1]) top[1] = next[1];
    } else out.push(next);
  }
  return out;
}

/** From `start` on, the zone is `offset` minutes ahead of UTC (until the next piece). */
interface OffsetPiece {
  start: number;
  offset: number;
}

// A working interval has one offset unless a DST change falls inside it (a night shift, or a 24-hour
// roster). Checked at the end of each day-long chunk (two changes never fall within one day), and a
// change found by bisection. This keeps Intl (behind Luxon) out of the per-slot loop.
function offsetPieces(zone: IANAZone, a: number, b: number): OffsetPiece[] {
  let known = zone.offset(a);
  const pieces: OffsetPiece[] = [{ start: a, offset: known }];
  let knownAt = a; // an instant known to have offset `known`
  for (let chunk = a; chunk < b; chunk += DAY) {
    const end = Math.min(chunk + DAY, b) - 1;
    const endOffset = zone.offset(end);
    while (endOffset !== known) {
      // offset(lo) = known, offset(hi) ≠ known: narrow to the first millisecond of the new offset
      let lo = knownAt;
      let hi = end;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (zone.offset(mid) === known) lo = mid;
        else hi = mid;
      }
      known = zone.offset(hi);
      knownAt = hi;
      pieces.push({ start: hi, offset: known });
    }
    knownAt = end;
  }
  return pieces;
}

/** The first instant ≥ t whose local wall-clock time (UTC + offset) is a multiple of the step. */
function alignUp(t: number, offsetMs: number, stepMs: number): number {
  return Math.ceil((t + offsetMs) / stepMs) * stepMs - offsetMs;
}

/** Whether the local day of a wall-clock time (as UTC ms) already has `cap` calls; one string per day. */
function dayFullCheck(perDay: Map<string, number>, cap: number): (localMs: number) => boolean {
  let lastDay = Number.NaN;
  let lastFull = false;
  return (localMs) => {
    const day = Math.floor(localMs / DAY);
    if (day !== lastDay) {
      lastDay = day;
      lastFull = (perDay.get(new Date(day * DAY).toISOString().slice(0, 10)) ?? 0) >= cap;
    }
    return lastFull;
  };
}
