import { useQuery } from '@tanstack/react-query';
import type { EChartsCoreOption } from 'echarts/core';
import { Fragment, type KeyboardEvent, type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { get, type ResponseOf } from '../shared/api.js';
import { Chart } from '../shared/chart.js';
import { formatTime, oneDecimal, sizeOf, twoDecimals, whole } from '../shared/format.js';
import { BundleProgress, BundleState, inProgress, ticketBundlesQuery } from '../shared/ticket-bundles.js';
import { ErrorText, Loading } from '../shared/ui.js';

// One bundle's analysis: what it covers, the findings, then a table per kind of load (each sortable;
// a row opens the sample lines behind it), the timeline, and a comparison with another bundle of the
// same ticket (`?with=<id>`: before and after an upgrade), rows matched by their key. The tab and the
// comparison are in the URL, so a link shows a colleague the same view.

type Bundle = ResponseOf<'/api/v1/bundles/{id}', 'get'>;
type Finding = NonNullable<Bundle['findings']>[number];
type SqlRow = NonNullable<Bundle['sql']>[number];
type EndpointRow = NonNullable<Bundle['endpoints']>[number];
type SidekiqRow = NonNullable<Bundle['sidekiq']>[number];
type GitalyRow = NonNullable<Bundle['gitaly']>[number];
type ErrorRow = NonNullable<Bundle['errors']>[number];
type TopRow = NonNullable<Bundle['top']>['users'][number];
type FileRow = Bundle['files'][number];

const TABS = [
  { id: 'sql', label: 'Slow SQL' },
  { id: 'endpoints', label: 'Endpoints' },
  { id: 'sidekiq', label: 'Sidekiq' },
  { id: 'gitaly', label: 'Gitaly' },
  { id: 'errors', label: 'Errors' },
  { id: 'top', label: 'Top users, projects, IPs' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'files', label: 'Files' },
] as const;
type Tab = (typeof TABS)[number]['id'];

// the sample lines' keys, as the engine writes them (src/diagnostics/analyse/build-results.ts)
const sampleKey = {
  sql: (r: SqlRow) => `sql:${r.p99Basis === 'summary' ? 'pgss:' : ''}${r.fingerprint}`,
  endpoints: (r: EndpointRow) => `endpoint:${r.route}`,
  sidekiq: (r: SidekiqRow) => `sidekiq:${r.class}`,
  gitaly: (r: GitalyRow) => `gitaly:${r.rpc}`,
  errors: (r: ErrorRow) => `error:${r.signature}`,
};

const bundleUrl = (id: string) => `/api/v1/bundles/${encodeURIComponent(id)}`;

export function BundlePage() {
  const params = useParams();
  const number = Number(params.number);
  const id = params.id ?? '';
  const [search, setSearch] = useSearchParams();
  const withId = search.get('with') ?? '';
  const tab: Tab = TABS.some((t) => t.id === search.get('tab')) ? (search.get('tab') as Tab) : 'sql';
  const bundle = useQuery({
    queryKey: ['bundle', id],
    queryFn: () => get<Bundle>(bundleUrl(id)),
    refetchInterval: (query) => (query.state.data && inProgress(query.state.data.state) ? 2_000 : false),
  });
  const other = useQuery({
    queryKey: ['bundle', withId],
    queryFn: () => get<Bundle>(bundleUrl(withId)),
    enabled: withId !== '' && withId !== id,
  });
  const siblings = useQuery(ticketBundlesQuery(number));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: key === 'tab' });
  };

  const back = (
    <p className="report-back">
      <Link to={`/tickets/${number}`}>← Ticket #{number}</Link>
    </p>
  );
  if (bundle.isPending) return <Loading what="the bundle" />;
  if (bundle.isError) {
    return (
      <section className="bundle-page">
        {back}
        <h1>Bundle</h1>
        <ErrorText error={bundle.error} />
      </section>
    );
  }
  const b = bundle.data;
  const comparable = (siblings.data?.items ?? []).filter((s) => s.id !== b.id && s.state === 'done');
  const compared = withId && other.data?.state === 'done' ? other.data : null;
  // the earlier bundle is "before", whichever of the two the page is about
  const [before, after] = compared ? (startOf(compared) <= startOf(b) ? [compared, b] : [b, compared]) : [null, null];
  // the tabs with a before-and-after table show it while two bundles are compared
  const comparing = before && after && isComparable(tab) ? { kind: tab, before, after } : null;

  return (
    <section className="bundle-page" aria-labelledby="bundle-title">
      {back}
      <h1 id="bundle-title">{b.filename}</h1>
      <Header bundle={b} />
      {inProgress(b.state) && (
        <div className="notice">
          <BundleProgress bundle={b} />
          <p className="small">The analysis runs; this page fills in when it is done.</p>
        </div>
      )}
      {b.state === 'failed' && (
        <p className="error" role="alert">
          The analysis failed: {b.error ?? 'no reason was given.'}
        </p>
      )}
      {b.state === 'done' && (
        <>
          <Findings findings={b.findings ?? []} />
          {comparable.length > 0 && (
            <div className="bundle-compare">
              <label>
                Compare with
                <select value={withId} onChange={(e) => set('with', e.target.value)}>
                  <option value="">no other bundle</option>
                  {comparable.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.filename} ({formatTime(s.createdAt)})
                    </option>
                  ))}
                </select>
              </label>
              {withId && other.isPending && <Loading what="the other bundle" />}
              <ErrorText error={other.error} />
              {before && after && (
                <p className="small muted">
                  Before: {before.filename}
                  {before.window ? ` (${formatTime(before.window.from)})` : ''} → after: {after.filename}
                  {after.window ? ` (${formatTime(after.window.from)})` : ''}. Changes in % from before to after.
                </p>
              )}
            </div>
          )}
          <Tabs tab={tab} onTab={(t) => set('tab', t)}>
            {comparing && <CompareTable key={comparing.kind} {...comparing} />}
            {!comparing && tab === 'sql' && <SqlTable bundle={b} />}
            {!comparing && tab === 'endpoints' && <EndpointsTable bundle={b} />}
            {!comparing && tab === 'sidekiq' && <SidekiqTable bundle={b} />}
            {tab === 'gitaly' && <GitalyTable bundle={b} />}
            {tab === 'errors' && <ErrorsTable bundle={b} />}
            {tab === 'top' && <TopTables bundle={b} />}
            {tab === 'timeline' && <Timeline bundle={b} />}
            {tab === 'files' && <FilesTable bundle={b} />}
          </Tabs>
        </>
      )}
      {b.state !== 'done' && b.files.length > 0 && <FilesTable bundle={b} />}
    </section>
  );
}

const startOf = (b: Bundle) => b.window?.from ?? b.createdAt;

function Header({ bundle: b }: { bundle: Bundle }) {
  const version = typeof b.system?.version === 'string' ? b.system.version : null;
  return (
    <dl className="bundle-facts">
      <div>
        <dt>State</dt>
        <dd>
          <BundleState state={b.state} />
        </dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd>
          {sizeOf(b.size)}
          {b.downloadable && (
            <>
              {' · '}
              <a href={`${bundleUrl(b.id)}/file`} download>
                Download
              </a>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Uploaded</dt>
        <dd>
          {formatTime(b.createdAt)} by {b.uploadedBy.name} (via {b.source})
        </dd>
      </div>
      {b.window && (
        <div>
          <dt>Logs cover</dt>
          <dd>
            {formatTime(b.window.from)} – {formatTime(b.window.to)}
          </dd>
        </div>
      )}
      {version && (
        <div>
          <dt>GitLab version</dt>
          <dd>{version}</dd>
        </div>
      )}
      {b.stats && (
        <div>
          <dt>Read</dt>
          <dd>
            {whole.format(b.stats.lines)} lines in {seconds(b.stats.ms / 1000)}
          </dd>
        </div>
      )}
      <div>
        <dt>Kept until</dt>
        <dd>{formatTime(b.expiresAt)}</dd>
      </div>
    </dl>
  );
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

function Findings({ findings }: { findings: Finding[] }) {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return (
    <section aria-labelledby="findings-title" className="findings">
      <h2 id="findings-title">Findings</h2>
      {sorted.length === 0 ? (
        <p className="muted">No rule found anything to worry about in this bundle.</p>
      ) : (
        <ul className="finding-list">
          {sorted.map((f) => (
            <li key={`${f.rule} ${f.message}`} className={`finding finding-${f.severity}`}>
              <span className={`badge severity-${f.severity}`}>{f.severity}</span> {f.message}{' '}
              {f.docs && (
                <a href={f.docs} target="_blank" rel="noreferrer">
                  Documentation
                </a>
              )}
              <span className="small muted"> · {f.rule}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** WAI-ARIA tabs: arrow keys move between them, the panel follows */
function Tabs({ tab, onTab, children }: { tab: Tab; onTab: (t: Tab) => void; children: ReactNode }) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const keys = (event: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const to =
      event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : (at + step + TABS.length) % TABS.length;
    if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    onTab((TABS[to] as (typeof TABS)[number]).id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[to]?.focus();
  };
  return (
    <div className="bundle-tabs">
      <div role="tablist" aria-label="Results" ref={list} onKeyDown={keys}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${base}-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${tab}`} className="bundle-panel">
        {children}
      </div>
    </div>
  );
}

// ---- Sortable tables

interface Column<R> {
  key: string;
  label: string;
  value: (row: R) => number | string | null;
  show?: (row: R) => ReactNode;
  numeric?: boolean;
}

type Direction = 'ascending' | 'descending';

/**
 * A table sorted by a click on a column's head (again: the other way). A row with sample lines opens
 * them below itself, as preformatted text.
 */
function SortableTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  sortBy,
  samples,
  empty,
}: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  sortBy: string;
  /** the sample lines of a row, when the engine kept some */
  samples?: (row: R) => string[] | undefined;
  empty: string;
}) {
  const [sort, setSort] = useState<{ key: string; direction: Direction }>({ key: sortBy, direction: 'descending' });
  const [open, setOpen] = useState<string | null>(null);
  const column = columns.find((c) => c.key === sort.key) ?? columns[0];
  const sorted = useMemo(() => {
    if (!column) return rows;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      // blanks last, whichever way
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return typeof x === 'number' && typeof y === 'number'
        ? (x - y) * sign
        : String(x).localeCompare(String(y)) * sign;
    });
  }, [rows, column, sort.direction]);
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  const click = (key: string, numeric: boolean) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : // numbers start with the biggest, words with A
          { key, direction: numeric ? 'descending' : 'ascending' },
    );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls inside its box, so the box takes the keyboard too (WCAG 2.1.1)
    <section className="table-scroll report-table bundle-table" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">
          {caption}, sorted by {column?.label} {sort.direction}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'number' : ''}
                aria-sort={sort.key === c.key ? sort.direction : 'none'}
              >
                <button type="button" className="sort" onClick={() => click(c.key, c.numeric ?? false)}>
                  {c.label}
                  <span aria-hidden="true">
                    {sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const key = rowKey(row);
            const lines = samples?.(row);
            const isOpen = open === key && lines !== undefined;
            return (
              <Fragment key={key}>
                <tr className={isOpen ? 'is-open' : ''}>
                  {columns.map((c, i) => (
                    <td key={c.key} className={c.numeric ? 'number' : i === 0 ? 'key-cell' : ''}>
                      {i === 0 && lines ? (
                        <button
                          type="button"
                          className="link row-open"
                          aria-expanded={isOpen}
                          onClick={() => setOpen(isOpen ? null : key)}
                          title="Show the sample lines"
                        >
                          {c.show ? c.show(row) : c.value(row)}
                        </button>
                      ) : c.show ? (
                        c.show(row)
                      ) : (
                        c.value(row)
                      )}
                    </td>
                  ))}
                </tr>
                {isOpen && (
                  <tr className="samples-row">
                    <td colSpan={columns.length}>
                      <p className="small muted">
                        {lines.length} sample {lines.length === 1 ? 'line' : 'lines'} (the slowest kept, redacted)
                      </p>
                      <pre className="samples">{lines.join('\n')}</pre>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

const samplesOf =
  <R,>(bundle: Bundle, key: (row: R) => string) =>
  (row: R) =>
    bundle.samples?.[key(row)];

function SqlTable({ bundle }: { bundle: Bundle }) {
  return (
    <SortableTable<SqlRow>
      caption="Slow SQL by fingerprint"
      rows={bundle.sql ?? []}
      rowKey={(r) => r.fingerprint}
      sortBy="totalMs"
      samples={samplesOf(bundle, sampleKey.sql)}
      empty="No SQL statements in this bundle (PostgreSQL logs, pg_stat_statements or Rails logs with SQL)."
      columns={[
        {
          key: 'query',
          label: 'Query',
          value: (r) => r.query || r.fingerprint,
          show: (r) => <code>{r.query || r.fingerprint}</code>,
        },
        { key: 'count', label: 'Count', value: (r) => r.count, show: (r) => whole.format(r.count), numeric: true },
        { key: 'totalMs', label: 'Total', value: (r) => r.totalMs, show: (r) => millis(r.totalMs), numeric: true },
        { key: 'meanMs', label: 'Mean', value: (r) => r.meanMs, show: (r) => millis(r.meanMs), numeric: true },
        {
          key: 'p99Ms',
          label: 'p99',
          value: (r) => r.p99Ms,
          show: (r) => `${millis(r.p99Ms)}${r.p99Basis === 'summary' ? ' (max)' : ''}`,
          numeric: true,
        },
        { key: 'sources', label: 'From', value: (r) => r.sources.join(', ') },
      ]}
    />
  );
}

function EndpointsTable({ bundle }: { bundle: Bundle }) {
  return (
    <SortableTable<EndpointRow>
      caption="Endpoints"
      rows={bundle.endpoints ?? []}
      rowKey={(r) => r.route}
      sortBy="p99Ms"
      samples={samplesOf(bundle, sampleKey.endpoints)}
      empty="No requests in this bundle (production_json.log, api_json.log)."
      columns={[
        { key: 'route', label: 'Endpoint', value: (r) => r.route },
        { key: 'count', label: 'Requests', value: (r) => r.count, show: (r) => whole.format(r.count), numeric: true },
        { key: 'p50Ms', label: 'p50', value: (r) => r.p50Ms, show: (r) => millis(r.p50Ms), numeric: true },
        { key: 'p99Ms', label: 'p99', value: (r) => r.p99Ms, show: (r) => millis(r.p99Ms), numeric: true },
        {
          key: 'meanDbMs',
          label: 'Mean DB',
          value: (r) => r.meanDbMs ?? null,
          show: (r) => (r.meanDbMs === undefined ? '—' : millis(r.meanDbMs)),
          numeric: true,
        },
        {
          key: 'errorRate',
          label: 'Errors',
          value: (r) => r.errorRate,
          show: (r) => percent(r.errorRate),
          numeric: true,
        },
      ]}
    />
  );
}

function SidekiqTable({ bundle }: { bundle: Bundle }) {
  return (
    <SortableTable<SidekiqRow>
      caption="Sidekiq jobs by class"
      rows={bundle.sidekiq ?? []}
      rowKey={(r) => r.class}
      sortBy="p99DurationS"
      samples={samplesOf(bundle, sampleKey.sidekiq)}
      empty="No Sidekiq jobs in this bundle (sidekiq/current)."
      columns={[
        { key: 'class', label: 'Job class', value: (r) => r.class },
        { key: 'count', label: 'Jobs', value: (r) => r.count, show: (r) => whole.format(r.count), numeric: true },
        {
          key: 'p99DurationS',
          label: 'p99 duration',
          value: (r) => r.p99DurationS,
          show: (r) => seconds(r.p99DurationS),
          numeric: true,
        },
        {
          key: 'p99QueueLatencyS',
          label: 'p99 queue wait',
          value: (r) => r.p99QueueLatencyS,
          show: (r) => seconds(r.p99QueueLatencyS),
          numeric: true,
        },
        {
          key: 'failures',
          label: 'Failures',
          value: (r) => r.failures,
          show: (r) => whole.format(r.failures),
          numeric: true,
        },
      ]}
    />
  );
}

function GitalyTable({ bundle }: { bundle: Bundle }) {
  return (
    <SortableTable<GitalyRow>
      caption="Gitaly calls by RPC"
      rows={bundle.gitaly ?? []}
      rowKey={(r) => r.rpc}
      sortBy="p99Ms"
      samples={samplesOf(bundle, sampleKey.gitaly)}
      empty="No Gitaly calls in this bundle (gitaly/current)."
      columns={[
        { key: 'rpc', label: 'RPC', value: (r) => r.rpc },
        { key: 'count', label: 'Calls', value: (r) => r.count, show: (r) => whole.format(r.count), numeric: true },
        { key: 'p99Ms', label: 'p99', value: (r) => r.p99Ms, show: (r) => millis(r.p99Ms), numeric: true },
        { key: 'errors', label: 'Errors', value: (r) => r.errors, show: (r) => whole.format(r.errors), numeric: true },
      ]}
    />
  );
}

function ErrorsTable({ bundle }: { bundle: Bundle }) {
  return (
    <SortableTable<ErrorRow>
      caption="Errors and exceptions"
      rows={bundle.errors ?? []}
      rowKey={(r) => r.signature}
      sortBy="count"
      samples={samplesOf(bundle, sampleKey.errors)}
      empty="No errors in this bundle."
      columns={[
        { key: 'signature', label: 'Error', value: (r) => r.signature, show: (r) => <code>{r.signature}</code> },
        { key: 'count', label: 'Count', value: (r) => r.count, show: (r) => whole.format(r.count), numeric: true },
        {
          key: 'firstSeen',
          label: 'First seen',
          value: (r) => r.firstSeen,
          show: (r) => formatTime(r.firstSeen || null),
        },
        { key: 'lastSeen', label: 'Last seen', value: (r) => r.lastSeen, show: (r) => formatTime(r.lastSeen || null) },
      ]}
    />
  );
}

function TopTables({ bundle }: { bundle: Bundle }) {
  const top = bundle.top;
  if (!top) return <p className="muted">No users, projects or addresses in this bundle.</p>;
  const table = (caption: string, label: string, rows: TopRow[]) => (
    <div>
      <h3>{caption}</h3>
      <SortableTable<TopRow>
        caption={caption}
        rows={rows}
        rowKey={(r) => r.key}
        sortBy="durationS"
        empty="None in this bundle."
        columns={[
          { key: 'key', label, value: (r) => r.key },
          { key: 'count', label: 'Requests', value: (r) => r.count, show: (r) => whole.format(r.count), numeric: true },
          {
            key: 'durationS',
            label: 'Time spent',
            value: (r) => r.durationS,
            show: (r) => seconds(r.durationS),
            numeric: true,
          },
        ]}
      />
    </div>
  );
  return (
    <div className="top-tables">
      {table('Top users', 'User', top.users)}
      {table('Top projects', 'Project', top.projects)}
      {table('Top IP addresses', 'Address', top.ips)}
      {top.agents.length > 0 && table('Top user agents', 'User agent', top.agents)}
    </div>
  );
}

function FilesTable({ bundle }: { bundle: Bundle }) {
  return (
    <>
      <SortableTable<FileRow>
        caption="Files in the bundle"
        rows={bundle.files}
        rowKey={(r) => r.path}
        sortBy="bytes"
        empty="No files read yet."
        columns={[
          { key: 'path', label: 'File', value: (r) => r.path },
          { key: 'kind', label: 'Read as', value: (r) => r.kind },
          { key: 'bytes', label: 'Size', value: (r) => r.bytes, show: (r) => sizeOf(r.bytes), numeric: true },
          { key: 'lines', label: 'Lines', value: (r) => r.lines, show: (r) => whole.format(r.lines), numeric: true },
          {
            key: 'badLines',
            label: 'Bad lines',
            value: (r) => r.badLines,
            show: (r) => whole.format(r.badLines),
            numeric: true,
          },
          { key: 'note', label: 'Note', value: (r) => r.note ?? '' },
        ]}
      />
      {(bundle.notes ?? []).length > 0 && (
        <>
          <h3>Notes from the analysis</h3>
          <ul className="small">
            {(bundle.notes ?? []).map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

// ---- The timeline

const COLOURS = ['#0b5cad', '#b42318', '#1a7f37', '#e07b00', '#7c3aed'];

function Timeline({ bundle }: { bundle: Bundle }) {
  const timeline = bundle.timeline ?? [];
  const hasQueue = timeline.some((t) => t.queueDepth !== undefined);
  const option = useMemo<EChartsCoreOption>(() => {
    const at = timeline.map((t) => t.at);
    const line = (name: string, data: number[], yAxisIndex = 0) => ({
      type: 'line',
      name,
      data,
      yAxisIndex,
      showSymbol: false,
      lineStyle: { width: 2 },
    });
    return {
      color: COLOURS,
      grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: at,
        axisLabel: { hideOverlap: true, formatter: (v: string) => formatTime(v).replace(/^.*?, /, '') },
      },
      yAxis: [
        { type: 'value', name: 'per bucket', minInterval: 1 },
        { type: 'value', name: 'errors, slow SQL, queue', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        line(
          'Requests',
          timeline.map((t) => t.requests),
        ),
        line(
          'Errors',
          timeline.map((t) => t.errors),
          1,
        ),
        line(
          'Sidekiq jobs',
          timeline.map((t) => t.sidekiqJobs),
        ),
        line(
          'Slow SQL',
          timeline.map((t) => t.slowSql),
          1,
        ),
        ...(hasQueue
          ? [
              line(
                'Queue depth',
                timeline.map((t) => t.queueDepth ?? 0),
                1,
              ),
            ]
          : []),
      ],
    };
  }, [timeline, hasQueue]);
  if (timeline.length === 0) return <p className="muted">The logs carry no times to draw.</p>;
  const bucket = bundle.bucketS ?? 0;
  const caption = `Requests, errors, Sidekiq jobs, slow SQL${hasQueue ? ' and queue depth' : ''} per ${seconds(bucket)}`;
  return (
    <div className="report-chart">
      <Chart option={option} label={`Chart: ${caption}`} height={320} />
      <p className="muted small">
        Each point is {seconds(bucket)} of logs. Requests and jobs on the left axis; errors, slow SQL and the queue on
        the right.
      </p>
      <details>
        <summary>The numbers</summary>
        <SortableTable
          caption={caption}
          rows={timeline}
          rowKey={(t) => t.at}
          sortBy="at"
          empty=""
          columns={[
            { key: 'at', label: 'From', value: (t) => t.at, show: (t) => formatTime(t.at) },
            { key: 'requests', label: 'Requests', value: (t) => t.requests, numeric: true },
            { key: 'errors', label: 'Errors', value: (t) => t.errors, numeric: true },
            { key: 'sidekiqJobs', label: 'Sidekiq jobs', value: (t) => t.sidekiqJobs, numeric: true },
            { key: 'slowSql', label: 'Slow SQL', value: (t) => t.slowSql, numeric: true },
            ...(hasQueue
              ? [
                  {
                    key: 'queueDepth',
                    label: 'Queue depth',
                    value: (t: (typeof timeline)[number]) => t.queueDepth ?? 0,
                    numeric: true,
                  },
                ]
              : []),
          ]}
        />
      </details>
    </div>
  );
}

// ---- Before and after

interface Compared {
  key: string;
  shown: string;
  countBefore: number | null;
  countAfter: number | null;
  p99Before: number | null;
  p99After: number | null;
}

const COMPARE = {
  sql: {
    caption: 'Slow SQL',
    label: 'Query',
    rows: (b: Bundle) =>
      (b.sql ?? []).map((r) => ({ key: r.fingerprint, shown: r.query || r.fingerprint, count: r.count, p99: r.p99Ms })),
    unit: millis,
  },
  endpoints: {
    caption: 'Endpoints',
    label: 'Endpoint',
    rows: (b: Bundle) =>
      (b.endpoints ?? []).map((r) => ({ key: r.route, shown: r.route, count: r.count, p99: r.p99Ms })),
    unit: millis,
  },
  sidekiq: {
    caption: 'Sidekiq jobs',
    label: 'Job class',
    rows: (b: Bundle) =>
      (b.sidekiq ?? []).map((r) => ({ key: r.class, shown: r.class, count: r.count, p99: r.p99DurationS })),
    unit: seconds,
  },
};

const isComparable = (tab: Tab): tab is keyof typeof COMPARE => tab in COMPARE;

/** the change from a to b in percent; none when either is missing or a is zero */
function change(a: number | null, b: number | null): number | null {
  if (a === null || b === null || a === 0) return null;
  return ((b - a) / a) * 100;
}

function Change({ value }: { value: number | null }) {
  if (value === null) return <>—</>;
  const rounded = Math.round(value);
  return (
    <span className={rounded > 0 ? 'worse' : rounded < 0 ? 'better' : ''}>
      {rounded > 0 ? '+' : ''}
      {rounded} %
    </span>
  );
}

function CompareTable({ kind, before, after }: { kind: keyof typeof COMPARE; before: Bundle; after: Bundle }) {
  const spec = COMPARE[kind];
  const rows = useMemo(() => {
    // rows matched by their key; one only in "after" keeps "after"'s words
    const merged = new Map<string, Compared>();
    const row = (r: { key: string; shown: string }) => {
      const found = merged.get(r.key);
      if (found) return found;
      const fresh: Compared = {
        key: r.key,
        shown: r.shown,
        countBefore: null,
        countAfter: null,
        p99Before: null,
        p99After: null,
      };
      merged.set(r.key, fresh);
      return fresh;
    };
    for (const r of spec.rows(before)) Object.assign(row(r), { countBefore: r.count, p99Before: r.p99 });
    for (const r of spec.rows(after)) Object.assign(row(r), { countAfter: r.count, p99After: r.p99 });
    return [...merged.values()];
  }, [spec, before, after]);
  const n = (v: number | null) => (v === null ? '—' : whole.format(v));
  const u = (v: number | null) => (v === null ? '—' : spec.unit(v));
  return (
    <SortableTable
      caption={`${spec.caption}, before and after`}
      rows={rows}
      rowKey={(r) => r.key}
      sortBy="p99Change"
      empty="Neither bundle has any."
      columns={[
        {
          key: 'key',
          label: spec.label,
          value: (r) => r.shown,
          show: (r) => (kind === 'sql' ? <code>{r.shown}</code> : r.shown),
        },
        {
          key: 'count',
          label: 'Count before → after',
          value: (r) => r.countAfter,
          show: (r) => `${n(r.countBefore)} → ${n(r.countAfter)}`,
          numeric: true,
        },
        {
          key: 'countChange',
          label: 'Count change',
          value: (r) => change(r.countBefore, r.countAfter),
          show: (r) => <Change value={change(r.countBefore, r.countAfter)} />,
          numeric: true,
        },
        {
          key: 'p99',
          label: 'p99 before → after',
          value: (r) => r.p99After,
          show: (r) => `${u(r.p99Before)} → ${u(r.p99After)}`,
          numeric: true,
        },
        {
          key: 'p99Change',
          label: 'p99 change',
          value: (r) => change(r.p99Before, r.p99After),
          show: (r) => <Change value={change(r.p99Before, r.p99After)} />,
          numeric: true,
        },
      ]}
    />
  );
}

// ---- Numbers in words

function millis(ms: number): string {
  if (ms >= 10_000) return `${oneDecimal.format(ms / 1000)} s`;
  if (ms >= 1000) return `${twoDecimals.format(ms / 1000)} s`;
  return `${(ms < 10 ? oneDecimal : whole).format(ms)} ms`;
}

function seconds(s: number): string {
  if (s >= 3600) return `${oneDecimal.format(s / 3600)} h`;
  if (s >= 120) return `${oneDecimal.format(s / 60)} min`;
  if (s < 1) return millis(s * 1000);
  return `${twoDecimals.format(s)} s`;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.01 ? 2 : 1)} %`;
