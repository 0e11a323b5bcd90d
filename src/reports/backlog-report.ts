import type { Deps } from '../deps.js';
import { queryOne, queryRows, sql } from '../platform/db.js';
import { filterSql, periodsSql } from './groups.js';
import { type PeriodUnit, periodsOf, type ReportRange } from './range.js';
import type { ReportTable } from './report.js';

// Per day or week: tickets created, solved and reopened, and the backlog (unsolved tickets) at the
// end of each. The backlog is counted back from now: the unsolved tickets today (report_backlog)
// minus every move since the period's end, so a recent range reads only recent rows.

interface Sums {
  created: number;
  solved: number;
  reopened: number;
  delta: number;
}

/** What report_counts_tickets_idx holds: rows where a ticket came, went or moved. */
export const TICKET_ROWS = sql`(created <> 0 OR solved <> 0 OR reopened <> 0 OR backlog_delta <> 0)`;

export async function backlogReport(deps: Deps, groupBy: PeriodUnit, range: ReportRange): Promise<ReportTable> {
  const filters = filterSql(range.filters);
  const periods = periodsOf(range, groupBy);
  const [rows, now] = await Promise.all([
    queryRows<{ key: string } & Sums>(
      deps.db,
      // and one period more: after the range, up to now
      sql`SELECT p.key, c.* FROM ${periodsSql(periods, { after: true })},
            LATERAL (SELECT coalesce(sum(created), 0)::int AS created, coalesce(sum(solved), 0)::int AS solved,
                            coalesce(sum(reopened), 0)::int AS reopened, coalesce(sum(backlog_delta), 0)::int AS delta
                       FROM report_counts
                      WHERE at >= p.start_at AND at < p.end_at AND ${TICKET_ROWS}${filters}) c`,
    ),
    queryOne<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM report_backlog WHERE true${filters}`),
  ]);
  const found = new Map(rows.map((r) => [r.key, r]));
  // walking back from now: the backlog at a period's end is the one at the next period's end, less
  // what the next period added
  let backlog = Number(now?.n ?? 0) - Number(found.get('after')?.delta ?? 0);
  const ends: number[] = [];
  for (let i = periods.length - 1; i >= 0; i--) {
    ends[i] = backlog;
    backlog -= Number(found.get(periods[i]?.key as string)?.delta ?? 0);
  }
  return {
    columns: [
      { key: 'created', label: 'Created', kind: 'count' },
      { key: 'solved', label: 'Solved', kind: 'count' },
      { key: 'reopened', label: 'Reopened', kind: 'count' },
      { key: 'backlog', label: 'Backlog at the end', kind: 'count' },
    ],
    rows: periods.map((p, i) => {
      const f = found.get(p.key);
      return {
        group: p.key,
        label: p.label,
        created: Number(f?.created ?? 0),
        solved: Number(f?.solved ?? 0),
        reopened: Number(f?.reopened ?? 0),
        backlog: ends[i] as number,
      };
    }),
  };
}
