import type { Interval } from './working-intervals.js';

// Time counted in support hours: a due time is "start + N minutes of open hours". The calendar is a
// function giving the open intervals in a range (the coverage target, minus holidays), so the same
// code counts calendar hours too (a calendar that is always open).

export type Calendar = (from: Date, to: Date) => Interval[];

export const ALWAYS_OPEN: Calendar = (from, to) => [[from.getTime(), to.getTime()]];

const HORIZON_MS = 14 * 86_400_000;
const GIVE_UP_MS = 400 * 86_400_000; // a calendar with no open hours in a year is misconfigured

export function addSupportMinutes(start: Date, minutes: number, calendar: Calendar): Date {
  let left = minutes * 60_000;
  let cursor = start.getTime();
  if (left <= 0) return start;
  while (cursor - start.getTime() < GIVE_UP_MS) {
    const windowEnd = cursor + HORIZON_MS;
    for (const [s, e] of calendar(new Date(cursor), new Date(windowEnd))) {
      const from = Math.max(s, cursor);
      if (e <= from) continue;
      if (e - from >= left) return new Date(from + left);
      left -= e - from;
    }
    cursor = windowEnd;
  }
  throw new Error('the support calendar has no open hours within a year');
}

export function supportMinutesBetween(a: Date, b: Date, calendar: Calendar): number {
  if (b <= a) return 0;
  let total = 0;
  for (const [s, e] of calendar(a, b)) total += Math.max(0, Math.min(e, b.getTime()) - Math.max(s, a.getTime()));
  return total / 60_000;
}

const CHUNK_MS = 7 * 86_400_000;

/**
 * A calendar that computes each week once: due times for many tickets ask for the same weeks, and
 * a week of intervals is a few dozen numbers. Chunks are aligned on the epoch, not on a zone.
 */
export function cachedCalendar(base: Calendar, maxChunks = 256): Calendar {
  const chunks = new Map<number, Interval[]>();
  const chunk = (start: number) => {
    let hit = chunks.get(start);
    if (!hit) {
      hit = base(new Date(start), new Date(start + CHUNK_MS));
      if (chunks.size >= maxChunks) chunks.delete(chunks.keys().next().value as number);
      chunks.set(start, hit);
    }
    return hit;
  };
  return (from, to) => {
    const out: Interval[] = [];
    const a = from.getTime();
    const b = to.getTime();
    for (let start = Math.floor(a / CHUNK_MS) * CHUNK_MS; start < b; start += CHUNK_MS) {
      for (const [s, e] of chunk(start)) {
        const cs = Math.max(s, a);
        const ce = Math.min(e, b);
        if (ce <= cs) continue;
        // an interval cut by a chunk boundary is joined back together
        const last = out.at(-1);
        if (last && last[1] === cs) last[1] = ce;
        else out.push([cs, ce]);
      }
    }
    return out;
  };
}
