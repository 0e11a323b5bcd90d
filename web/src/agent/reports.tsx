import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EChartsCoreOption } from 'echarts/core';
import { DateTime } from 'luxon';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, get, type ResponseOf } from '../shared/api.js';
import { Chart } from '../shared/chart.js';
import { oneDecimal, twoDecimals, viewerZone, whole } from '../shared/format.js';
import { ALL_ZONES } from '../shared/time-zones.js';
import { ErrorText, Loading } from '../shared/ui.js';

// The lead's reports: the list, then one report with its filters in the URL (a link shares exactly
// what the lead sees, and the back button undoes a filter), a chart for the eye, the same numbers in
// a table, and the CSV.

type ReportList = ResponseOf<'/api/v1/reports', 'get'>;
type Report = ResponseOf<'/api/v1/reports/{report}', 'get'>;
type Column = Report['columns'][number];
type ColumnKind = Column['kind'];
type Row = Report['rows'][number];
type CsatReport = ResponseOf<'/api/v1/reports/csat', 'get'>;

// CSAT's route (src/csat) came before the others and joined their shape later: an answer without
// columns, or rows keyed by `key` alone, still reads
const CSAT_COLUMNS: Column[] = [
  { key: 'good', label: 'Good', kind: 'count' },
  { key: 'bad', label: 'Bad', kind: 'count' },
  { key: 'score', label: 'Score', kind: 'ratio' },
];
/** reports whose route takes no plan filter */
const WITHOUT_PLAN = new Set(['csat']);

function asReport(name: string, title: string, answer: Report | CsatReport): Report {
  const rows = answer.rows as Record<string, unknown>[];
  return {
    ...answer,
    report: answer.report ?? name,
    title: answer.title ?? title,
    columns: answer.columns?.length ? answer.columns : CSAT_COLUMNS,
    rows: rows.map((r) => ({ ...r, group: String(r.group ?? r.key), label: String(r.label ?? r.key) }) as Row),
  };
}

const GROUP_NAMES: Record<string, string> = {
  week: 'Week',
  day: 'Day',
  priority: 'Priority',
  plan: 'Plan',
  region: 'Region',
  agent: 'Agent',
  organization: 'Organization',
  team: 'Team',
  policy: 'SLA policy',
  issue: 'Issue',
  forge: 'Forge',
  'hour-of-week': 'Hour of the week',
};
const groupName = (g: string) => GROUP_NAMES[g] ?? g.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
/** in a sentence: "by week", "by SLA policy" */
const groupInWords = (g: string) => groupName(g).replace(/^[A-Z][a-z]/, (c) => c.toLowerCase());

const FILTERS = ['from', 'to', 'groupBy', 'organization', 'plan', 'team', 'zone'] as const;
type Filter = (typeof FILTERS)[number];
type Organization = ResponseOf<'/api/v1/organizations', 'get'>['items'][number];
type Teams = ResponseOf<'/api/v1/teams', 'get'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function ReportsPage() {
  const { report } = useParams();
  const list = useQuery({
    queryKey: ['reports'],
    queryFn: () => get<ReportList>('/api/v1/reports'),
    staleTime: 5 * 60_000,
  });
  if (report) return <OneReport name={report} list={list.data} listError={list.error} />;
  return (
    <section aria-labelledby="reports-title" className="reports">
      <h1 id="reports-title">Reports</h1>
      <p className="muted">How fast the team answers and solves, how the SLA holds, the backlog and the load.</p>
      {list.isPending && <Loading what="the reports" />}
      <ErrorText error={list.error} />
      {list.data && (
        <ul className="report-list">
          {list.data.map((r) => (
            <li key={r.report}>
              <Link to={`/reports/${r.report}`}>{r.title}</Link>
              <span className="muted"> — {r.description}</span>
            </li>
          ))}
        </ul>
      )}
      <WeeklySummaryToggle />
    </section>
  );
}

type WeeklySummary = ResponseOf<'/api/v1/reports/weekly-summary', 'get'>;

/** The lead's own opt-in to the week's numbers by mail, Monday morning in their zone. */
function WeeklySummaryToggle() {
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['reports', 'weekly-summary'],
    queryFn: () => get<WeeklySummary>('/api/v1/reports/weekly-summary'),
  });
  const change = useMutation({
    mutationFn: (subscribed: boolean) => api<WeeklySummary>('PUT', '/api/v1/reports/weekly-summary', { subscribed }),
    // the box follows the click at once; a refusal puts it back
    onMutate: (subscribed) =>
      client.setQueryData<WeeklySummary>(['reports', 'weekly-summary'], (old) => old && { ...old, subscribed }),
    onError: () => client.invalidateQueries({ queryKey: ['reports', 'weekly-summary'] }),
    onSuccess: (data) => client.setQueryData(['reports', 'weekly-summary'], data),
  });
  if (!current.data) return <ErrorText error={current.error} />;
  return (
    <section aria-labelledby="weekly-summary-title" className="weekly-summary">
      <h2 id="weekly-summary-title">Weekly summary</h2>
      <label>
        <input type="checkbox" checked={current.data.subscribed} onChange={(e) => change.mutate(e.target.checked)} />{' '}
        Mail me last week’s numbers every Monday at 08:00 in my zone: tickets, reply and resolution times, SLA
        attainment, satisfaction
      </label>
      <ErrorText error={change.error} />
    </section>
  );
}

/**
 * The quick ranges as days in `zone`, to today included. Weeks are whole weeks from Monday, this one
 * so far included, as the API's default (the last 12 weeks): a report by week has no cut first week.
 */
function ranges(zone: string) {
  const today = DateTime.now().setZone(zone).startOf('day');
  const weeks = (n: number) => ({
    from: today
      .startOf('week')
      .minus({ weeks: n - 1 })
      .toISODate() as string,
    to: today.toISODate() as string,
  });
  return [
    { name: 'Last 4 weeks', ...weeks(4) },
    { name: 'Last 12 weeks', ...weeks(12) },
    { name: 'This year', from: today.startOf('year').toISODate() as string, to: today.toISODate() as string },
  ];
}

function useOrganizations() {
  return useQuery({ queryKey: ['organizations', 'all'], queryFn: allOrganizations, staleTime: 5 * 60_000 });
}
function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: () => get<Teams>('/api/v1/teams'), staleTime: 60_000 });
}

/** Every organization, page after page (the API sorts them by name). */
async function allOrganizations(): Promise<Organization[]> {
  const all: Organization[] = [];
  let cursor: string | null = null;
  do {
    const page: ResponseOf<'/api/v1/organizations', 'get'> = await get(
      `/api/v1/organizations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

function OneReport({ name, list, listError }: { name: string; list: ReportList | undefined; listError: unknown }) {
  const [params, setParams] = useSearchParams();
  const organizations = useOrganizations();
  const teams = useTeams();
  const meta = list?.find((r) => r.report === name);
  const zone = params.get('zone') || viewerZone;
  const quick = ranges(zone);
  const twelveWeeks = quick[1] as { from: string; to: string };
  const from = DAY.test(params.get('from') ?? '') ? (params.get('from') as string) : twelveWeeks.from;
  const to = DAY.test(params.get('to') ?? '') ? (params.get('to') as string) : twelveWeeks.to;
  const groupBy = params.get('groupBy') || meta?.defaultGroupBy || '';
  const organization = params.get('organization') ?? '';
  const plan = WITHOUT_PLAN.has(name) ? '' : (params.get('plan') ?? '');
  const team = params.get('team') ?? '';
  const backwards = from > to;

  // the API is asked for the range always (the days shown are the days asked for), the rest when set
  const query = new URLSearchParams({ from, to, zone });
  if (groupBy) query.set('groupBy', groupBy);
  if (organization) query.set('organization', organization);
  if (plan) query.set('plan', plan);
  if (team) query.set('team', team);
  const url = `/api/v1/reports/${encodeURIComponent(name)}?${query}`;
  const report = useQuery({
    queryKey: ['report', url],
    queryFn: async () => asReport(name, meta?.title ?? name, await get<Report | CsatReport>(url)),
    enabled: !backwards && meta !== undefined,
    placeholderData: (previous) => previous,
  });

  // each change is an entry in the history: the back button undoes it
  const change = (values: Partial<Record<Filter, string>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(values)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  if (list && !meta) {
    return (
      <section aria-labelledby="report-title" className="reports">
        <p className="report-back">
          <Link to="/reports">All reports</Link>
        </p>
        <h1 id="report-title">No such report</h1>
        <p>There is no report called “{name}”. Pick one from the list of reports.</p>
      </section>
    );
  }
  const data = report.data;
  const only = [
    organization && (organizations.data?.find((o) => o.id === organization)?.name ?? 'one organization'),
    plan && `plan ${plan}`,
    team && `team ${teams.data?.items.find((t) => t.id === team)?.name ?? ''}`.trim(),
  ].filter(Boolean);
  const caption = data
    ? `${data.title} by ${groupInWords(data.groupBy)}, ${rangeInWords(from, to)} (${zone})${only.length ? `, ${only.join(', ')} only` : ''}`
    : '';
  return (
    <section aria-labelledby="report-title" className="reports" aria-busy={report.isFetching}>
      <p className="report-back">
        <Link to="/reports">All reports</Link>
      </p>
      <h1 id="report-title">{meta?.title ?? 'Report'}</h1>
      {meta && <p className="muted">{meta.description}</p>}
      <ErrorText error={listError} />
      {meta && (
        <Filters
          meta={meta}
          values={{ from, to, groupBy, organization, plan, team, zone }}
          quick={quick}
          organizations={organizations.data ?? []}
          teams={teams.data?.items ?? []}
          change={change}
        />
      )}
      <ErrorText error={organizations.error ?? teams.error} />
      {backwards ? (
        <p className="error" role="alert">
          The range ends before it starts: pick a “To” day after the “From” day.
        </p>
      ) : (
        <>
          {(list === undefined || report.isPending) && !listError && <Loading what="the report" />}
          <ErrorText error={report.error} />
          {data && !report.error && <Results data={data} caption={caption} csv={`${url}&format=csv`} />}
        </>
      )}
    </section>
  );
}

/** A label over its control; the label's words alone name it (not the options of a select inside it). */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="report-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function Filters(props: {
  meta: ReportList[number];
  values: Record<Filter, string>;
  quick: { name: string; from: string; to: string }[];
  organizations: Organization[];
  teams: Teams['items'];
  change: (values: Partial<Record<Filter, string>>) => void;
}) {
  const { meta, values, quick, organizations, teams, change } = props;
  const narrowed = [values.organization, values.plan, values.team, values.zone !== viewerZone].filter(Boolean).length;
  // the rarer filters fold away on a phone, so the chart is nearer; set ones show
  const [unfolded] = useState(() => narrowed > 0 || !window.matchMedia('(max-width: 760px)').matches);
  const plans = [...new Set(organizations.map((o) => o.plan))].sort((a, b) => a.localeCompare(b));
  if (values.plan && !plans.includes(values.plan)) plans.push(values.plan);
  return (
    <div className="report-filters">
      <fieldset className="report-range">
        <legend>Range</legend>
        <Field label="From">
          {(id) => (
            <input
              id={id}
              type="date"
              value={values.from}
              max={values.to}
              onChange={(e) => change({ from: e.target.value })}
            />
          )}
        </Field>
        <Field label="To">
          {(id) => (
            <input
              id={id}
              type="date"
              value={values.to}
              min={values.from}
              onChange={(e) => change({ to: e.target.value })}
            />
          )}
        </Field>
        <div className="quick-ranges">
          {quick.map((q) => (
            <button
              key={q.name}
              type="button"
              className="small"
              aria-pressed={q.from === values.from && q.to === values.to}
              onClick={() => change({ from: q.from, to: q.to })}
            >
              {q.name}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="report-choices">
        {meta.groupBy.length > 1 && (
          <Field label="Group by">
            {(id) => (
              <select id={id} value={values.groupBy} onChange={(e) => change({ groupBy: e.target.value })}>
                {meta.groupBy.map((g) => (
                  <option key={g} value={g}>
                    {groupName(g)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <details className="report-more" open={unfolded}>
        <summary>More filters{narrowed ? ` (${narrowed} set)` : ''}</summary>
        <div className="report-choices">
          <Field label="Organization">
            {(id) => (
              <select id={id} value={values.organization} onChange={(e) => change({ organization: e.target.value })}>
                <option value="">All organizations</option>
                {organizations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {!WITHOUT_PLAN.has(meta.report) && (
            <Field label="Plan">
              {(id) => (
                <select id={id} value={values.plan} onChange={(e) => change({ plan: e.target.value })}>
                  <option value="">All plans</option>
                  {plans.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Team">
            {(id) => (
              <select id={id} value={values.team} onChange={(e) => change({ team: e.target.value })}>
                <option value="">All teams</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Days in">
            {(id) => (
              <select
                id={id}
                value={values.zone}
                onChange={(e) => change({ zone: e.target.value === viewerZone ? '' : e.target.value })}
              >
                {ALL_ZONES.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </details>
    </div>
  );
}

function Results({ data, caption, csv }: { data: Report; caption: string; csv: string }) {
  const chart = useMemo(() => chartOf(data), [data]);
  // weeks and days are listed even when quiet: nothing but zeros and blanks is an empty report
  const empty = !data.rows.some((r) =>
    data.columns.some((c) => c.kind !== 'text' && isNumber(r[c.key]) && r[c.key] !== 0),
  );
  return (
    <>
      <div className="report-head">
        <h2>{caption}</h2>
        <a href={csv} download>
          Download CSV
        </a>
      </div>
      {empty ? (
        <p className="report-empty">
          {data.report === 'csat' ? 'No ratings in this range.' : 'No tickets in this range.'} Try a longer range or
          fewer filters.
        </p>
      ) : (
        <>
          {chart && (
            <div className="report-chart">
              <Chart option={chart.option} label={`Chart: ${chart.label}. ${caption}`} height={300} />
              <p className="muted small">{chart.note}</p>
            </div>
          )}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a phone scrolls a wide table inside its box, so the box takes the keyboard too (WCAG 2.1.1) */}
          <section className="table-scroll report-table" aria-label={`Table: ${caption}`} tabIndex={0}>
            <table>
              {/* the heading above says it for the eye */}
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{groupName(data.groupBy)}</th>
                  {data.columns.map((c) => (
                    <th scope="col" key={c.key} className={c.kind === 'text' ? '' : 'number'}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.group}>
                    <th scope="row">{row.label}</th>
                    {data.columns.map((c) => (
                      <td key={c.key} className={c.kind === 'text' ? '' : 'number'}>
                        <Value value={row[c.key]} kind={c.kind} report={data.report} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

function Value({
  value,
  kind,
  report,
}: {
  value: number | string | null | undefined;
  kind: ColumnKind;
  report: string;
}) {
  // the pipe fitter's issues carry their address
  if (typeof value === 'string' && /^https?:\/\//.test(value)) {
    return (
      <a href={value} target="_blank" rel="noreferrer">
        {value}
      </a>
    );
  }
  return <>{formatValue(value, kind, report)}</>;
}

// ---- Numbers in words

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** 80 → "1 h 20 min"; a day and more in hours alone ("30 h") */
function formatMinutes(minutes: number): string {
  if (minutes < 1) return minutes > 0 ? '<1 min' : '0 min';
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  if (hours >= 24 || rest === 0) return `${whole.format(Math.round(minutes / 60))} h`;
  return `${hours} h ${rest} min`;
}

/** A ratio is a fraction (0.934); the CSAT score comes in percent already. */
const percentOf = (value: number, report: string) => (report === 'csat' ? value : value * 100);

function formatValue(value: number | string | null | undefined, kind: ColumnKind, report: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    return kind === 'date' && DAY.test(value) ? DateTime.fromISO(value).toFormat('d LLL yyyy') : value;
  }
  switch (kind) {
    case 'minutes':
      return formatMinutes(value);
    case 'hours':
      return `${oneDecimal.format(value)} h`;
    case 'ratio':
      return `${percentOf(value, report).toFixed(1)} %`;
    case 'count':
      // a rate below ten ("0.42 replies per hour") keeps two decimals
      return Number.isInteger(value) ? whole.format(value) : (value < 10 ? twoDecimals : oneDecimal).format(value);
    default:
      return String(value);
  }
}

function rangeInWords(from: string, to: string): string {
  const a = DateTime.fromISO(from);
  const b = DateTime.fromISO(to);
  if (from === to) return a.toFormat('d LLL yyyy');
  if (a.hasSame(b, 'year')) return `${a.toFormat('d LLL')} – ${b.toFormat('d LLL yyyy')}`;
  return `${a.toFormat('d LLL yyyy')} – ${b.toFormat('d LLL yyyy')}`;
}

// ---- The chart: what it draws, and how, follows the report and its columns' kinds

const COLOURS = ['#0b5cad', '#e07b00', '#1a7f37', '#7c3aed', '#b42318', '#0e7490'];
const numeric = (rows: Row[], key: string, scale = (n: number) => n) =>
  rows.map((r) => (isNumber(r[key]) ? scale(r[key] as number) : null));
/** "created, solved and reopened" */
function lower(columns: Column[]): string {
  const words = columns.map((c) => c.label.toLowerCase());
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

interface ChartPlan {
  option: EChartsCoreOption;
  /** what it shows, for the chart's label */
  label: string;
  /** how to read it, under the chart */
  note: string;
}

function baseOption(data: Report): EChartsCoreOption {
  // days and weeks are short on the axis ("29 Dec"; the table has "Week of 29 Dec 2025"); labels that
  // would overlap are left out, so a phone shows every few
  const dated = data.groupBy === 'week' || data.groupBy === 'day';
  const names = data.rows.map((r) =>
    dated && DAY.test(r.group) ? DateTime.fromISO(r.group).toFormat('d LLL') : r.label,
  );
  return {
    color: COLOURS,
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0 },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { hideOverlap: true, width: 96, overflow: 'truncate' },
    },
  };
}

const barSeries = (c: Column, data: (number | null)[]) => ({ type: 'bar', name: c.label, data, barMaxWidth: 48 });
/** points on a line only while there is room for them */
const lineSeries = (c: Column, data: (number | null)[], extra: object = {}) => ({
  type: 'line',
  name: c.label,
  data,
  showSymbol: data.length <= 31,
  symbolSize: 6,
  lineStyle: { width: 3 },
  ...extra,
});

function chartOf(data: Report): ChartPlan | null {
  const { columns, rows } = data;
  const of = (kind: ColumnKind) => columns.filter((c) => c.kind === kind);
  const durations = of('minutes');
  const ratios = of('ratio');
  const hours = of('hours');
  // rates ("per engineer hour") are on another scale than the counts: the table has them
  const counts = of('count').filter((c) => !/per/i.test(c.key));
  const base = baseOption(data);

  // the backlog as a line over time, with what came in and went out as bars
  if (data.report === 'backlog' && counts.length) {
    const line = counts.find((c) => /backlog/i.test(c.key)) ?? (counts[counts.length - 1] as Column);
    const bars = counts.filter((c) => c !== line);
    return {
      option: {
        ...base,
        tooltip: { trigger: 'axis' },
        yAxis: { type: 'value', name: 'tickets', minInterval: 1 },
        series: [...bars.map((c) => barSeries(c, numeric(rows, c.key))), lineSeries(line, numeric(rows, line.key))],
      },
      label: `${line.label.toLowerCase()} as a line, ${lower(bars)} as bars`,
      note: `The line is the ${line.label.toLowerCase()} of each period; the bars are the tickets ${lower(bars)} in it.`,
    };
  }

  // arrivals against the engineer hours on shift: bars and a line, each on its own axis
  if (data.report === 'arrivals' && counts[0] && hours[0]) {
    const bars = counts[0];
    const line = hours[0];
    return {
      option: {
        ...base,
        tooltip: { trigger: 'axis' },
        yAxis: [
          { type: 'value', name: 'tickets', minInterval: 1 },
          { type: 'value', name: 'hours', splitLine: { show: false } },
        ],
        series: [
          barSeries(bars, numeric(rows, bars.key)),
          lineSeries(line, numeric(rows, line.key), { yAxisIndex: 1 }),
        ],
      },
      label: `${bars.label.toLowerCase()} as bars against ${line.label.toLowerCase()} as a line`,
      note: `Bars: ${bars.label.toLowerCase()} (left axis). Line: ${line.label.toLowerCase()} (right axis).`,
    };
  }

  // durations: median and p90 side by side, in hours once they run past two hours
  if (durations.length) {
    const longest = Math.max(0, ...durations.flatMap((c) => numeric(rows, c.key).filter((n) => n !== null)));
    const inHours = longest >= 120;
    const unit = inHours ? 'hours' : 'minutes';
    return {
      option: {
        ...base,
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => (isNumber(v) ? formatMinutes(inHours ? v * 60 : v) : '—'),
        },
        yAxis: { type: 'value', name: unit },
        series: durations.map((c) =>
          barSeries(
            c,
            numeric(rows, c.key, (n) => Math.round((inHours ? n / 60 : n) * 10) / 10),
          ),
        ),
      },
      label: `${lower(durations)} in ${unit}`,
      note: `Bars in ${unit}${durations.length > 1 ? `: ${lower(durations)} side by side` : ''}. The table below has the exact times.`,
    };
  }

  // ratios (SLA attainment, the CSAT score) as bars from 0 to 100 %
  if (ratios.length) {
    return {
      option: {
        ...base,
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (isNumber(v) ? `${v.toFixed(1)} %` : '—') },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
        series: ratios.map((c) =>
          barSeries(
            c,
            numeric(rows, c.key, (n) => Math.round(percentOf(n, data.report) * 10) / 10),
          ),
        ),
      },
      label: `${lower(ratios)} in percent`,
      note: 'Bars from 0 to 100 %; a group with nothing to count has no bar.',
    };
  }

  if (counts.length) {
    return {
      option: {
        ...base,
        tooltip: { trigger: 'axis' },
        yAxis: { type: 'value', minInterval: 1 },
        series: counts.map((c) => barSeries(c, numeric(rows, c.key))),
      },
      label: lower(counts),
      note: 'Bars: the counts of each group; the table below has every column.',
    };
  }
  return null;
}
