import { DateTime } from 'luxon';
import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { assertTimeZone, findAgentsByIds, findOrganizationsByIds, findTeamsByIds } from '../people/index.js';
import { DAY_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { toCsv } from '../platform/http/csv.js';
import { instantOf } from '../platform/instant-of.js';
import { type CsatCountRow, type CsatGroupBy, countRatings } from './csat-store.js';
import { csatScore } from './rating-window.js';

// CSAT per agent, team, organization or week, for leads: ratings counted in the week they were
// first given (a changed rating counts as it stands now), attributed to whose the solve was.

export interface CsatReportQuery {
  /** an instant, or a day (YYYY-MM-DD) starting in `zone`; default 30 days before `to` */
  from?: string;
  /** an instant (excluded), or a day (included, to its end) in `zone`; default now */
  to?: string;
  groupBy?: CsatGroupBy;
  /** IANA zone of days and weeks; default UTC */
  zone?: string;
  organization?: string;
  team?: string;
}

export interface CsatReportRow {
  /** agent, team or organization id ("none": unassigned), or the week's Monday (YYYY-MM-DD) */
  key: string;
  label: string;
  good: number;
  bad: number;
  /** good in percent of those rated, one decimal; null without ratings */
  score: number | null;
}

export interface CsatReport {
  from: string;
  to: string;
  groupBy: CsatGroupBy;
  zone: string;
  rows: CsatReportRow[];
}

const DEFAULT_DAYS = 30;
const MAX_DAYS = 3 * 366;
const NONE_LABEL: Record<Exclude<CsatGroupBy, 'week'>, string> = {
  agent: 'Unassigned',
  team: 'No team',
  organization: 'No organization',
};

export async function csatReport(deps: Deps, actor: Actor, query: CsatReportQuery): Promise<CsatReport> {
  requireAgent(actor, 'lead');
  const zone = query.zone ?? 'UTC';
  assertTimeZone(zone);
  const groupBy = query.groupBy ?? 'agent';
  const to = query.to ? instantOf(query.to, zone, true, 'to') : deps.clock.now();
  const from = query.from ? instantOf(query.from, zone, false, 'from') : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new AppError('VALIDATION_FAILED', 'from must be before to.');
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', `A report covers at most ${MAX_DAYS} days.`);
  }
  const counts = await countRatings(deps.db, {
    from,
    to,
    groupBy,
    zone,
    ...(query.organization ? { organizationId: query.organization } : {}),
    ...(query.team ? { teamId: query.team } : {}),
  });
  const rows = groupBy === 'week' ? weekRows(counts, from, to, zone) : await namedRows(deps, groupBy, counts);
  return { from: from.toISOString(), to: to.toISOString(), groupBy, zone, rows };
}

const row = (key: string, label: string, c: { good: number; bad: number }): CsatReportRow => ({
  key,
  label,
  good: c.good,
  bad: c.bad,
  score: csatScore(c.good, c.bad),
});

/** Every week of the range, the quiet ones too (a chart's gaps are news). */
function weekRows(counts: CsatCountRow[], from: Date, to: Date, zone: string): CsatReportRow[] {
  const byWeek = new Map(counts.map((c) => [c.key, c]));
  const rows: CsatReportRow[] = [];
  for (
    let week = DateTime.fromJSDate(from, { zone }).startOf('week');
    week.toMillis() < to.getTime();
    week = week.plus({ weeks: 1 })
  ) {
    const key = week.toISODate() as string;
    rows.push(row(key, `Week of ${week.toFormat('d LLL yyyy')}`, byWeek.get(key) ?? { good: 0, bad: 0 }));
  }
  return rows;
}

async function namedRows(
  deps: Deps,
  groupBy: Exclude<CsatGroupBy, 'week'>,
  counts: CsatCountRow[],
): Promise<CsatReportRow[]> {
  const ids = counts.flatMap((c) => (c.key ? [c.key] : []));
  const named =
    groupBy === 'agent'
      ? await findAgentsByIds(deps.db, ids)
      : groupBy === 'team'
        ? await findTeamsByIds(deps.db, ids)
        : await findOrganizationsByIds(deps.db, ids);
  const names = new Map(named.map((n) => [n.id, n.name]));
  const rows = counts.map((c) =>
    c.key ? row(c.key, names.get(c.key) ?? 'Removed', c) : row('none', NONE_LABEL[groupBy], c),
  );
  // by name, the unattributed last
  return rows.sort(
    (a, b) =>
      Number(a.key === 'none') - Number(b.key === 'none') ||
      a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) ||
      a.key.localeCompare(b.key),
  );
}

/** The report as CSV (RFC 4180); a cell a spreadsheet would run as a formula is quoted inert. */
export function csatCsv(report: CsatReport): string {
  return toCsv([
    ['key', 'label', 'good', 'bad', 'score'],
    ...report.rows.map((r) => [r.key, r.label, r.good, r.bad, r.score]),
  ]);
}
