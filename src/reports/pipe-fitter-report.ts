import type { Deps } from '../deps.js';
import { queryRows, sql } from '../platform/db.js';
import type { ReportRange } from './range.js';
import type { ReportColumn, ReportRow, ReportTable } from './report.js';

// The pipe fitter's own report, per linked issue or per forge: tickets linked in the range, those
// still waiting (unsolved), the customers told in their thread (a link notice posted), and the median
// hours from a ticket's link to the fix shipping (released, else merged). Links are few: read
// straight from the forges' tables.

interface Found {
  key: string;
  issues: number;
  linked: number;
  waiting: number;
  told: number;
  median: number | null;
}

export async function pipeFitterReport(
  deps: Deps,
  groupBy: 'issue' | 'forge',
  range: ReportRange,
): Promise<ReportTable> {
  const f = range.filters;
  const found = await queryRows<Found>(
    deps.db,
    sql`WITH linked AS (
          SELECT fi.id AS issue_id, fi.forge_id, t.status, t.requester_id,
                 EXISTS (SELECT 1 FROM link_notices n
                          WHERE n.ticket_id = l.ticket_id AND n.forge_issue_id = l.forge_issue_id
                            AND n.message_id IS NOT NULL) AS told,
                 -- linked after it shipped: no wait (greatest() would turn "not shipped" into 0 too)
                 CASE WHEN coalesce(fi.released_at, fi.change_merged_at) IS NOT NULL
                      THEN greatest(0, date_part('epoch', coalesce(fi.released_at, fi.change_merged_at) - l.created_at) / 3600)
                 END AS hours
            FROM ticket_links l
            JOIN forge_issues fi ON fi.id = l.forge_issue_id
            JOIN tickets t ON t.id = l.ticket_id
            LEFT JOIN organizations o ON o.id = t.organization_id
           WHERE l.created_at >= ${range.from.toISOString()}::timestamptz
             AND l.created_at < ${range.to.toISOString()}::timestamptz
             ${f.organizationId ? sql`AND t.organization_id = ${f.organizationId}::uuid` : sql``}
             ${f.plan ? sql`AND o.plan = ${f.plan}` : sql``}
             ${f.teamId ? sql`AND t.team_id = ${f.teamId}::uuid` : sql``}
        )
        SELECT ${sql.raw(groupBy === 'issue' ? 'issue_id' : 'forge_id')}::text AS key,
               count(DISTINCT issue_id)::int AS issues, count(*)::int AS linked,
               count(*) FILTER (WHERE status NOT IN ('solved', 'closed'))::int AS waiting,
               count(DISTINCT requester_id) FILTER (WHERE told)::int AS told,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY hours) AS median
          FROM linked GROUP BY 1`,
  );
  const ids = found.map((r) => r.key);
  const described =
    ids.length === 0
      ? []
      : groupBy === 'issue'
        ? await queryRows<{ id: string; label: string; url: string; status: string }>(
            deps.db,
            sql`SELECT fi.id::text AS id,
                       fi.project_ref || CASE WHEN fi.item_kind = 'change' AND f.kind = 'gitlab' THEN '!' ELSE '#' END
                         || fi.number || ' ' || fi.title AS label,
                       fi.url, fi.status
                  FROM forge_issues fi JOIN forges f ON f.id = fi.forge_id
                 WHERE fi.id::text IN (${sql.join(
                   ids.map((id) => sql`${id}`),
                   sql`, `,
                 )})`,
          )
        : await queryRows<{ id: string; label: string; url: string; status: string }>(
            deps.db,
            sql`SELECT id::text AS id, name AS label, base_url AS url, kind AS status FROM forges
                 WHERE id::text IN (${sql.join(
                   ids.map((id) => sql`${id}`),
                   sql`, `,
                 )})`,
          );
  const about = new Map(described.map((d) => [d.id, d]));
  const counts = (r: Found) => ({
    ticketsLinked: Number(r.linked),
    ticketsWaiting: Number(r.waiting),
    customersTold: Number(r.told),
    medianHoursLinkToShipped: r.median === null ? null : Math.round(Number(r.median) * 100) / 100,
  });
  const rows: ReportRow[] = found.map((r) => {
    const d = about.get(r.key);
    return groupBy === 'issue'
      ? { group: r.key, label: d?.label ?? 'Removed', status: d?.status ?? null, url: d?.url ?? null, ...counts(r) }
      : { group: r.key, label: d?.label ?? 'Removed', issues: Number(r.issues), ...counts(r) };
  });
  rows.sort(
    (a, b) =>
      Number(b.ticketsWaiting) - Number(a.ticketsWaiting) ||
      Number(b.ticketsLinked) - Number(a.ticketsLinked) ||
      a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }),
  );
  const columns: ReportColumn[] = [
    ...(groupBy === 'issue'
      ? [
          { key: 'status', label: 'Status', kind: 'text' as const },
          { key: 'url', label: 'Address', kind: 'text' as const },
        ]
      : [{ key: 'issues', label: 'Issues', kind: 'count' as const }]),
    { key: 'ticketsLinked', label: 'Tickets linked', kind: 'count' },
    { key: 'ticketsWaiting', label: 'Tickets waiting', kind: 'count' },
    { key: 'customersTold', label: 'Customers told', kind: 'count' },
    { key: 'medianHoursLinkToShipped', label: 'Median hours from link to shipped', kind: 'hours' },
  ];
  return { columns, rows };
}
