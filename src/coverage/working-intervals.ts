import { DateTime } from 'luxon';
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

export function workingIntervals(person: Rostered, from: Date, to: Date): Interval[] {
  const start = DateTime.fromJSDate(from, { zone: person.timeZone }).startOf('day').minus({ days: 1 });
  const end = DateTime.fromJSDate(to, { zone: person.timeZone }).endOf('day').plus({ days: 1 });
  const years = [...new Set([start.year, end.year])];
  const holidays = publicHolidays(person.country, years);
  const away = (date: string) => (person.timeOff ?? []).some((t) => t.from <= date && date <= t.to);
  const out: Interval[] = [];
  for (let day = start; day <= end; day = day.plus({ days: 1 })) {
    const date = day.toISODate() as string;
    if (holidays.has(date) || away(date)) continue;
    const weekday = WEEKDAYS[day.weekday - 1] as Weekday;
    for (const [a, b] of person.hours[weekday]) {
      const s = day.set({ hour: Math.floor(a / 60), minute: a % 60 }).toMillis();
      const e =
        b === 1440
          ? day.plus({ days: 1 }).startOf('day').toMillis()
          : day.set({ hour: Math.floor(b / 60), minute: b % 60 }).toMillis();
      const clippedStart = Math.max(s, from.getTime());
      const clippedEnd = Math.min(e, to.getTime());
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
