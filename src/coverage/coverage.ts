import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday, type WeeklyHours } from './weekly-hours.js';
import type { Interval, Rostered } from './working-intervals.js';
import { workingIntervals } from './working-intervals.js';

// How many people are at work in every slot (15 minutes by default) of a range, and where that
// falls short of the coverage target.

export interface CoverageSlot {
  start: Date;
  end: Date;
  count: number;
  agents: string[];
}

export interface Gap {
  start: Date;
  end: Date;
  /** how many more people the target asks for (the most missing in any slot of the gap) */
  missing: number;
}

/** The support window, e.g. Monday 00:00 to Friday 24:00 UTC, with a minimum per slot. */
export interface CoverageTarget {
  timeZone: string;
  hours: WeeklyHours;
  minAgents: number;
}

export function coverageSlots(
  people: (Rostered & { email: string })[],
  from: Date,
  to: Date,
  slotMinutes = 15,
): CoverageSlot[] {
  const slotMs = slotMinutes * 60_000;
  const first = Math.floor(from.getTime() / slotMs) * slotMs;
  const count = Math.max(0, Math.ceil((to.getTime() - first) / slotMs));
  const slots: CoverageSlot[] = Array.from({ length: count }, (_, i) => ({
    start: new Date(first + i * slotMs),
    end: new Date(first + (i + 1) * slotMs),
    count: 0,
    agents: [],
  }));
  for (const person of people) {
    for (const [s, e] of workingIntervals(person, new Date(first), new Date(first + count * slotMs))) {
      // a person covers a slot they work for the whole of
      const a = Math.ceil((s - first) / slotMs);
      const b = Math.floor((e - first) / slotMs);
      for (let i = Math.max(0, a); i < Math.min(count, b); i++) {
        const slot = slots[i] as CoverageSlot;
        // a person's intervals are disjoint: only touching ones could name them twice in a slot
        if (slot.agents.at(-1) !== person.email) {
          slot.agents.push(person.email);
          slot.count++;
        }
      }
    }
  }
  return slots;
}

/** The target's windows in a range, as UTC intervals. */
export function targetIntervals(target: CoverageTarget, from: Date, to: Date): Interval[] {
  return workingIntervals({ timeZone: target.timeZone, hours: target.hours }, from, to);
}

export function coverageGaps(slots: CoverageSlot[], target: CoverageTarget): Gap[] {
  if (slots.length === 0) return [];
  const windows = targetIntervals(target, (slots[0] as CoverageSlot).start, (slots.at(-1) as CoverageSlot).end);
  const gaps: Gap[] = [];
  for (const slot of slots) {
    const wanted = windows.some(([s, e]) => s <= slot.start.getTime() && slot.end.getTime() <= e);
    const missing = wanted ? Math.max(0, target.minAgents - slot.count) : 0;
    const last = gaps.at(-1);
    if (missing > 0 && last && last.end.getTime() === slot.start.getTime()) {
      last.end = slot.end;
      last.missing = Math.max(last.missing, missing);
    } else if (missing > 0) {
      gaps.push({ start: slot.start, end: slot.end, missing });
    }
  }
  return gaps;
}

export function defaultTarget(): CoverageTarget {
  // 24/5: Monday 00:00 to Friday 24:00 UTC, at least one engineer
  const all: [number, number][] = [[0, 1440]];
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sat' || d === 'sun' ? [] : all])) as WeeklyHours;
  return { timeZone: 'UTC', hours, minAgents: 1 };
}

/** ISO week "2026-W49" in a zone, as [Monday 00:00, next Monday 00:00). */
export function isoWeekRange(week: string, timeZone: string): { from: Date; to: Date } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`"${week}" is not an ISO week like 2026-W49`);
  const start = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone: timeZone },
  ).startOf('day');
  if (!start.isValid) throw new Error(`"${week}" is not a week of that year`);
  return { from: start.toJSDate(), to: start.plus({ weeks: 1 }).toJSDate() };
}

export function weekdayOf(date: Date, timeZone: string): Weekday {
  return WEEKDAYS[DateTime.fromJSDate(date, { zone: timeZone }).weekday - 1] as Weekday;
}
