import { DateTime, IANAZone } from 'luxon';
import { publicHolidays } from './holidays.js';
import { WEEKDAYS, type Weekday, type WeeklyHours } from './weekly-hours.js';

// When someone is at work, as UTC intervals: their weekly hours in their own zone, minus public
// holidays of their country and their time off (whole local days). Pure: the same inputs give the
// same intervals; DST is Luxon's: a shift from 09:00 to 17:00 is 8 hours of wall time on any day.

export interface Rostered {
  timeZone: string;
  hours: WeeklyHours;
  /** country or subdivision for public holidays, e.g. PT or AU-NSW */
  country?: string | null;
  /** inclusive local dates, YYYY-MM-DD */
  timeOff?: { from: string; to: string }[];
}

export type Interval = [number, number]; // epoch ms, [start, end)

// Zone offsets, in minutes, per 15-minute bucket of UTC time: every zone's transitions fall on a
// quarter hour, so a bucket has one offset. Asking Intl (through Luxon) once per bucket is what
// keeps a year of a 200-person roster fast: people in the same zone share the answers.
const BUCKET_MS = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();

function offsetAt(zone: string, ts: number): number {
  let byBucket = offsets.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  const bucket = Math.floor(ts / BUCKET_MS);
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    if (byBucket.size > 200_000) byBucket.clear();
    offset = IANAZone.create(zone).offset(ts);
    byBucket.set(bucket, offset);
  }
  return offset;
}

/** Wall-clock time in a zone (as if it were UTC) to the instant, resolved as Luxon does from a hint offset. */
function localToInstant(zone: string, localTs: number, hint: number): number {
  let guess = localTs - hint * 60_000;
  const o2 = offsetAt(zone, guess);
  if (o2 === hint) return guess;
  guess -= (o2 - hint) * 60_000;
  const o3 = offsetAt(zone, guess);
  if (o2 === o3) return guess;
  return localTs - Math.min(o2, o3) * 60_000;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

export function workingIntervals(person: Rostered, from: Date, to: Date): Interval[] {
  const zone = person.timeZone;
  // local calendar days from the day before `from` to the day after `to`, walked as UTC dates
  const firstLocal = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const lastLocal = DateTime.fromJSDate(to, { zone }).startOf('day').plus({ days: 1 });
  const first = Date.UTC(firstLocal.year, firstLocal.month - 1, firstLocal.day);
  const last = Date.UTC(lastLocal.year, lastLocal.month - 1, lastLocal.day);
  const holidays = publicHolidays(person.country, [...new Set([firstLocal.year, lastLocal.year])]);
  const timeOff = person.timeOff ?? [];
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const out: Interval[] = [];
  let hint = offsetAt(zone, first);
  for (let local = first; local <= last; local += 86_400_000) {
    const d = new Date(local);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const midnight = localToInstant(zone, local, hint);
    hint = offsetAt(zone, midnight);
    if (holidays.has(date) || timeOff.some((t) => t.from <= date && date <= t.to)) continue;
    const weekday = WEEKDAYS[(d.getUTCDay() + 6) % 7] as Weekday;
    for (const [a, b] of person.hours[weekday]) {
      const s = localToInstant(zone, local + a * 60_000, hint);
      const e = localToInstant(zone, local + b * 60_000, hint);
      const clippedStart = Math.max(s, fromMs);
      const clippedEnd = Math.min(e, toMs);
      if (clippedEnd > clippedStart) out.push([clippedStart, clippedEnd]);
    }
  }
  return out;
}

export function isWorking(person: Rostered, at: Date): boolean {
  return workingIntervals(person, new Date(at.getTime() - 1), new Date(at.getTime() + 1)).some(
    ([s, e]) => s <= at.getTime() && at.getTime() < e,
  );
}

/** When this person's current (or next) stretch of work ends, and the next one starts. */
export function nextWorkStart(person: Rostered, after: Date, horizonDays = 21): Date | undefined {
  const intervals = workingIntervals(person, after, new Date(after.getTime() + horizonDays * 86_400_000));
  const first = intervals.find(([s]) => s >= after.getTime());
  return first ? new Date(first[0]) : undefined;
}
