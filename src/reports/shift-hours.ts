import { IANAZone } from 'luxon';
import { loadRoster } from '../coverage/roster.js';
import { type Interval, workingIntervals } from '../coverage/working-intervals.js';
import type { Deps } from '../deps.js';
import { DAY_MS, HOUR_MS } from '../platform/clock.js';
import type { ReportRange } from './range.js';

// Engineer hours on shift from the roster (their hours in their zone, less holidays and time off),
// per agent over a range, or cut into the days, weeks or hours of the week of the report's zone.

export interface OnShift {
  agentId: string;
  intervals: Interval[];
}

/** Active agents' working intervals within the range; only `members` when given (a team). */
export async function onShift(deps: Deps, range: ReportRange, members?: Set<string>): Promise<OnShift[]> {
  const roster = await loadRoster(deps, { from: range.from, to: range.to });
  return roster
    .filter((person) => !members || members.has(person.id))
    .map((person) => ({ agentId: person.id, intervals: workingIntervals(person, range.from, range.to) }));
}

export const hoursOf = (intervals: Interval[]) => intervals.reduce((sum, [s, e]) => sum + (e - s), 0) / HOUR_MS;

export type HourBucket = 'day' | 'week' | 'hour-of-week';

const QUARTER_MS = 15 * 60_000;
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The bucket of a local wall-clock time (ms, as if UTC): its day, its week's Monday, or "mon-09". */
export function bucketOf(local: number, bucket: HourBucket): string {
  const day = Math.floor(local / DAY_MS);
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  if (bucket === 'day') return isoDate(day * DAY_MS);
  if (bucket === 'week') return isoDate((day - weekday) * DAY_MS);
  return `${WEEKDAY_KEYS[weekday]}-${pad(Math.floor((local - day * DAY_MS) / HOUR_MS))}`;
}

/**
 * The zone's offset (ms) at an instant. Asked of Intl once per UTC day (twice a year more, per quarter
 * hour, on the days the offset changes: every zone's offset changes on a quarter hour).
 */
export function zoneOffsets(zone: string): (ts: number) => number {
  const iana = IANAZone.create(zone);
  const days = new Map<number, number | null>();
  const quarters = new Map<number, number>();
  return (ts: number) => {
    const day = Math.floor(ts / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      const start = iana.offset(day * DAY_MS);
      offset = start === iana.offset((day + 1) * DAY_MS) ? start * 60_000 : null;
      days.set(day, offset);
    }
    if (offset !== null) return offset;
    const quarter = Math.floor(ts / QUARTER_MS);
    let exact = quarters.get(quarter);
    if (exact === undefined) {
      exact = iana.offset(quarter * QUARTER_MS) * 60_000;
      quarters.set(quarter, exact);
    }
    return exact;
  };
}

/** The range cut at the zone's local hours, each piece with its hour of the week ("mon-09"). */
export function localHours(range: ReportRange): { key: string; start: Date; end: Date }[] {
  const offsetAt = zoneOffsets(range.zone);
  const to = range.to.getTime();
  const hours = [];
  for (let start = range.from.getTime(); start < to; ) {
    const offset = offsetAt(start);
    const local = start + offset;
    let end = local - (local % HOUR_MS) + HOUR_MS - offset;
    // the offset changes before the hour is out: a quarter hour at a time (no piece crosses a local hour)
    if (offsetAt(end) !== offset) end = (Math.floor(start / QUARTER_MS) + 1) * QUARTER_MS;
    end = Math.min(end, to);
    hours.push({ key: bucketOf(local, 'hour-of-week'), start: new Date(start), end: new Date(end) });
    start = end;
  }
  return hours;
}

/** Hours in each bucket of the zone, summed over everyone's intervals. */
export function hoursByBucket(shifts: OnShift[], zone: string, bucket: HourBucket): Map<string, number> {
  const offsetAt = zoneOffsets(zone);
  const unit = bucket === 'hour-of-week' ? HOUR_MS : DAY_MS;
  const hours = new Map<string, number>();
  for (const { intervals } of shifts) {
    for (const [start, end] of intervals) {
      // cut at the zone's local midnights (or hours): each piece lies in one bucket
      for (let t = start; t < end; ) {
        const offset = offsetAt(t);
        const local = t + offset;
        const next = Math.min(end, (Math.floor(local / unit) + 1) * unit - offset);
        const key = bucketOf(local, bucket);
        hours.set(key, (hours.get(key) ?? 0) + (next - t) / HOUR_MS);
        t = next;
      }
    }
  }
  return hours;
}
