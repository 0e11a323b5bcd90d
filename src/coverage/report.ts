import { DateTime, IANAZone } from 'luxon';
import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { countTicketArrivals, toWeeks } from '../staffing/arrivals-store.js';
import { SLOT_MINUTES, slotOfWeek, weightedWeek } from '../staffing/model.js';
import { loadStaffingSettings } from '../staffing/settings.js';
import { type CoverageSlot, coverageGaps, coverageSlots, type Gap, targetIntervals } from './coverage.js';
import { type GapInWords, gapsInWords } from './gap-words.js';
import { publicHolidayNames } from './holidays.js';
import { loadRoster, type RosterEntry } from './roster.js';
import { loadCoverageSettings, targetOf } from './settings.js';

// GET /api/v1/coverage and `pipefitter coverage`: who is at work in every 15 minutes of a range, and
// the gaps against the coverage target.

const MAX_DAYS = 62;
export const ARRIVAL_WEEKS = 8;
const SLOT_MS = SLOT_MINUTES * 60_000;
const WEEK_MS = 7 * 86_400_000;

export interface Person {
  email: string;
  name: string;
}

/** A public holiday in the range, of the country of some people on the roster. */
export interface HolidayOfRange {
  country: string;
  /** YYYY-MM-DD, local to the country */
  date: string;
  name: string;
  people: Person[];
}

export interface TimeOffOfRange extends Person {
  /** local dates in the person's zone, inclusive */
  from: string;
  to: string;
}

export interface CoverageReport {
  zone: string;
  from: Date;
  to: Date;
  slots: CoverageSlot[];
  gaps: Gap[];
  target: Awaited<ReturnType<typeof loadCoverageSettings>>['target'];
  /** per slot: inside the target's hours */
  inTarget: boolean[];
  names: Map<string, string>;
  gapsInWords: GapInWords[];
  holidays: HolidayOfRange[];
  timeOff: TimeOffOfRange[];
  /** per slot, when asked for: mean tickets arriving in that slot of the week over past weeks */
  arrivals?: { perSlot: number[]; from: Date; to: Date; weeks: number; halfLifeWeeks: number };
}

export async function coverageReport(
  deps: Deps,
  actor: Actor,
  query: { from: string; to: string; zone?: string; arrivals?: boolean; weeks?: number },
): Promise<CoverageReport> {
  requireAgent(actor);
  const zone = query.zone ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) throw new AppError('VALIDATION_FAILED', `"${zone}" is not an IANA time zone.`);
  const from = DateTime.fromISO(query.from, { zone });
  const to = DateTime.fromISO(query.to, { zone });
  if (!from.isValid || !to.isValid)
    throw new AppError('VALIDATION_FAILED', 'from and to must be ISO 8601 instants, e.g. 2026-12-07T00:00:00Z.');
  if (to <= from) throw new AppError('VALIDATION_FAILED', 'to must be after from.');
  if (to.diff(from, 'days').days > MAX_DAYS)
    throw new AppError('VALIDATION_FAILED', `Ask for at most ${MAX_DAYS} days at a time.`);
  const [roster, settings] = await Promise.all([
    loadRoster(deps, { from: from.toJSDate(), to: to.toJSDate() }),
    loadCoverageSettings(deps),
  ]);
  const slots = coverageSlots(roster, from.toJSDate(), to.toJSDate());
  const target = targetOf(settings);
  const gaps = coverageGaps(slots, target);
  const windows =
    slots.length > 0
      ? targetIntervals(target, (slots[0] as CoverageSlot).start, (slots.at(-1) as CoverageSlot).end)
      : [];
  const range = { from: from.toJSDate(), to: to.toJSDate() };
  const inTarget = slots.map((slot) => windows.some(([s, e]) => s <= slot.start.getTime() && slot.end.getTime() <= e));
  return {
    zone,
    ...range,
    slots,
    gaps,
    target: settings.target,
    inTarget,
    names: new Map(roster.map((p) => [p.email, p.name])),
    gapsInWords: gapsInWords(slots, inTarget, target.minAgents, zone),
    holidays: holidaysOf(roster, range),
    timeOff: timeOffOf(roster, range),
    ...(query.arrivals ? { arrivals: await arrivalsOf(deps, slots, range.to, query.weeks ?? ARRIVAL_WEEKS) } : {}),
  };
}

/**
 * Mean tickets arriving per slot of the week over the `weeks` whole weeks before the range ends (or
 * before now, for a range still to come), recent weeks weighted more as in the staffing model, then
 * laid on the range's slots by slot of the week (UTC).
 */
async function arrivalsOf(deps: Deps, slots: CoverageSlot[], rangeEnd: Date, weeks: number) {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26)
    throw new AppError('VALIDATION_FAILED', 'weeks is a whole number from 1 to 26.');
  const end = Math.min(deps.clock.now().getTime(), rangeEnd.getTime());
  const to = new Date(Math.floor(end / SLOT_MS) * SLOT_MS);
  const from = new Date(to.getTime() - weeks * WEEK_MS);
  const [counts, staffing] = await Promise.all([
    countTicketArrivals(deps.db, { from, to }),
    loadStaffingSettings(deps),
  ]);
  const week = weightedWeek(toWeeks(counts, weeks), staffing.halfLifeWeeks);
  return {
    perSlot: slots.map((s) => week[slotOfWeek(s.start)] ?? 0),
    from,
    to,
    weeks,
    halfLifeWeeks: staffing.halfLifeWeeks,
  };
}

/** The range's local dates in a zone, first and last. */
function datesIn(zone: string, range: { from: Date; to: Date }): [string, string] {
  return [
    DateTime.fromJSDate(range.from, { zone }).toISODate() as string,
    DateTime.fromMillis(range.to.getTime() - 1, { zone }).toISODate() as string,
  ];
}

function holidaysOf(roster: RosterEntry[], range: { from: Date; to: Date }): HolidayOfRange[] {
  const found = new Map<string, HolidayOfRange>();
  for (const person of roster) {
    if (!person.country) continue;
    const [first, last] = datesIn(person.timeZone, range);
    const years = [...new Set([Number(first.slice(0, 4)), Number(last.slice(0, 4))])];
    for (const h of publicHolidayNames(person.country, years)) {
      if (h.date < first || h.date > last) continue;
      const key = `${person.country}|${h.date}|${h.name}`;
      const entry = found.get(key) ?? { country: person.country, date: h.date, name: h.name, people: [] };
      entry.people.push({ email: person.email, name: person.name });
      found.set(key, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.date.localeCompare(b.date) || a.country.localeCompare(b.country));
}

function timeOffOf(roster: RosterEntry[], range: { from: Date; to: Date }): TimeOffOfRange[] {
  return roster
    .flatMap((person) => {
      const [first, last] = datesIn(person.timeZone, range);
      return (person.timeOff ?? [])
        .filter((t) => t.from <= last && t.to >= first)
        .map((t) => ({ email: person.email, name: person.name, from: t.from, to: t.to }));
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.name.localeCompare(b.name));
}

export function presentCoverage(report: CoverageReport) {
  const iso = (d: Date) =>
    DateTime.fromJSDate(d, { zone: report.zone }).toISO({ suppressMilliseconds: true }) as string;
  const wanted = report.slots.length;
  const gapMinutes = report.gaps.reduce((sum, g) => sum + (g.end.getTime() - g.start.getTime()) / 60_000, 0);
  return {
    zone: report.zone,
    from: iso(report.from),
    to: iso(report.to),
    target: report.target,
    slots: report.slots.map((s, i) => ({
      start: iso(s.start),
      end: iso(s.end),
      count: s.count,
      agents: s.agents,
      people: s.agents.map((email) => ({ email, name: report.names.get(email) ?? email })),
      inTarget: report.inTarget[i] as boolean,
      ...(report.arrivals ? { arrivals: round(report.arrivals.perSlot[i] ?? 0) } : {}),
    })),
    gaps: report.gaps.map((g) => ({ start: iso(g.start), end: iso(g.end), missing: g.missing })),
    gapsInWords: report.gapsInWords,
    holidays: report.holidays,
    timeOff: report.timeOff,
    ...(report.arrivals
      ? {
          arrivalsFrom: {
            from: report.arrivals.from.toISOString(),
            to: report.arrivals.to.toISOString(),
            weeks: report.arrivals.weeks,
            halfLifeWeeks: report.arrivals.halfLifeWeeks,
          },
        }
      : {}),
    summary: { slots: wanted, gapMinutes },
  };
}

// four decimals: a mean of a few tickets over weeks, not a measurement to the last bit
const round = (n: number) => Math.round(n * 10_000) / 10_000;

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * A weekly heatmap for a terminal: a row per day, a column per hour, the fewest people at work in
 * that hour (· for nobody, + for ten or more), then the gaps in words.
 */
export function renderHeatmap(report: CoverageReport): string {
  const zone = report.zone;
  const byDay = new Map<string, number[]>();
  for (const slot of report.slots) {
    const t = DateTime.fromJSDate(slot.start, { zone });
    const day = t.toISODate() as string;
    const hours = byDay.get(day) ?? Array.from({ length: 24 }, () => Number.POSITIVE_INFINITY);
    hours[t.hour] = Math.min(hours[t.hour] as number, slot.count);
    byDay.set(day, hours);
  }
  const gapSlots = new Set<number>();
  for (const gap of report.gaps) {
    for (let t = gap.start.getTime(); t < gap.end.getTime(); t += 15 * 60_000) gapSlots.add(Math.floor(t / 3_600_000));
  }
  const cell = (n: number) => (n === Number.POSITIVE_INFINITY ? ' ' : n === 0 ? '·' : n >= 10 ? '+' : String(n));
  const lines = [
    `Coverage ${DateTime.fromJSDate(report.from, { zone }).toFormat('yyyy-MM-dd')} to ${DateTime.fromJSDate(report.to, { zone }).minus({ minutes: 1 }).toFormat('yyyy-MM-dd')}, times in ${zone}; each cell is the fewest engineers at work in that hour; ! marks an hour with a gap.`,
    '',
    `                ${Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')).join(' ')}`,
  ];
  for (const [day, hours] of byDay) {
    const d = DateTime.fromISO(day, { zone });
    const cells = hours.map((n, h) => {
      const hourStart = d.set({ hour: h }).toMillis();
      const mark = gapSlots.has(Math.floor(hourStart / 3_600_000)) ? '!' : ' ';
      return `${cell(n)}${mark}`;
    });
    lines.push(`${DAY_NAMES[d.weekday - 1]} ${day}  ${cells.join(' ')}`);
  }
  lines.push('');
  const t = report.target;
  lines.push(
    `Target: at least ${t.minAgents} engineer${t.minAgents === 1 ? '' : 's'}, ${describeHours(t.hours)} (${t.timeZone}).`,
  );
  if (report.gaps.length === 0) lines.push('No gaps: the roster covers the target.');
  else {
    const minutes = report.gaps.reduce((sum, g) => sum + (g.end.getTime() - g.start.getTime()) / 60_000, 0);
    lines.push(`${report.gaps.length} gap${report.gaps.length === 1 ? '' : 's'}, ${formatDuration(minutes)} in all:`);
    for (const g of report.gaps) {
      const a = DateTime.fromJSDate(g.start, { zone });
      const b = DateTime.fromJSDate(g.end, { zone });
      lines.push(
        `  ${a.toFormat('ccc HH:mm')} – ${b.toFormat(a.hasSame(b, 'day') ? 'HH:mm' : 'ccc HH:mm')}  ${formatDuration((g.end.getTime() - g.start.getTime()) / 60_000)}, ${g.missing} missing`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function describeHours(hours: Partial<Record<string, string>>): string {
  return Object.entries(hours)
    .map(([d, h]) => `${d} ${h}`)
    .join(', ');
}

function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h > 0 ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}
