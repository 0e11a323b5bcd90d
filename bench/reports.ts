import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/platform/log.js';
import { openRuntime } from '../src/runtime.js';
import type { Results } from './table.js';

// BENCH_ONLY=reports: every report over the bench desk (1,000,000 tickets over two years), through
// HTTP, over the whole range and over the default last 12 weeks; the target is under 1 s each.
// The bulk load bypasses the ticket listener, and holds neither solve times nor SLA steps: those
// are added as the desk would have written them (solved when last changed; first and next reply
// clocks stopped at the replies, met unless the ticket is urgent, whose 30 minutes the sweep saw
// pass), then the report facts are filled by the backfill of migration 0021.

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 20);

async function prepare(client: pg.Client, log: (message: string) => void, results: Results) {
  const missingSolves = (
    await client.query(
      `SELECT EXISTS (SELECT 1 FROM tickets WHERE status IN ('solved', 'closed') AND solved_at IS NULL) AS missing`,
    )
  ).rows[0].missing as boolean;
  const noSla = (await client.query('SELECT NOT EXISTS (SELECT 1 FROM sla_events) AS none')).rows[0].none as boolean;
  if (missingSolves) {
    log('reports: solve times for the bulk-loaded solved and closed tickets');
    await client.query(`UPDATE tickets SET solved_at = status_changed_at
      WHERE status IN ('solved', 'closed') AND solved_at IS NULL`);
  }
  if (noSla) {
    log('reports: SLA steps for the bulk-loaded tickets (first and next reply)');
    // the bench's messages: customer at +0 h, agent at +1 h, customer at +2 h, agent at +3 h
    await client.query(`INSERT INTO sla_events (ticket_id, metric, kind, at, due_at, detail)
      SELECT t.id, s.metric, s.kind, t.created_at + s.after, NULL,
             s.label || CASE WHEN s.kind <> 'stop' THEN ''
                             WHEN t.priority = 'urgent' THEN '): breached, 60 min of 30 min used.'
                             ELSE '): met, 60 min of 8 h used.' END
        FROM tickets t,
             (VALUES (1, 'first-reply', 'start', interval '0 hours', 'First reply clock started (bench'),
                     (2, 'first-reply', 'breach', interval '30 minutes', 'SLA breached (bench'),
                     (3, 'first-reply', 'stop', interval '1 hour', 'First reply clock stopped (bench'),
                     (4, 'next-reply', 'start', interval '2 hours', 'Next reply clock started (bench'),
                     (5, 'next-reply', 'breach', interval '150 minutes', 'SLA breached (bench'),
                     (6, 'next-reply', 'stop', interval '3 hours', 'Next reply clock stopped (bench'))
               AS s(step, metric, kind, after, label)
       WHERE s.kind <> 'breach' OR t.priority = 'urgent'
       ORDER BY t.id, s.step`);
    await client.query('ANALYZE sla_events');
  }
  const empty = (await client.query('SELECT NOT EXISTS (SELECT 1 FROM report_sla) AS empty')).rows[0].empty as boolean;
  if (missingSolves || noSla || empty) {
    log('reports: report_backfill()');
    const started = performance.now();
    await client.query('SELECT report_backfill()');
    results['reports: backfill (1M tickets, 5M messages)'] = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  }
  // what autovacuum does after a bulk insert: the visibility map lets the reports read the indexes alone
  await client.query('VACUUM ANALYZE report_durations, report_counts, report_backlog, report_sla');
  const facts = (
    await client.query(`SELECT (SELECT count(*) FROM report_durations)::int AS durations,
      (SELECT count(*) FROM report_counts)::int AS counts, (SELECT count(*) FROM report_sla)::int AS sla,
      (SELECT count(*) FROM report_backlog)::int AS backlog`)
  ).rows[0];
  results['reports: facts'] =
    `${facts.durations} durations, ${facts.counts} count rows, ${facts.sla} SLA outcomes, ${facts.backlog} unsolved`;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

export async function benchReports(
  client: pg.Client,
  options: { databaseUrl: string; token: string },
  results: Results,
  log: (message: string) => void,
) {
  await prepare(client, log, results);
  const span = (
    await client.query(`SELECT to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS first,
      to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last FROM tickets`)
  ).rows[0] as { first: string; last: string };

  // the desk in this process, on the bench database, over real HTTP
  const config = loadConfig({ ...process.env, DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'warn' });
  const runtime = await openRuntime(config, { log: createLogger('warn') });
  const app = await buildApp(runtime.deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const headers = { authorization: `Bearer ${options.token}` };
  try {
    const cases: [string, string][] = [
      ['first-reply', 'groupBy=week'],
      ['first-reply', 'groupBy=agent'],
      ['first-reply', 'groupBy=organization'],
      ['first-reply', 'groupBy=week&zone=America/New_York'],
      ['next-reply', 'groupBy=week'],
      ['resolution', 'groupBy=priority'],
      ['sla-attainment', 'groupBy=policy'],
      ['sla-attainment', 'groupBy=week'],
      ['backlog', 'groupBy=day'],
      ['backlog', 'groupBy=week&zone=Asia/Kolkata'],
      ['load', 'groupBy=agent'],
      ['arrivals', 'groupBy=week'],
      ['arrivals', 'groupBy=hour-of-week&zone=Europe/Berlin'],
      ['pipe-fitter', 'groupBy=issue'],
      ['csat', 'groupBy=agent'],
    ];
    const table: string[] = [];
    for (const [report, query] of cases) {
      for (const [range, extra] of [
        ['2 years', `&from=${span.first}&to=${span.last}`],
        ['12 weeks', ''],
      ] as const) {
        const url = `${base}/api/v1/reports/${report}?${query}${extra}`;
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < RUNS + 2; i++) {
          const started = performance.now();
          const res = await fetch(url, { headers });
          const body = (await res.json()) as { rows?: unknown[]; error?: { message: string } };
          if (!res.ok) throw new Error(`${url}: ${res.status} ${body.error?.message}`);
          // the first two warm the plan cache and the pool
          if (i >= 2) times.push(performance.now() - started);
          rows = body.rows?.length ?? 0;
        }
        times.sort((a, b) => a - b);
        const line = `${`${report} ${query}`.padEnd(52)} ${range.padEnd(9)} ${String(rows).padStart(5)} rows  median ${percentile(times, 0.5).toFixed(0).padStart(4)} ms  p95 ${percentile(times, 0.95).toFixed(0).padStart(4)} ms`;
        log(line);
        table.push(line);
      }
    }
    results['reports (HTTP, 20 runs each)'] = `\n    ${table.join('\n    ')}`;
  } finally {
    await app.close();
    await runtime.close();
  }
}
