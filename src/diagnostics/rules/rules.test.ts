import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BundleResults } from '../analyse/results.js';
import { rules, runRules } from './index.js';
import type { AnyRule } from './rule.js';

/** what a quiet, healthy instance's bundle gives */
function healthy(): BundleResults {
  return {
    files: [],
    findings: [],
    sql: [
      {
        fingerprint: 'a1',
        query: 'SELECT $1',
        count: 100,
        totalMs: 4_000,
        meanMs: 40,
        p99Ms: 90,
        sources: ['postgresql'],
      },
      {
        fingerprint: 'b2',
        query: 'SELECT $2',
        count: 100,
        totalMs: 3_000,
        meanMs: 30,
        p99Ms: 80,
        sources: ['postgresql'],
      },
      {
        fingerprint: 'c3',
        query: 'SELECT $3',
        count: 100,
        totalMs: 3_000,
        meanMs: 30,
        p99Ms: 80,
        sources: ['postgresql'],
      },
    ],
    sidekiq: [{ class: 'PostReceive', count: 500, p99DurationS: 2, p99QueueLatencyS: 1.5, failures: 1 }],
    endpoints: [
      { route: 'Projects::MergeRequestsController#show', count: 900, p50Ms: 300, p99Ms: 2_500, errorRate: 0.001 },
    ],
    gitaly: [
      { rpc: 'gitaly.CommitService/FindCommit', count: 1000, p99Ms: 120, errors: 0 },
      { rpc: 'gitaly.SmartHTTPService/PostUploadPackWithSidechannel', count: 50, p99Ms: 40_000, errors: 0 },
    ],
    errors: [
      {
        signature: "ActiveRecord::RecordNotFound: Couldn't find Project",
        count: 30,
        firstSeen: '2024-05-01T10:00:00.000Z',
        lastSeen: '2024-05-01T10:09:00.000Z',
        spikes: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
      },
    ],
    top: { users: [], projects: [], ips: [], agents: [] },
    timeline: Array.from({ length: 10 }, (_, i) => ({
      at: new Date(Date.UTC(2024, 4, 1, 10, i)).toISOString(),
      requests: 100,
      errors: 0,
      sidekiqJobs: 50,
      slowSql: 1,
    })),
    system: {
      version: '17.11.3',
      diskUsedPercent: [{ mount: '/', percent: 45 }],
      inodesUsedPercent: [{ mount: '/', percent: 12 }],
      swapUsedMb: 0,
      swapTotalMb: 2048,
      memoryTotalMb: 16_000,
      memoryAvailableMb: 8_000,
      oomKills: 0,
      clockSkewS: 0.002,
      ntpOffsetS: 0.002,
      clockSynchronized: true,
      collectedAt: '2024-05-01T10:10:00.000Z',
      loadAverage: [1.2, 1.1, 1.0],
      cpuCount: 8,
      gitlabServices: [
        { name: 'puma', state: 'run', uptimeS: 86_400 },
        { name: 'sidekiq', state: 'run', uptimeS: 86_400 },
      ],
      postgres: { slowStatements: 300, slowTotalMs: 10_000, deadlocks: 0, statementTimeouts: 0, tooManyConnections: 0 },
      redis: [
        {
          source: 'redis-info.txt',
          usedMemoryBytes: 1e9,
          maxmemoryBytes: 8e9,
          memoryUsedPercent: 12.5,
          maxmemoryPolicy: 'noeviction',
          evictedKeys: 0,
          rejectedConnections: 0,
          keyspace: [],
        },
      ],
      pendingMigrations: 0,
    },
    samples: {},
    stats: { bytesRead: 0, inflatedBytes: 0, lines: 0, ms: 0 },
    window: { from: '2024-05-01T10:00:00.000Z', to: '2024-05-01T10:09:59.000Z' },
    bucketS: 60,
    notes: [],
  };
}

type Case = [id: string, sick: (r: BundleResults) => void, message: RegExp, severity?: string];

const CASES: Case[] = [
  [
    'disk-nearly-full',
    (r) => {
      r.system.diskUsedPercent = [{ mount: '/var/opt/gitlab', percent: 93 }];
    },
    /\/var\/opt\/gitlab is 93 % full/,
    'warning',
  ],
  [
    'disk-nearly-full',
    (r) => {
      r.system.inodesUsedPercent = [{ mount: '/', percent: 99 }];
    },
    /\/ has used 99 % of its inodes/,
    'critical',
  ],
  [
    'swap-in-use',
    (r) => {
      r.system.swapUsedMb = 1536;
      r.system.vmstat = { swapOutAvg: 100 };
    },
    /1,536 MB of swap in use \(of 2,048 MB\).*swapping out/,
    'critical',
  ],
  [
    'oom-kills',
    (r) => {
      r.system.oomKills = 3;
      r.system.oomVictims = [
        { pid: 1, process: 'ruby' },
        { pid: 2, process: 'ruby' },
        { pid: 3, process: 'postgres' },
      ];
    },
    /killed 3 processes \(ruby ×2, postgres\)/,
    'critical',
  ],
  [
    'clock-skew',
    (r) => {
      r.system.clockSkewS = 95;
      r.system.ntpOffsetS = -95;
    },
    /NTP says the clock is off by 95 s/,
    'warning',
  ],
  [
    'clock-skew',
    (r) => {
      // the logs run 30 minutes ahead of the bundle's clock
      r.system.collectedAt = '2024-05-01T10:00:00.000Z';
      r.window = { from: '2024-05-01T09:00:00.000Z', to: '2024-05-01T10:30:00.000Z' };
    },
    /stamped 30 min after the bundle's own clock/,
    'critical',
  ],
  [
    'slow-sql-dominating',
    (r) => {
      r.sql[0] = { ...r.sql[0]!, count: 400, totalMs: 1_800_000, meanMs: 4_500 };
      r.system.postgres = { slowTotalMs: 1_806_000 };
    },
    /takes 100 % of SQL time \(30 min over 400 calls, mean 4,500 ms\): SELECT \$1/,
    'critical',
  ],
  [
    'slow-sql-dominating',
    (r) => {
      // pg_stat_statements: 60 % of all execution time, while the slow log shows nothing dominating
      r.sql.push({
        fingerprint: 'd4',
        query: 'UPDATE "ci_builds" SET "status" = $1 WHERE "ci_builds"."id" = $2',
        count: 5000,
        totalMs: 250_000,
        meanMs: 50,
        p99Ms: 9000,
        sources: ['pg_stat_statements'],
        p99Basis: 'summary',
      });
      r.system.pgStatStatements = { totalExecMs: 416_000 };
    },
    /takes 60 % of SQL time \(pg_stat_statements\) \(4 min over 5,000 calls, mean 50 ms\): UPDATE/,
    'warning',
  ],
  [
    'statement-timeouts',
    (r) => {
      r.errors.push({
        signature:
          'ActiveRecord::QueryCanceled: PG::QueryCanceled: ERROR:  canceling statement due to statement timeout',
        count: 12,
        firstSeen: '2024-05-01T10:00:00.000Z',
        lastSeen: '2024-05-01T10:05:00.000Z',
      });
      r.system.postgres = { statementTimeouts: 7 };
    },
    /12 statements were cancelled by statement_timeout \(in the Rails\/Sidekiq logs\)/,
    'warning',
  ],
  [
    'sidekiq-queue-latency',
    (r) => {
      r.sidekiq.push({
        class: 'PipelineProcessWorker',
        count: 300,
        p99DurationS: 30,
        p99QueueLatencyS: 412.5,
        failures: 0,
      });
    },
    /PipelineProcessWorker 7 min/,
    'warning',
  ],
  [
    'sidekiq-failures',
    (r) => {
      r.sidekiq.push({
        class: 'RepositoryImportWorker',
        count: 40,
        p99DurationS: 30,
        p99QueueLatencyS: 1,
        failures: 30,
      });
    },
    /RepositoryImportWorker failed 30 of 40 times \(75 %\)/,
    'critical',
  ],
  [
    'endpoint-p99',
    (r) => {
      r.endpoints.push({
        route: 'GET /api/:version/projects/:id/pipelines',
        count: 120,
        p50Ms: 900,
        p99Ms: 14_000,
        errorRate: 0,
      });
    },
    /1 endpoint with p99 over 10 s: GET \/api\/:version\/projects\/:id\/pipelines 14 s \(120 requests\)/,
    'warning',
  ],
  [
    'error-spike',
    (r) => {
      r.errors.push({
        signature: 'nginx 502',
        count: 262,
        firstSeen: '2024-05-01T10:00:00.000Z',
        lastSeen: '2024-05-01T10:09:00.000Z',
        spikes: [1, 0, 2, 1, 250, 3, 1, 2, 1, 1],
      });
    },
    /250 × "nginx 502" in one 60 s bucket at 2024-05-01T10:04:00.000Z \(usually 1\.3\)/,
    'critical',
  ],
  [
    'gitaly-p99',
    (r) => {
      r.gitaly.push({ rpc: 'gitaly.RefService/FindAllTags', count: 80, p99Ms: 9_000, errors: 2 });
    },
    /gitaly\.RefService\/FindAllTags 9 s \(80 calls\)/,
    'warning',
  ],
  [
    'redis-memory',
    (r) => {
      r.system.redis = [
        {
          source: 'redis-queues.txt',
          memoryUsedPercent: 95,
          maxmemoryPolicy: 'noeviction',
          evictedKeys: 0,
          keyspace: [],
        },
      ];
    },
    /redis-queues\.txt uses 95 % of maxmemory \(noeviction\)/,
    'critical',
  ],
  [
    'redis-memory',
    (r) => {
      r.system.redis = [
        {
          source: 'redis-cache.txt',
          memoryUsedPercent: 99,
          maxmemoryPolicy: 'allkeys-lru',
          evictedKeys: 5000,
          keyspace: [],
        },
      ];
    },
    /redis-cache\.txt evicted 5,000 keys/,
    'warning',
  ],
  [
    'postgres-deadlocks',
    (r) => {
      r.system.postgres = { deadlocks: 3 };
    },
    /3 deadlocks detected/,
    'warning',
  ],
  [
    'too-many-connections',
    (r) => {
      r.system.postgres = { tooManyConnections: 2 };
    },
    /refused 2 connections/,
    'critical',
  ],
  [
    'old-gitlab-version',
    (r) => {
      r.system.version = '15.11.13';
    },
    /GitLab 15\.11\.13 is older than 17\.0/,
    'critical',
  ],
  [
    'service-down',
    (r) => {
      r.system.gitlabServices = [
        { name: 'puma', state: 'run', uptimeS: 95 },
        { name: 'sidekiq', state: 'down', uptimeS: 0, wantUp: true },
        { name: 'gitaly', state: 'run', uptimeS: 1_036_800 },
      ];
    },
    /sidekiq is down \(wanted up\), puma restarted 95 s before the bundle/,
    'critical',
  ],
  [
    'pending-migrations',
    (r) => {
      r.system.pendingMigrations = 2;
    },
    /2 database migrations are still down/,
    'warning',
  ],
  [
    'load-high',
    (r) => {
      r.system.loadAverage = [30, 28, 20];
      r.system.cpuCount = 4;
    },
    /Load average 30, 28, 20 on 4 CPUs \(7 per CPU over 5 min\)/,
    'critical',
  ],
];

function rule(id: string): AnyRule {
  const found = rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

describe('rules', () => {
  it('stay quiet on a healthy bundle', () => {
    expect(runRules(healthy())).toEqual([]);
  });

  it('stay quiet on an empty bundle (nothing known)', () => {
    const empty: BundleResults = {
      ...healthy(),
      sql: [],
      sidekiq: [],
      endpoints: [],
      gitaly: [],
      errors: [],
      timeline: [],
      system: {},
    };
    delete empty.window;
    expect(runRules(empty)).toEqual([]);
  });

  it.each(CASES)('%s fires on a crafted bundle (case %#)', (id, sicken, message, severity) => {
    const results = healthy();
    sicken(results);
    const findings = runRules(results);
    expect(findings.map((f) => f.rule)).toEqual([id]);
    const [f] = findings;
    expect(f?.message).toMatch(message);
    if (severity) expect(f?.severity).toBe(severity);
    expect(f?.docs).toBe(rule(id).docs);
  });

  it('every rule has a case here, a file of its own name, a docs link and is listed in index.ts', () => {
    const tested = new Set(CASES.map(([id]) => id));
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'rule.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(rules.map((r) => r.id).sort()).toEqual(files.sort());
    for (const r of rules) {
      expect(tested.has(r.id), r.id).toBe(true);
      expect(r.docs).toMatch(/^https:\/\/(docs\.gitlab\.com|www\.postgresql\.org)\//);
      expect(r.title).not.toBe('');
      expect(r.input).not.toBe('');
    }
  });

  it('sorts by severity, then by how far past the threshold', () => {
    const results = healthy();
    results.system.diskUsedPercent = [{ mount: '/', percent: 91 }];
    results.system.pendingMigrations = 40;
    results.system.oomKills = 1;
    results.system.tooManyConnections = 0;
    results.system.postgres = { deadlocks: 50 };
    const findings = runRules(results);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['postgres-deadlocks', 'critical'],
      ['oom-kills', 'critical'],
      ['pending-migrations', 'warning'],
      ['disk-nearly-full', 'warning'],
    ]);
    expect(findings[0]).not.toHaveProperty('weight');
  });

  it('takes thresholds per rule, a minimum version among them', () => {
    const results = healthy();
    expect(runRules(results, { thresholds: { 'old-gitlab-version': '18.2' } }).map((f) => f.message)).toEqual([
      'GitLab 17.11.3 is older than 18.2: upgrade before chasing known bugs.',
    ]);
    expect(runRules(results, { thresholds: { 'disk-nearly-full': 40 } }).map((f) => f.rule)).toEqual([
      'disk-nearly-full',
    ]);
  });

  it('reports a rule that throws as info and goes on', () => {
    const results = healthy();
    results.system.diskUsedPercent = 'not a list' as unknown as [];
    results.system.oomKills = 2;
    const findings = runRules(results);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['oom-kills', 'critical'],
      ['disk-nearly-full', 'info'],
    ]);
  });

  it('expects log lines a few minutes after the bundle read its clock (gitlabsos runs for a while)', () => {
    const results = healthy();
    results.system.collectedAt = '2024-05-01T10:05:00.000Z';
    expect(runRules(results)).toEqual([]);
  });

  it('says when the clock is not synchronised though no skew is measured', () => {
    const results = healthy();
    results.system.clockSynchronized = false;
    expect(runRules(results)).toMatchObject([{ rule: 'clock-skew', severity: 'info' }]);
  });
});
