import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exactQuantile } from '../../../test/helpers/log-generator.js';
import { type Aggregates, SUMMARY_PREFIX } from './aggregates.js';
import { pgStatStatements } from './pg-stat-statements.js';
import { postgresql } from './postgres.js';
import { postgresCsv, splitCsvRecord } from './postgres-csv.js';
import { normaliseMessage } from './postgres-events.js';
import { fingerprintSql } from './sql-fingerprint.js';
import { feed, random } from './test-support.js';

function systemPostgres(into: Aggregates): Record<string, number> {
  return into.system.postgres as Record<string, number>;
}

// Three statement shapes as Rails sends them, each with its own constants, IN-list lengths and Marginalia
const SHAPES = [
  (r: () => number) =>
    `/*application:web,correlation_id:01HW${Math.floor(r() * 1e6)},endpoint_id:GET /api/:version/projects/:id/jobs*/ SELECT "ci_builds".* FROM "ci_builds" WHERE "ci_builds"."project_id" = ${Math.floor(r() * 1000)} AND "ci_builds"."id" IN (${Array.from({ length: 1 + Math.floor(r() * 5) }, () => Math.floor(r() * 1e5)).join(', ')}) ORDER BY "ci_builds"."id" DESC LIMIT 20`,
  (r: () => number) =>
    `/*application:sidekiq,correlation_id:01HX,jid:abc${Math.floor(r() * 100)},job_class:PipelineProcessWorker*/ UPDATE "ci_pipelines" SET "status" = 'running', "updated_at" = '2024-05-01 10:00:0${Math.floor(r() * 9)}' WHERE "ci_pipelines"."id" = ${Math.floor(r() * 1e6)}`,
  () => `SELECT COUNT(*) FROM "issues" WHERE "issues"."project_id" = $1 AND "issues"."state_id" = $2`,
];

// log_line_prefix variants: GitLab's postgresql/current (svlogd + '%m [%p] '), RDS-like '%t:%r:%u@%d:[%p]:',
// and '%m [%p] %q%u@%d '
const PREFIXES = [
  (t: string) => `${t.replace(' ', '_').replace(/\.(\d{3})$/, '.$100')} ${t} UTC [48211] `,
  (t: string) => `${t.slice(0, 19)} UTC:10.0.0.7(51234):gitlab@gitlabhq_production:[48212]:`,
  (t: string) => `${t} UTC [48213] gitlab@gitlabhq_production `,
];

describe('PostgreSQL stderr log', () => {
  it('groups slow statements by fingerprint with the true count, total and p99', () => {
    const r = random(14);
    const lines: string[] = [];
    const truth = new Map<string, number[]>();
    const base = Date.UTC(2024, 4, 1, 10, 0, 0);
    for (let i = 0; i < 900; i++) {
      const shape = Math.floor(r() * SHAPES.length);
      const sql = (SHAPES[shape] as (r: () => number) => string)(r);
      // durations from 100 ms to ~30 s, skewed
      const ms = Math.round(100 * Math.exp(r() * 5.7) * 1000) / 1000;
      const at = new Date(base + i * 1000).toISOString().replace('T', ' ').slice(0, 23);
      const prefix = (PREFIXES[i % PREFIXES.length] as (t: string) => string)(at);
      const step = i % 2 === 0 ? 'execute <unnamed>' : 'statement';
      // every fifth statement is logged over several lines, continued with a TAB as elog.c does
      const text = i % 5 === 0 ? sql.replace(' WHERE ', '\n\tWHERE ').replace(' ORDER BY', '\n\t  ORDER BY') : sql;
      lines.push(`${prefix}LOG:  duration: ${ms.toFixed(3)} ms  ${step}: ${text}`);
      if (step.startsWith('execute')) lines.push(`${prefix}DETAIL:  parameters: $1 = '42', $2 = '1'`);
      const fp = fingerprintSql(sql).fingerprint;
      truth.set(fp, [...(truth.get(fp) ?? []), ms]);
    }
    const { into, bad } = feed(
      postgresql,
      'gitlabsos.host_20240501100000/var/log/gitlab/postgresql/current',
      lines.join('\n'),
    );
    expect(bad).toBe(0);
    expect(truth.size).toBe(3);
    expect(into.tables.sql.size).toBe(3);
    for (const [fp, values] of truth) {
      const stat = into.tables.sql.get(fp);
      expect(stat?.count).toBe(values.length);
      expect(stat?.totalMs).toBeCloseTo(
        values.reduce((s, v) => s + v, 0),
        3,
      );
      const p99 = exactQuantile(values, 0.99);
      expect(Math.abs((stat?.quantile(0.99) ?? 0) - p99) / p99).toBeLessThan(0.02);
      expect(into.sqlText.get(fp)?.sources.has('postgresql')).toBe(true);
    }
    // the label has no Marginalia and no constants
    const label = [...into.sqlText.values()].map((t) => t.query).find((q) => q.includes('ci_builds'));
    expect(label).toMatch(/^SELECT "ci_builds"\.\* FROM "ci_builds"\s+WHERE "ci_builds"\."project_id" = \$1/);
    expect(systemPostgres(into).slowStatements).toBe(900);
    // the Marginalia caller is counted per fingerprint
    const builds = fingerprintSql((SHAPES[0] as (r: () => number) => string)(random(1))).fingerprint;
    expect(into.tables.sql.get(builds)?.counters['caller:GET /api/:version/projects/:id/jobs']).toBe(
      truth.get(builds)?.length,
    );
    // on the timeline, one slow statement per second
    const ticks = [...into.timeline.values()].reduce((s, b) => s + (b.slowSql ?? 0), 0);
    expect(ticks).toBe(900);
    expect(into.firstAt).toBe(base);
  });

  it('reads errors, their statements and the counters Support looks for', () => {
    const log = `2024-05-01 10:02:00.000 UTC [48213] ERROR:  deadlock detected
2024-05-01 10:02:00.000 UTC [48213] DETAIL:  Process 48213 waits for ShareLock on transaction 5512; blocked by process 48214.
	Process 48214 waits for ShareLock on transaction 5511; blocked by process 48213.
	Process 48213: UPDATE "ci_builds" SET "status" = 'running' WHERE "ci_builds"."id" = 1
2024-05-01 10:02:00.000 UTC [48213] HINT:  See server log for query details.
2024-05-01 10:02:00.000 UTC [48213] CONTEXT:  while updating tuple (0,5) in relation "ci_builds"
2024-05-01 10:02:00.000 UTC [48213] STATEMENT:  UPDATE "ci_builds" SET "status" = 'running' WHERE "ci_builds"."id" = 1
2024-05-01 10:03:00.000 UTC [48215] ERROR:  canceling statement due to statement timeout
2024-05-01 10:03:00.000 UTC [48215] STATEMENT:  SELECT COUNT(*) FROM "ci_builds"
2024-05-01 10:03:30.000 UTC [48216] ERROR:  canceling statement due to statement timeout
2024-05-01 10:04:00.000 UTC [48217] FATAL:  remaining connection slots are reserved for non-replication superuser connections
2024-05-01 10:04:01.000 UTC [48218] FATAL:  sorry, too many clients already
2024-05-01 10:04:30.000 UTC [48219] ERROR:  duplicate key value violates unique constraint "index_ci_builds_on_token_encrypted"
2024-05-01 10:04:30.000 UTC [48219] DETAIL:  Key (token_encrypted)=(abc) already exists.
2024-05-01 10:04:31.000 UTC [48219] ERROR:  out of shared memory
2024-05-01 10:04:31.000 UTC [48219] HINT:  You might need to increase max_locks_per_transaction.
2024-05-01 10:05:00.000 UTC [48220] LOG:  checkpoints are occurring too frequently (24 seconds apart)
2024-05-01 10:05:00.000 UTC [48220] HINT:  Consider increasing the configuration parameter "max_wal_size".
2024-05-01 10:06:00.000 UTC [48221] LOG:  process 48221 still waiting for ShareLock on transaction 5513 after 1000.123 ms
2024-05-01 10:06:00.000 UTC [48221] LOG:  temporary file: path "base/pgsql_tmp/pgsql_tmp48221.0", size 104857600
2024-05-01 10:07:00.000 UTC [48222] LOG:  duration: 0.512 ms  parse <unnamed>: SELECT 1
2024-05-01 10:07:00.000 UTC [48222] LOG:  duration: 0.112 ms  bind <unnamed>: SELECT 1
2024-05-01 10:07:00.000 UTC [48222] LOG:  duration: 1.112 ms
2024-05-01 10:07:01.000 UTC [48222] WARNING:  there is no transaction in progress
waiting for server to start.... done
`;
    const { into, bad } = feed(postgresql, 'postgresql.log', log);
    expect(bad).toBe(1);
    expect(systemPostgres(into)).toMatchObject({
      deadlocks: 1,
      statementTimeouts: 2,
      tooManyConnections: 2,
      outOfSharedMemory: 1,
      checkpointsTooFrequent: 1,
      lockWaits: 1,
      tempFiles: 1,
      tempFileBytes: 104857600,
      errors: 5,
      fatals: 2,
      warnings: 1,
    });
    // parse/bind steps and bare durations are not statements of their own
    expect(into.tables.sql.size).toBe(0);
    expect(into.errors.get('PostgreSQL ERROR: canceling statement due to statement timeout')?.count).toBe(2);
    expect(into.errors.get('PostgreSQL ERROR: deadlock detected')?.first).toBe(Date.UTC(2024, 4, 1, 10, 2));
    expect(
      into.errors.get(
        'PostgreSQL ERROR: duplicate key value violates unique constraint "index_ci_builds_on_token_encrypted"',
      )?.count,
    ).toBe(1);
    const sample = into.samples.get('error:PostgreSQL ERROR: canceling statement due to statement timeout')?.[0];
    expect(sample).toContain('STATEMENT: SELECT COUNT(*) FROM "ci_builds"');
  });

  it('reads auto_explain plans and keeps a statement cut at the end as approx', () => {
    const log = `2024-05-01 10:08:00.000 UTC [1] LOG:  duration: 5012.100 ms  plan:
	Query Text: SELECT * FROM "merge_requests" WHERE "merge_requests"."target_project_id" = 7
	Seq Scan on merge_requests  (cost=0.00..155.00 rows=10 width=100)
	  Filter: (target_project_id = 7)
2024-05-01 10:08:01.000 UTC [1] LOG:  duration: 4000.000 ms  plan:
	Query Text: SELECT * FROM "merge_requests" WHERE "merge_requests"."target_project_id" = 8
	Index Scan using index_mrs on merge_requests  (cost=0.42..8.44 rows=1 width=100)
`;
    const { into } = feed(postgresql, 'pg_log/postgresql-2024-05-01_000000.log', log);
    const fp = fingerprintSql(
      'SELECT * FROM "merge_requests" WHERE "merge_requests"."target_project_id" = 1',
    ).fingerprint;
    expect(into.tables.sql.get(fp)?.count).toBe(2);
    expect(into.tables.sql.get(fp)?.totalMs).toBeCloseTo(9012.1, 5);
  });

  it('reads jsonlog (PG 15+)', () => {
    const line = JSON.stringify({
      timestamp: '2024-05-01 10:00:07.512 UTC',
      user: 'gitlab',
      dbname: 'gitlabhq_production',
      pid: 48211,
      error_severity: 'LOG',
      message:
        'duration: 1520.334 ms  execute <unnamed>: SELECT "users".* FROM "users" WHERE "users"."id" = $1 LIMIT $2',
      backend_type: 'client backend',
    });
    const error = JSON.stringify({
      timestamp: '2024-05-01 10:00:08.000 UTC',
      error_severity: 'ERROR',
      state_code: '40P01',
      message: 'deadlock detected',
      statement: 'UPDATE "users" SET "last_activity_on" = $1 WHERE "users"."id" = $2',
    });
    const { into, bad } = feed(postgresql, 'postgresql.json', `${line}\n${error}\n`);
    expect(bad).toBe(0);
    expect([...into.tables.sql.values()][0]?.totalMs).toBeCloseTo(1520.334, 3);
    expect(systemPostgres(into).deadlocks).toBe(1);
  });
});

describe('PostgreSQL csvlog', () => {
  it('reads records whose quoted statement spans lines', () => {
    const rows = [
      `2024-05-01 10:00:07.512 UTC,"gitlab","gitlabhq_production",48211,"[local]",6631f1a7.bc53,3,"SELECT",2024-05-01 09:58:31 UTC,3/1234,0,LOG,00000,"duration: 1520.334 ms  execute <unnamed>: SELECT ""ci_builds"".*
FROM ""ci_builds""
WHERE ""ci_builds"".""id"" IN (1, 2, 3)",,,,,,,,,"puma: cluster worker 0","client backend",,0`,
      `2024-05-01 10:00:08.000 UTC,"gitlab","gitlabhq_production",48212,"[local]",6631f1a7.bc54,1,"SELECT",2024-05-01 09:58:31 UTC,3/1235,0,LOG,00000,"duration: 479.666 ms  statement: SELECT ""ci_builds"".* FROM ""ci_builds"" WHERE ""ci_builds"".""id"" = 9",,,,,,,,,"sidekiq","client backend",,0`,
      `2024-05-01 10:00:09.000 UTC,"gitlab","gitlabhq_production",48213,"[local]",6631f1a7.bc55,2,"UPDATE",2024-05-01 09:58:31 UTC,3/1236,5512,ERROR,40P01,"deadlock detected","Process 48213 waits for ShareLock on transaction 5512; blocked by process 48214.
Process 48214 waits for ShareLock on transaction 5511; blocked by process 48213.","See server log for query details.",,,"while updating tuple (0,5) in relation ""ci_builds""","UPDATE ""ci_builds"" SET ""status"" = 'running' WHERE ""ci_builds"".""id"" = 1",,,"puma: cluster worker 1","client backend",,0`,
      `2024-05-01 10:00:10.000 UTC,"gitlab","gitlabhq_production",48214,"[local]",6631f1a7.bc56,2,"SELECT",2024-05-01 09:58:31 UTC,3/1237,0,ERROR,57014,"canceling statement due to statement timeout",,,,,,"SELECT pg_sleep(100)",,,"psql","client backend",,0`,
    ];
    const { into, bad, note } = feed(
      postgresCsv,
      'var/log/postgresql/postgresql-2024-05-01.csv',
      `${rows.join('\n')}\n`,
    );
    expect(bad).toBe(0);
    expect(note).toBeUndefined();
    const fp = fingerprintSql('SELECT "ci_builds".* FROM "ci_builds" WHERE "ci_builds"."id" = 1').fingerprint;
    const stat = into.tables.sql.get(fp);
    expect(stat?.count).toBe(2);
    expect(stat?.totalMs).toBeCloseTo(2000, 6);
    expect(stat?.maxMs).toBeCloseTo(1520.334, 6);
    expect(systemPostgres(into)).toMatchObject({ deadlocks: 1, statementTimeouts: 1, slowStatements: 2 });
    expect(into.samples.get('error:PostgreSQL ERROR: deadlock detected')?.[0]).toContain('STATEMENT: UPDATE');
  });

  it('notes a record cut off at the end of the file', () => {
    const cut = `2024-05-01 10:00:07.512 UTC,"gitlab","gitlabhq_production",48211,"[local]",6631f1a7.bc53,3,"SELECT",2024-05-01 09:58:31 UTC,3/1234,0,LOG,00000,"duration: 1.0 ms  statement: SELECT 1
FROM`;
    const { note, into } = feed(postgresCsv, 'postgresql.csv', cut);
    expect(note).toBe('the last record was cut short');
    expect(into.tables.sql.size).toBe(0);
  });

  it('splits records as csv-parse does', () => {
    const records = [
      'a,b,c',
      '"a ""quoted"" word","with, comma",',
      ',,"",x',
      '"multi\nline\n""field""",2',
      'plain,"",""""',
      '',
    ];
    for (const record of records) {
      const expected = record === '' ? [''] : (parseCsv(record, { relax_column_count: true }) as string[][])[0];
      expect(splitCsvRecord(record)).toEqual(expected);
    }
  });
});

describe('pg_stat_statements CSV', () => {
  it('groups rows by fingerprint with calls and total time, p99 from max', () => {
    const csv = `userid,dbid,toplevel,queryid,query,plans,total_plan_time,calls,total_exec_time,min_exec_time,max_exec_time,mean_exec_time,stddev_exec_time,rows,shared_blks_hit,shared_blks_read
10,16401,t,-123456,"SELECT ""projects"".* FROM ""projects"" WHERE ""projects"".""id"" = $1 LIMIT $2",0,0,120000,54000.5,0.01,812.2,0.45,1.1,120000,950000,50000
10,16401,t,-123457,"SELECT ""projects"".* FROM ""projects"" WHERE ""projects"".""id"" IN ($1, $2, $3) LIMIT $4",0,0,30000,6000,0.02,300.0,0.2,0.5,30000,100,0
10,16401,t,-123458,"UPDATE ""ci_builds""
SET ""status"" = $1
WHERE ""ci_builds"".""id"" = $2",0,0,5000,250000,1.0,9000.0,50.0,10.0,5000,20000,20000
10,16401,t,-123459,"SELECT pg_sleep($1)",0,0,0,0,0,0,0,0,0,0,0
`;
    const { into, bad } = feed(pgStatStatements, 'gitlab-sos/main/pg_stat_statements.csv', csv);
    expect(bad).toBe(0);
    const projects = fingerprintSql(
      'SELECT "projects".* FROM "projects" WHERE "projects"."id" = 1 LIMIT 1',
    ).fingerprint;
    // kept apart from slow-log samples of the same statement
    const stat = into.tables.sql.get(`${SUMMARY_PREFIX}${projects}`);
    expect(stat?.summary).toBe(true);
    expect(stat?.count).toBe(150000);
    expect(stat?.totalMs).toBeCloseTo(60000.5, 6);
    expect(stat?.maxMs).toBeCloseTo(812.2, 6);
    expect(into.sqlText.get(projects)?.sources.has('pg_stat_statements')).toBe(true);
    const summary = into.system.pgStatStatements as {
      statements: number;
      calls: number;
      totalExecMs: number;
      p99Basis: string;
      top: { fingerprint: string; sharePercent: number; hitPercent?: number }[];
    };
    expect(summary).toMatchObject({ statements: 4, calls: 155000, totalExecMs: 310000.5, p99Basis: 'max' });
    // the UPDATE is 250 s of 310 s
    expect(summary.top[0]?.sharePercent).toBe(80.6);
    expect(summary.top[0]?.hitPercent).toBe(50);
  });

  it('reads PG 12 column names (total_time)', () => {
    const csv = `query,calls,total_time,mean_time
"SELECT $1",10,25.5,2.55
`;
    const { into } = feed(pgStatStatements, 'pgss.csv', csv);
    expect([...into.tables.sql.values()][0]).toMatchObject({ count: 10, totalMs: 25.5 });
    expect((into.system.pgStatStatements as { p99Basis: string }).p99Basis).toBe('mean');
  });
});

describe('normaliseMessage', () => {
  it('keeps identifiers, replaces values and numbers', () => {
    expect(normaliseMessage('relation "ci_builds_metadata" does not exist')).toBe(
      'relation "ci_builds_metadata" does not exist',
    );
    expect(normaliseMessage('invalid input syntax for type integer: "12ab cd"')).toBe(
      'invalid input syntax for type integer: "…"',
    );
    expect(normaliseMessage('could not extend file "base/16401/12345": No space left on device')).toBe(
      'could not extend file "base/N/N": No space left on device',
    );
    expect(normaliseMessage('value too long for type character varying(255)\nmore')).toBe(
      'value too long for type character varying(N)',
    );
  });
});
