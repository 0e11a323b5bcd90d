import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { listTeams } from '../people/index.js';
import { queryRows, sql } from '../platform/db.js';
import { filterSql, namesOf, rangeSql, sortByLabel } from './groups.js';
import type { ReportRange } from './range.js';
import type { ReportTable } from './report.js';
import { hoursOf, onShift } from './shift-hours.js';

// Who carries the load, per agent or team: public replies written and tickets solved in the range,
// tickets assigned and unsolved now, hours on shift in the range by the roster, and replies per hour
// on shift. The filters narrow the tickets; hours are the people's own (a team filter keeps its
// members).

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function loadReport(
  deps: Deps,
  actor: Actor,
  groupBy: 'agent' | 'team',
  range: ReportRange,
): Promise<ReportTable> {
  const column = sql.raw(groupBy === 'agent' ? 'agent_id' : 'team_id');
  const filters = filterSql(range.filters);
  const [counts, open, teams] = await Promise.all([
    queryRows<{ key: string | null; replies: number; solved: number }>(
      deps.db,
      // report_counts_work_idx holds these rows
      sql`SELECT ${column} AS key, sum(replies)::int AS replies, sum(solved)::int AS solved
            FROM report_counts
           WHERE ${rangeSql(range)} AND (replies <> 0 OR solved <> 0)${filters}
           GROUP BY 1`,
    ),
    queryRows<{ key: string | null; open: number }>(
      deps.db,
      sql`SELECT ${column} AS key, count(*)::int AS open
            FROM report_backlog WHERE agent_id IS NOT NULL${filters} GROUP BY 1`,
    ),
    listTeams(deps, actor),
  ]);
  const team = range.filters.teamId ? teams.find((t) => t.id === range.filters.teamId) : undefined;
  const shifts = await onShift(
    deps,
    range,
    range.filters.teamId ? new Set(team?.members.map((m) => m.id) ?? []) : undefined,
  );
  const hours = new Map<string, number>();
  for (const s of shifts) {
    const h = hoursOf(s.intervals);
    if (h === 0) continue;
    if (groupBy === 'agent') hours.set(s.agentId, h);
    else
      for (const t of teams)
        if (t.members.some((m) => m.id === s.agentId) && (!team || t.id === team.id))
          hours.set(t.id, (hours.get(t.id) ?? 0) + h);
  }

  const keys = new Set<string | null>([...counts.map((c) => c.key), ...open.map((o) => o.key), ...hours.keys()]);
  const byKey = new Map(counts.map((c) => [c.key, c]));
  const openByKey = new Map(open.map((o) => [o.key, Number(o.open)]));
  const names = await namesOf(
    deps,
    groupBy,
    [...keys].filter((k): k is string => k !== null),
  );
  const rows = [...keys].map((key) => {
    const replies = Number(byKey.get(key)?.replies ?? 0);
    const h = key === null ? 0 : (hours.get(key) ?? 0);
    return {
      group: key ?? 'none',
      label: key === null ? (groupBy === 'agent' ? 'No agent' : 'No team') : (names.get(key) ?? key),
      replies,
      ticketsSolved: Number(byKey.get(key)?.solved ?? 0),
      openAssigned: openByKey.get(key) ?? 0,
      hoursOnShift: round2(h),
      repliesPerShiftHour: h > 0 ? round2(replies / h) : null,
    };
  });
  return {
    columns: [
      { key: 'replies', label: 'Replies', kind: 'count' },
      { key: 'ticketsSolved', label: 'Tickets solved', kind: 'count' },
      { key: 'openAssigned', label: 'Open and assigned now', kind: 'count' },
      { key: 'hoursOnShift', label: 'Hours on shift', kind: 'hours' },
      { key: 'repliesPerShiftHour', label: 'Replies per hour on shift', kind: 'count' },
    ],
    rows: sortByLabel(rows),
  };
}
