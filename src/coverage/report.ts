import { DateTime, IANAZone } from 'luxon';
import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { type CoverageSlot, coverageGaps, coverageSlots, type Gap } from './coverage.js';
import { loadRoster } from './roster.js';
import { loadCoverageSettings, targetOf } from './settings.js';

// GET /api/v1/coverage and `pipefitter coverage`: who is at work in every 15 minutes of a range, and
// the gaps against the coverage target.

const MAX_DAYS = 62;

export interface CoverageReport {
  zone: string;
  from: Date;
  to: Date;
  slots: CoverageSlot[];
  gaps: Gap[];
  target: Awaited<ReturnType<typeof loadCoverageSettings>>['target'];
}

export async function coverageReport(
  deps: Deps,
  actor: Actor,
  query: { from: string; to: string; zone?: string },
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
  return {
    zone,
    from: from.toJSDate(),
    to: to.toJSDate(),
    slots,
    gaps: coverageGaps(slots, targetOf(settings)),
    target: settings.target,
  };
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
    slots: report.slots.map((s) => ({ start: iso(s.start), end: iso(s.end), count: s.count, agents: s.agents })),
    gaps: report.gaps.map((g) => ({ start: iso(g.start), end: iso(g.end), missing: g.missing })),
    summary: { slots: wanted, gapMinutes },
  };
}

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
