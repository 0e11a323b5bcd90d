import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { listTeams } from '../people/index.js';
import { queryRows, sql } from '../platform/db.js';
import { TICKET_ROWS } from './backlog-report.js';
import { filterSql, periodsSql } from './groups.js';
import { periodsOf, type ReportRange } from './range.js';
import type { ReportTable } from './report.js';
import { type HourBucket, hoursByBucket, localHours, onShift, WEEKDAY_KEYS } from './shift-hours.js';

// Tickets arriving against the engineers on shift, per week, day or hour of the week in the report's
// zone: where arrivals per engineer hour run high is where the roster is thin.

const round2 = (n: number) => Math.round(n * 100) / 100;
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export async function arrivalsReport(
  deps: Deps,
  actor: Actor,
  groupBy: HourBucket,
  range: ReportRange,
): Promise<ReportTable> {
  const filters = filterSql(range.filters);
  const [arrivals, teams] = await Promise.all([
    queryRows<{ key: string; arrivals: number }>(
      deps.db,
      groupBy === 'hour-of-week'
        ? // each local hour of the range its own stretch of the index, then summed per hour of the week
          sql`SELECT p.key, sum(a.n)::int AS arrivals FROM ${periodsSql(localHours(range))},
                LATERAL (SELECT sum(created) AS n FROM report_counts
                          WHERE at >= p.start_at AND at < p.end_at AND ${TICKET_ROWS}${filters}) a
               GROUP BY p.key`
        : sql`SELECT p.key, a.* FROM ${periodsSql(periodsOf(range, groupBy))},
                LATERAL (SELECT coalesce(sum(created), 0)::int AS arrivals FROM report_counts
                          WHERE at >= p.start_at AND at < p.end_at AND ${TICKET_ROWS}${filters}) a`,
    ),
    range.filters.teamId ? listTeams(deps, actor) : Promise.resolve([]),
  ]);
  const members = range.filters.teamId
    ? new Set(teams.find((t) => t.id === range.filters.teamId)?.members.map((m) => m.id) ?? [])
    : undefined;
  const hours = hoursByBucket(await onShift(deps, range, members), range.zone, groupBy);
  const found = new Map(arrivals.map((a) => [a.key, Number(a.arrivals)]));
  const buckets =
    groupBy === 'hour-of-week'
      ? WEEKDAY_KEYS.flatMap((day, d) =>
          Array.from({ length: 24 }, (_, h) => {
            const hh = String(h).padStart(2, '0');
            return { key: `${day}-${hh}`, label: `${WEEKDAY_NAMES[d]} ${hh}:00` };
          }),
        )
      : periodsOf(range, groupBy);
  return {
    columns: [
      { key: 'arrivals', label: 'Tickets arriving', kind: 'count' },
      { key: 'engineerHours', label: 'Engineer hours on shift', kind: 'hours' },
      { key: 'arrivalsPerEngineerHour', label: 'Arrivals per engineer hour', kind: 'count' },
    ],
    rows: buckets.map((b) => {
      const n = found.get(b.key) ?? 0;
      const h = hours.get(b.key) ?? 0;
      return {
        group: b.key,
        label: b.label,
        arrivals: n,
        engineerHours: round2(h),
        arrivalsPerEngineerHour: h > 0 ? round2(n / h) : null,
      };
    }),
  };
}
