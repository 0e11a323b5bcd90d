import { DateTime } from 'luxon';
import type { CoverageSlot } from './coverage.js';

// The gaps of a week in words, the same hours on several days said once:
// "Mon–Fri 22:00–00:00 UTC: nobody", "Sat 09:00–12:00 UTC: 1 missing".

export interface GapInWords {
  /** weekdays, Monday first: "Mon", "Tue" … */
  days: string[];
  /** local wall times in the report's zone; a gap to midnight ends at "00:00" */
  start: string;
  end: string;
  /** the most missing in any slot of these hours */
  missing: number;
  /** nobody at work at all in these hours */
  nobody: boolean;
  text: string;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Runs of slots short of the target by the same number, cut at midnight in `zone`, then the same
 * hours and shortfall on several weekdays said once. `inTarget[i]`: slot i is inside the target's hours.
 */
export function gapsInWords(slots: CoverageSlot[], inTarget: boolean[], minAgents: number, zone: string): GapInWords[] {
  const groups = new Map<
    string,
    { weekdays: Set<number>; start: string; end: string; missing: number; nobody: boolean; order: number }
  >();
  const add = (from: Date, to: Date, missing: number, nobody: boolean) => {
    const a = DateTime.fromJSDate(from, { zone });
    const b = DateTime.fromJSDate(to, { zone });
    const start = a.toFormat('HH:mm');
    // a whole day reads better as 00:00–24:00 than 00:00–00:00
    const end = start === '00:00' && b.toMillis() === a.plus({ days: 1 }).toMillis() ? '24:00' : b.toFormat('HH:mm');
    const key = `${start}|${end}|${nobody ? 'nobody' : missing}`;
    const group = groups.get(key) ?? {
      weekdays: new Set<number>(),
      start,
      end,
      missing,
      nobody,
      order: a.hour * 60 + a.minute,
    };
    group.weekdays.add(a.weekday - 1);
    groups.set(key, group);
  };
  let run: { from: Date; to: Date; missing: number; nobody: boolean; day: string } | null = null;
  slots.forEach((slot, i) => {
    const missing = inTarget[i] ? Math.max(0, minAgents - slot.count) : 0;
    const day = DateTime.fromJSDate(slot.start, { zone }).toISODate() as string;
    const nobody = slot.count === 0;
    if (
      run &&
      missing > 0 &&
      run.missing === missing &&
      run.nobody === nobody &&
      run.day === day &&
      +run.to === +slot.start
    ) {
      run.to = slot.end;
      return;
    }
    if (run) add(run.from, run.to, run.missing, run.nobody);
    run = missing > 0 ? { from: slot.start, to: slot.end, missing, nobody, day } : null;
  });
  if (run) {
    const last = run as { from: Date; to: Date; missing: number; nobody: boolean };
    add(last.from, last.to, last.missing, last.nobody);
  }
  return [...groups.values()]
    .sort((x, y) => Math.min(...x.weekdays) - Math.min(...y.weekdays) || x.order - y.order)
    .map((g) => {
      const days = [...g.weekdays].sort((x, y) => x - y);
      const what = g.nobody ? 'nobody' : `${g.missing} missing`;
      return {
        days: days.map((d) => DAY_NAMES[d] as string),
        start: g.start,
        end: g.end,
        missing: g.missing,
        nobody: g.nobody,
        text: `${dayRanges(days)} ${g.start}–${g.end} ${zone}: ${what}`,
      };
    });
}

/** [0,1,2,3,4,6] → "Mon–Fri, Sun" */
export function dayRanges(days: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && (days[j + 1] as number) === (days[j] as number) + 1) j++;
    const first = DAY_NAMES[days[i] as number];
    const last = DAY_NAMES[days[j] as number];
    parts.push(j === i ? `${first}` : j === i + 1 ? `${first}, ${last}` : `${first}–${last}`);
    i = j + 1;
  }
  return parts.join(', ');
}
