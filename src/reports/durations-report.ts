import type { Deps } from '../deps.js';
import { queryRows, sql } from '../platform/db.js';
import { dimensionSql, filterSql, type Grouping, groupRows, isPeriod, periodsSql, rangeSql } from './groups.js';
import { periodsOf, type ReportRange } from './range.js';
import type { ReportTable } from './report.js';

// First reply, next reply and resolution times: how many, the median and the 90th percentile, exact
// (percentile_disc: a time that really happened), in calendar minutes, from index-only scans of
// report_durations; measured at a million tickets in bench/reports.ts.

export type DurationMetric = 'first-reply' | 'next-reply' | 'resolution';

interface Found {
  count: number;
  median: number | null;
  p90: number | null;
}

export async function durationsReport(
  deps: Deps,
  metric: DurationMetric,
  groupBy: Grouping,
  range: ReportRange,
): Promise<ReportTable> {
  const aggregates = sql`count(*)::int AS count,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY minutes) AS p90`;
  const filters = filterSql(range.filters);
  const rows = await queryRows<{ key: string | null } & Found>(
    deps.db,
    isPeriod(groupBy)
      ? // each period its own stretch of the index: no sort of the whole range, no zone arithmetic per row
        sql`SELECT p.key, d.* FROM ${periodsSql(periodsOf(range, groupBy))},
              LATERAL (SELECT ${aggregates} FROM report_durations
                        WHERE metric = ${metric} AND at >= p.start_at AND at < p.end_at${filters}) d`
      : sql`SELECT ${dimensionSql(groupBy)} AS key, ${aggregates}
              FROM report_durations
             WHERE metric = ${metric} AND ${rangeSql(range)}${filters}
             GROUP BY 1`,
  );
  const found = new Map(rows.map((r) => [r.key, r]));
  return {
    columns: [
      { key: 'count', label: metric === 'resolution' ? 'Tickets solved' : 'Replies', kind: 'count' },
      { key: 'medianMinutes', label: 'Median', kind: 'minutes' },
      { key: 'p90Minutes', label: '90th percentile', kind: 'minutes' },
    ],
    rows: await groupRows(deps, groupBy, range, found, (f) => ({
      count: f ? Number(f.count) : 0,
      medianMinutes: f?.median === null || f?.median === undefined ? null : Number(f.median),
      p90Minutes: f?.p90 === null || f?.p90 === undefined ? null : Number(f.p90),
    })),
  };
}
