import { DateTime } from 'luxon';
import { assertTimeZone, isUuid } from '../people/index.js';
import { DAY_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { instantOf } from '../platform/instant-of.js';

// What every report is asked for: a range of days (or instants) in a zone, and filters. The periods a
// report lists (days, weeks from Monday) are cut in that zone, so a lead in Sydney sees Sydney weeks.

export interface ReportQuery {
  /** an instant, or a day (YYYY-MM-DD) starting in `zone`; default the Monday 11 weeks before this week's */
  from?: string;
  /** an instant (excluded), or a day (included, to its end) in `zone`; default now */
  to?: string;
  /** IANA zone of days and weeks; default UTC */
  zone?: string;
  groupBy?: string;
  organization?: string;
  plan?: string;
  team?: string;
}

export interface ReportFilters {
  organizationId?: string;
  plan?: string;
  teamId?: string;
}

export interface ReportRange {
  from: Date;
  to: Date;
  zone: string;
  filters: ReportFilters;
}

const DEFAULT_WEEKS = 12;
const MAX_DAYS = 3 * 366;

export function readRange(query: ReportQuery, now: Date): ReportRange {
  const zone = query.zone ?? 'UTC';
  assertTimeZone(zone);
  const to = query.to ? instantOf(query.to, zone, true, 'to') : now;
  const from = query.from
    ? instantOf(query.from, zone, false, 'from')
    : DateTime.fromJSDate(to, { zone })
        .startOf('week')
        .minus({ weeks: DEFAULT_WEEKS - 1 })
        .toJSDate();
  if (from.getTime() >= to.getTime()) throw new AppError('VALIDATION_FAILED', 'from must be before to.');
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', `A report covers at most ${MAX_DAYS} days.`);
  }
  for (const [name, value] of [
    ['organization', query.organization],
    ['team', query.team],
  ] as const) {
    if (value !== undefined && !isUuid(value)) throw new AppError('VALIDATION_FAILED', `${name} must be an id.`);
  }
  return {
    from,
    to,
    zone,
    filters: {
      ...(query.organization ? { organizationId: query.organization } : {}),
      ...(query.plan ? { plan: query.plan } : {}),
      ...(query.team ? { teamId: query.team } : {}),
    },
  };
}

export type PeriodUnit = 'day' | 'week';

export interface Period {
  /** the day, or the week's Monday, in the zone (YYYY-MM-DD) */
  key: string;
  label: string;
  start: Date;
  end: Date;
}

/** Every day or week of the range, the quiet ones too (a chart's gaps are news); the first and last cut to the range. */
export function periodsOf(range: ReportRange, unit: PeriodUnit): Period[] {
  const periods: Period[] = [];
  for (
    let at = DateTime.fromJSDate(range.from, { zone: range.zone }).startOf(unit);
    at.toMillis() < range.to.getTime();
    at = at.plus(unit === 'week' ? { weeks: 1 } : { days: 1 })
  ) {
    const next = at.plus(unit === 'week' ? { weeks: 1 } : { days: 1 });
    periods.push({
      key: at.toISODate() as string,
      label: unit === 'week' ? `Week of ${at.toFormat('d LLL yyyy')}` : at.toFormat('ccc d LLL yyyy'),
      start: new Date(Math.max(at.toMillis(), range.from.getTime())),
      end: new Date(Math.min(next.toMillis(), range.to.getTime())),
    });
  }
  return periods;
}
