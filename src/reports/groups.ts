import { type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { findAgentsByIds, findOrganizationsByIds, findTeamsByIds } from '../people/index.js';
import { TICKET_PRIORITIES } from '../tickets/status-rules.js';
import { type Period, type PeriodUnit, periodsOf, type ReportFilters, type ReportRange } from './range.js';
import type { ReportRow, ReportValue } from './report.js';

// How the fact tables are grouped and filtered (each has `at` and the same dimension columns), and
// how groups become rows people read: every period of the range in order, priorities most urgent
// first, names for ids, the ungrouped ("none") last.

export type Dimension = 'priority' | 'plan' | 'region' | 'agent' | 'organization' | 'team' | 'policy';
export type Grouping = PeriodUnit | Dimension;

// what each dimension groups by: fixed SQL, never built from input
const DIMENSION_SQL: Record<Dimension, string> = {
  priority: 'priority',
  plan: 'plan',
  region: 'region',
  agent: 'agent_id',
  organization: 'organization_id',
  team: 'team_id',
  policy: 'policy',
};

const NONE_LABEL: Record<Dimension, string> = {
  priority: 'No priority',
  plan: 'No plan',
  region: 'No region',
  agent: 'No agent',
  organization: 'No organization',
  team: 'No team',
  policy: 'No SLA policy',
};

export const isPeriod = (groupBy: Grouping): groupBy is PeriodUnit => groupBy === 'day' || groupBy === 'week';

/** The column a dimension groups by. */
export const dimensionSql = (dimension: Dimension): SQL => sql.raw(DIMENSION_SQL[dimension]);

/**
 * The range's periods as rows p(key, start_at, end_at), for a LATERAL query per period: each reads its
 * stretch of a range index, and no fact's time is converted to the zone. `after` adds one more, from the
 * range's end on (key 'after').
 */
export function periodsSql(periods: Pick<Period, 'key' | 'start' | 'end'>[], options: { after?: boolean } = {}): SQL {
  const all: { key: string; start: Date; end: Date | null }[] = options.after
    ? [...periods, { key: 'after', start: periods.at(-1)?.end as Date, end: null }]
    : periods;
  const array = (values: string[]) => `{${values.join(',')}}`;
  return sql`unnest(${array(all.map((p) => p.key))}::text[],
                    ${array(all.map((p) => p.start.toISOString()))}::timestamptz[],
                    ${array(all.map((p) => p.end?.toISOString() ?? 'infinity'))}::timestamptz[]) AS p(key, start_at, end_at)`;
}

/** The filters every report takes, as conditions on a fact table's columns. */
export function filterSql(filters: ReportFilters): SQL {
  return sql`${filters.organizationId ? sql` AND organization_id = ${filters.organizationId}::uuid` : sql``}${
    filters.plan ? sql` AND plan = ${filters.plan}` : sql``
  }${filters.teamId ? sql` AND team_id = ${filters.teamId}::uuid` : sql``}`;
}

export const rangeSql = (range: ReportRange) =>
  sql`at >= ${range.from.toISOString()}::timestamptz AND at < ${range.to.toISOString()}::timestamptz`;

const PRIORITY_LABEL: Record<string, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };

/**
 * Rows for the groups found (key null: none), each made by `row` from its values; periods and
 * priorities are all listed, with `undefined` values where nothing was found.
 */
export async function groupRows<T>(
  deps: Deps,
  groupBy: Grouping,
  range: ReportRange,
  found: Map<string | null, T>,
  row: (values: T | undefined) => Record<string, ReportValue>,
): Promise<ReportRow[]> {
  const make = (group: string, label: string, values: T | undefined): ReportRow => ({ group, label, ...row(values) });
  if (groupBy === 'day' || groupBy === 'week') {
    return periodsOf(range, groupBy).map((p) => make(p.key, p.label, found.get(p.key)));
  }
  if (groupBy === 'priority') {
    return [...TICKET_PRIORITIES]
      .reverse()
      .map((p) => make(p, PRIORITY_LABEL[p] ?? p, found.get(p)))
      .concat(found.has(null) ? [make('none', NONE_LABEL.priority, found.get(null))] : []);
  }
  const names = await namesOf(
    deps,
    groupBy,
    [...found.keys()].filter((k): k is string => k !== null),
  );
  const rows = [...found.entries()].map(([key, values]) =>
    key === null ? make('none', NONE_LABEL[groupBy], values) : make(key, names.get(key) ?? key, values),
  );
  return sortByLabel(rows);
}

/** By name, the unattributed last. */
export function sortByLabel(rows: ReportRow[]): ReportRow[] {
  return rows.sort(
    (a, b) =>
      Number(a.group === 'none') - Number(b.group === 'none') ||
      a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) ||
      a.group.localeCompare(b.group),
  );
}

/** The names of agents, teams and organizations by id ("Removed" when gone); other dimensions name themselves. */
export async function namesOf(deps: Deps, groupBy: Dimension, ids: string[]): Promise<Map<string, string>> {
  const named =
    groupBy === 'agent'
      ? await findAgentsByIds(deps.db, ids)
      : groupBy === 'team'
        ? await findTeamsByIds(deps.db, ids)
        : groupBy === 'organization'
          ? await findOrganizationsByIds(deps.db, ids)
          : ids.map((id) => ({ id, name: id }));
  const names = new Map(named.map((n) => [n.id, n.name]));
  return new Map(ids.map((id) => [id, names.get(id) ?? 'Removed']));
}
