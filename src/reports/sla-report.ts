import type { Deps } from '../deps.js';
import { queryRows, sql } from '../platform/db.js';
import { dimensionSql, filterSql, type Grouping, groupRows, isPeriod, periodsSql, rangeSql } from './groups.js';
import { periodsOf, type ReportRange } from './range.js';
import type { ReportColumn, ReportTable, ReportValue } from './report.js';

// SLA attainment per metric: clock runs that ended met or breached in the range (a breach counts when
// it happened, a met clock when it stopped), and met / (met + breached), from index-only scans of
// report_sla.

const METRICS = [
  ['first-reply', 'firstReply', 'First reply'],
  ['next-reply', 'nextReply', 'Next reply'],
  ['periodic-update', 'periodicUpdate', 'Periodic update'],
  ['resolution', 'resolution', 'Resolution'],
] as const;

export function attainment(met: number, breached: number): number | null {
  return met + breached === 0 ? null : met / (met + breached);
}

export async function slaReport(deps: Deps, groupBy: Grouping, range: ReportRange): Promise<ReportTable> {
  const counts = sql`metric, count(*) FILTER (WHERE outcome = 'met')::int AS met,
    count(*) FILTER (WHERE outcome = 'breached')::int AS breached`;
  const filters = filterSql(range.filters);
  const rows = await queryRows<{ key: string | null; metric: string; met: number; breached: number }>(
    deps.db,
    isPeriod(groupBy)
      ? sql`SELECT p.key, s.* FROM ${periodsSql(periodsOf(range, groupBy))},
              LATERAL (SELECT ${counts} FROM report_sla
                        WHERE at >= p.start_at AND at < p.end_at${filters} GROUP BY metric) s`
      : sql`SELECT ${dimensionSql(groupBy)} AS key, ${counts}
              FROM report_sla
             WHERE ${rangeSql(range)}${filters}
             GROUP BY 1, metric`,
  );
  const found = new Map<string | null, Map<string, { met: number; breached: number }>>();
  for (const r of rows) {
    const metrics = found.get(r.key) ?? new Map();
    metrics.set(r.metric, { met: Number(r.met), breached: Number(r.breached) });
    found.set(r.key, metrics);
  }
  const columns: ReportColumn[] = METRICS.flatMap(([, key, label]) => [
    { key: `${key}Attainment`, label: `${label} attainment`, kind: 'ratio' as const },
    { key: `${key}Met`, label: `${label} met`, kind: 'count' as const },
    { key: `${key}Breached`, label: `${label} breached`, kind: 'count' as const },
  ]);
  return {
    columns,
    rows: await groupRows(deps, groupBy, range, found, (metrics) => {
      const values: Record<string, ReportValue> = {};
      for (const [metric, key] of METRICS) {
        const c = metrics?.get(metric) ?? { met: 0, breached: 0 };
        values[`${key}Attainment`] = attainment(c.met, c.breached);
        values[`${key}Met`] = c.met;
        values[`${key}Breached`] = c.breached;
      }
      return values;
    }),
  };
}
