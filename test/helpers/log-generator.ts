import fs from 'node:fs';
import zlib from 'node:zlib';
import tar from 'tar-stream';

// GitLab logs made up from a seed, with the statistics they really have: the tests compare the engine's
// results with these (counts exact, percentiles within DDSketch's 1 %), and the bench writes GB of them.
// Line shapes follow the research note §2 (production_json via Lograge, api_json via Grape, Sidekiq's structured
// logger, Gitaly's gRPC log). Error signatures are written here by hand, in the engine's normal form, so the test
// checks the engine's normalisation rather than re-running it. Malformed lines (cut JSON, plain text, garbage)
// are mixed in on request and counted.

// ---------------------------------------------------------------------------------------------------------------
// randomness

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** mulberry32: uniform in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** log-normal around a median */
  around(median: number, sigma = 0.8): number {
    return median * Math.exp(sigma * this.normal());
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
    return s;
  }
}

/** picks from weighted items, Zipf-like when weights fall with rank */
class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(
    readonly items: readonly T[],
    weight: (item: T, index: number) => number,
  ) {
    let sum = 0;
    for (const [i, item] of items.entries()) {
      sum += weight(item, i);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the truth

export interface KeyTruth {
  count: number;
  /** status ≥ 500 (endpoints), failed jobs (sidekiq), non-OK codes (gitaly) */
  errors: number;
  /** every duration in ms (endpoints, gitaly) or s (sidekiq), unless the generator was told not to keep them */
  values: number[];
  /** sidekiq: scheduling latency in s */
  latencies: number[];
}

export interface ErrorTruth {
  count: number;
  firstSeen: number;
  lastSeen: number;
}

export class Truth {
  lines = 0;
  malformed = 0;
  bytes = 0;
  firstAt = Number.POSITIVE_INFINITY;
  lastAt = Number.NEGATIVE_INFINITY;
  readonly endpoints = new Map<string, KeyTruth>();
  readonly sidekiq = new Map<string, KeyTruth>();
  readonly gitaly = new Map<string, KeyTruth>();
  readonly errors = new Map<string, ErrorTruth>();
  readonly users = new Map<string, { count: number; durationS: number }>();
  readonly projects = new Map<string, { count: number; durationS: number }>();
  readonly ips = new Map<string, { count: number; durationS: number }>();
  version: string | undefined;

  constructor(readonly keepValues = true) {}

  key(table: 'endpoints' | 'sidekiq' | 'gitaly', key: string, value: number, failed: boolean, latency?: number): void {
    let t = this[table].get(key);
    if (!t) {
      t = { count: 0, errors: 0, values: [], latencies: [] };
      this[table].set(key, t);
    }
    t.count++;
    if (failed) t.errors++;
    if (this.keepValues) {
      t.values.push(value);
      if (latency !== undefined) t.latencies.push(latency);
    }
  }

  error(signature: string, at: number): void {
    const e = this.errors.get(signature);
    if (!e) this.errors.set(signature, { count: 1, firstSeen: at, lastSeen: at });
    else {
      e.count++;
      e.firstSeen = Math.min(e.firstSeen, at);
      e.lastSeen = Math.max(e.lastSeen, at);
    }
  }

  who(kind: 'users' | 'projects' | 'ips', key: string, durationS: number): void {
    const t = this[kind].get(key);
    if (t) {
      t.count++;
      t.durationS += durationS;
    } else this[kind].set(key, { count: 1, durationS });
  }

  at(ms: number): void {
    if (ms < this.firstAt) this.firstAt = ms;
    if (ms > this.lastAt) this.lastAt = ms;
  }
}

/** the value at rank floor(q·(n−1)) of the sorted values: what a DDSketch approximates within its relative error */
export function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// catalogues

interface ErrorKind {
  cls: string;
  message: (rng: Rng) => string;
  /** the signature as the engine should write it */
  signature: string;
}

const RAILS_ERRORS: ErrorKind[] = [
  {
    cls: 'ActiveRecord::QueryCanceled',
    message: () => 'PG::QueryCanceled: ERROR:  canceling statement due to statement timeout',
    signature: 'ActiveRecord::QueryCanceled: PG::QueryCanceled: ERROR: canceling statement due to statement timeout',
  },
  {
    cls: 'ActiveRecord::RecordNotFound',
    message: (rng) => `Couldn't find Project with 'id'=${1 + rng.int(100_000)}`,
    signature: "ActiveRecord::RecordNotFound: Couldn't find Project with '?'=<n>",
  },
  {
    cls: 'Gitlab::Git::CommandError',
    message: (rng) => `fatal: bad object ${rng.hex(40)}`,
    signature: 'Gitlab::Git::CommandError: fatal: bad object <hex>',
  },
  {
    cls: 'Rack::Timeout::RequestTimeoutException',
    message: (rng) => `Request ran for longer than ${60_000 + rng.int(3) * 1000}ms`,
    signature: 'Rack::Timeout::RequestTimeoutException: Request ran for longer than <n>ms',
  },
  {
    cls: 'Ci::Build::MissingDependenciesError',
    message: (rng) =>
      `build ${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)} misses artifacts of ${rng.int(9000) + 1000} jobs`,
    signature: 'Ci::Build::MissingDependenciesError: build <uuid> misses artifacts of <n> jobs',
  },
  {
    cls: 'Redis::TimeoutError',
    message: () => 'Connection timed out',
    signature: 'Redis::TimeoutError: Connection timed out',
  },
];

const SIDEKIQ_ERRORS: ErrorKind[] = [
  RAILS_ERRORS[0] as ErrorKind,
  {
    cls: 'Gitlab::ExclusiveLeaseHelpers::FailedToObtainLockError',
    message: (rng) => `Failed to obtain a lock ${rng.int(50)}`,
    signature: 'Gitlab::ExclusiveLeaseHelpers::FailedToObtainLockError: Failed to obtain a lock <n>',
  },
  {
    cls: 'Net::ReadTimeout',
    message: (rng) => `Net::ReadTimeout with #<TCPSocket:(closed)> after ${rng.int(60) + 1}.5 seconds`,
    signature: 'Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)> after <n> seconds',
  },
];

const CONTROLLERS: [string, string, number, number][] = [
  // controller, action, median ms, share of 500s
  ['Projects::MergeRequestsController', 'show', 420, 0.01],
  ['Projects::MergeRequestsController', 'diffs', 850, 0.02],
  ['Projects::IssuesController', 'index', 310, 0.005],
  ['Projects::IssuesController', 'show', 260, 0.004],
  ['Projects::PipelinesController', 'index', 350, 0.01],
  ['Projects::BlobController', 'show', 210, 0.003],
  ['Projects::TreeController', 'show', 180, 0.003],
  ['Projects::CommitController', 'show', 320, 0.01],
  ['Projects::RawController', 'show', 95, 0.002],
  ['DashboardController', 'activity', 150, 0.001],
  ['Groups::GroupMembersController', 'index', 230, 0.002],
  ['Projects::JobsController', 'show', 160, 0.004],
  ['RootController', 'index', 120, 0.001],
  ['SessionsController', 'new', 38, 0],
  ['Repositories::GitHttpController', 'info_refs', 60, 0.002],
  ['Repositories::GitHttpController', 'git_upload_pack', 950, 0.02],
  ['GraphqlController', 'execute', 190, 0.006],
  ['Projects::ArtifactsController', 'download', 480, 0.01],
  ['Admin::DashboardController', 'index', 700, 0.01],
  ['SearchController', 'show', 1600, 0.05],
];

const ROUTES: [string, string, number, number][] = [
  ['POST', '/api/:version/jobs/request', 45, 0.001],
  ['PUT', '/api/:version/jobs/:id', 60, 0.002],
  ['GET', '/api/:version/projects/:id', 120, 0.004],
  ['GET', '/api/:version/projects/:id/merge_requests', 380, 0.01],
  ['GET', '/api/:version/user', 25, 0],
  ['POST', '/api/:version/internal/allowed', 140, 0.01],
  ['GET', '/api/:version/groups/:id/projects', 650, 0.02],
  ['GET', '/api/:version/projects/:id/repository/files/:file_path', 90, 0.01],
  ['POST', '/api/:version/projects/:id/statuses/:sha', 110, 0.003],
  ['GET', '/api/:version/runners/:id', 30, 0.001],
];

const WORKERS: [string, string, number, number, number][] = [
  // class, queue, median duration s, median latency s, share failing
  ['PipelineProcessWorker', 'pipeline_processing:pipeline_process', 0.4, 0.2, 0.01],
  ['Ci::BuildFinishedWorker', 'pipeline_processing:build_finished', 0.9, 0.5, 0.005],
  ['PostReceive', 'default', 1.2, 0.3, 0.01],
  ['MergeWorker', 'default', 3.5, 0.4, 0.03],
  ['UpdateMergeRequestsWorker', 'default', 2.1, 1.5, 0.01],
  ['NewMergeRequestWorker', 'default', 0.8, 0.3, 0.002],
  ['ProjectCacheWorker', 'default', 0.3, 4.0, 0.001],
  ['Ci::ArchiveTraceWorker', 'pipeline_background:archive_trace', 0.6, 8.0, 0.02],
  ['ExpireJobCacheWorker', 'pipeline_cache:expire_job_cache', 0.05, 0.1, 0],
  ['WebHookWorker', 'web_hook', 0.7, 2.0, 0.05],
  ['RepositoryUpdateMirrorWorker', 'mirror', 12, 30, 0.04],
  ['AuthorizedProjectsWorker', 'authorized_projects', 0.2, 0.1, 0],
];

const RPCS: [string, string, number][] = [
  ['gitaly.SmartHTTPService', 'PostUploadPackWithSidechannel', 800],
  ['gitaly.SSHService', 'SSHUploadPackWithSidechannel', 900],
  ['gitaly.CommitService', 'FindCommit', 4],
  ['gitaly.RefService', 'FindDefaultBranchName', 2.5],
  ['gitaly.RepositoryService', 'RepositoryExists', 1.5],
  ['gitaly.CommitService', 'ListCommitsByOid', 18],
  ['gitaly.DiffService', 'CommitDiff', 55],
  ['gitaly.BlobService', 'GetBlobs', 14],
  ['gitaly.OperationService', 'UserMergeBranch', 420],
  ['gitaly.RefService', 'ListRefs', 28],
  ['gitaly.RepositoryService', 'OptimizeRepository', 4800],
];
const GRPC_FAILURES = ['Canceled', 'ResourceExhausted', 'DeadlineExceeded', 'Internal'];

const USERS = Array.from({ length: 300 }, (_, i) => `user${i}`);
const PROJECTS = Array.from({ length: 120 }, (_, i) => `group${i % 9}/project-${i}`);
const IPS = Array.from({ length: 200 }, (_, i) =>
  i % 4 === 0 ? `10.0.${i % 7}.${i}` : `203.0.${113 + (i % 3)}.${(i * 37) % 250}`,
);
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'git/2.43.0',
  'gitlab-runner 16.11.0 (16-11-stable; go1.21.9; linux/amd64)',
  'python-requests/2.31.0',
];

const zipf = (_: unknown, i: number) => 1 / (i + 1) ** 1.1;
const controllers = new Weighted(CONTROLLERS, zipf);
const routes = new Weighted(ROUTES, zipf);
const workers = new Weighted(WORKERS, zipf);
const rpcs = new Weighted(RPCS, zipf);
const users = new Weighted(USERS, zipf);
const projects = new Weighted(PROJECTS, zipf);
const ips = new Weighted(IPS, zipf);

// ---------------------------------------------------------------------------------------------------------------
// lines

export type LogKind = 'production_json' | 'api_json' | 'sidekiq' | 'gitaly';

export interface GenerateOptions {
  seed: number;
  /** first line's time (default 2024-05-01T10:00:00Z) */
  startAt?: number;
  /** mean ms between lines (default 50) */
  stepMs?: number;
  /** about one line in this many is malformed (0: none) */
  malformedEvery?: number;
  /** keep every duration for exact percentiles (default true; off for GB files) */
  keepValues?: boolean;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** the lines of one log kind, endlessly; the truth grows as lines are taken */
export class LogGenerator {
  readonly truth: Truth;
  private readonly rng: Rng;
  private now: number;
  private readonly stepMs: number;
  private readonly malformedEvery: number;
  private pendingSidekiq: string | undefined;
  private gitalyStarted = false;

  constructor(
    readonly kind: LogKind,
    options: GenerateOptions,
  ) {
    this.rng = new Rng(options.seed);
    this.now = options.startAt ?? Date.UTC(2024, 4, 1, 10, 0, 0);
    this.stepMs = options.stepMs ?? 50;
    this.malformedEvery = options.malformedEvery ?? 0;
    this.truth = new Truth(options.keepValues ?? true);
  }

  /** the next line, without its newline */
  next(): string {
    const truth = this.truth;
    truth.lines++;
    if (this.pendingSidekiq) {
      const line = this.pendingSidekiq;
      this.pendingSidekiq = undefined;
      truth.bytes += line.length + 1;
      return line;
    }
    this.now += Math.max(1, Math.round(this.rng.next() * 2 * this.stepMs));
    let line: string;
    if (this.malformedEvery > 0 && this.rng.int(this.malformedEvery) === 0) {
      truth.malformed++;
      line = this.malformed();
    } else {
      line = this.valid();
    }
    truth.bytes += Buffer.byteLength(line) + 1;
    return line;
  }

  private malformed(): string {
    const rng = this.rng;
    const kind = rng.int(3);
    if (kind === 0) {
      // a line cut short (a crash, a copy of the last N bytes): JSON that never closes
      const whole = this.valid(true);
      return whole.slice(0, 1 + rng.int(whole.length - 2));
    }
    if (kind === 1) return `Started GET "/-/readiness" for 127.0.0.1 at ${new Date(this.now).toISOString()}`;
    return `\u0000\u0001garbage ${rng.hex(16)} {"unterminated": "yes`;
  }

  private valid(dry = false): string {
    switch (this.kind) {
      case 'production_json':
        return this.rails(dry, false);
      case 'api_json':
        return this.rails(dry, true);
      case 'sidekiq':
        return this.sidekiq(dry);
      case 'gitaly':
        return this.gitaly(dry);
    }
  }

  /** a request line; dry: only the text, the truth unchanged (for cut lines) */
  private rails(dry: boolean, api: boolean): string {
    const rng = this.rng;
    const time = new Date(this.now).toISOString();
    const [a, b, median, failShare] = api ? routes.pick(rng) : controllers.pick(rng);
    const durationS = round6(rng.around(median / 1000));
    const dbS = round6(durationS * 0.4 * rng.next());
    const failed = rng.next() < failShare;
    const status = failed ? 500 : rng.next() < 0.03 ? 404 : 200;
    const user = users.pick(rng);
    const project = projects.pick(rng);
    const ip = ips.pick(rng);
    const ua = rng.pick(AGENTS);
    const correlation = rng.hex(26).toUpperCase();
    const error = failed ? rng.pick(RAILS_ERRORS) : undefined;
    const exception = error
      ? `,"exception.class":"${error.cls}","exception.message":${JSON.stringify(error.message(rng))},"exception.backtrace":["app/models/project.rb:${rng.int(900)}","lib/gitlab/database.rb:${rng.int(400)}"]`
      : '';
    const key = api ? `${a} ${b}` : `${a}#${b}`;
    if (!dry) {
      const t = this.truth;
      t.at(this.now);
      t.key('endpoints', key, durationS * 1000, failed);
      t.who('users', user, durationS);
      t.who('projects', project, durationS);
      t.who('ips', ip, durationS);
      if (error) t.error(error.signature, this.now);
    }
    const common =
      `"remote_ip":"${ip}","user_id":${user.slice(4)},"username":"${user}","ua":"${ua}","queue_duration_s":${round6(rng.next() * 0.01)},` +
      `"request_urgency":"default","target_duration_s":1,"redis_calls":${rng.int(200)},"redis_duration_s":${round6(rng.next() * 0.05)},` +
      `"redis_read_bytes":${rng.int(50_000)},"redis_write_bytes":${rng.int(5000)},"redis_cache_calls":${rng.int(100)},` +
      `"redis_cache_duration_s":${round6(rng.next() * 0.02)},"redis_shared_state_calls":${rng.int(100)},` +
      `"redis_shared_state_duration_s":${round6(rng.next() * 0.02)},"gitaly_calls":${rng.int(30)},"gitaly_duration_s":${round6(rng.next() * 0.5)},` +
      `"db_count":${rng.int(500)},"db_write_count":${rng.int(5)},"db_cached_count":${rng.int(100)},"db_replica_count":0,` +
      `"db_primary_count":${rng.int(500)},"db_primary_duration_s":${dbS},"db_main_count":${rng.int(500)},"db_main_duration_s":${dbS},` +
      `"cpu_s":${round6(durationS * 0.6)},"mem_objects":${rng.int(1_000_000)},"mem_bytes":${rng.int(90_000_000)},` +
      `"mem_mallocs":${rng.int(300_000)},"mem_total_bytes":${rng.int(200_000_000)},"pid":${1000 + rng.int(50)},"worker_id":"puma_${rng.int(8)}",` +
      `"rate_limiting_gates":[],"correlation_id":"${correlation}","meta.caller_id":"${key}",` +
      `"meta.feature_category":"code_review_workflow","meta.user":"${user}","meta.user_id":${user.slice(4)},` +
      `"meta.project":"${project}","meta.root_namespace":"${project.split('/')[0]}","meta.client_id":"user/${user.slice(4)}",` +
      `"meta.remote_ip":"${ip}"${exception},"db_duration_s":${dbS},"view_duration_s":${round6(durationS - dbS)},"duration_s":${durationS}}`;
    if (api) {
      return `{"time":"${time}","severity":"INFO","duration_s":${durationS},"db_duration_s":${dbS},"view_duration_s":${round6(durationS - dbS)},"status":${status},"method":"${a}","path":"${b.replace(':version', 'v4').replace(':id', String(rng.int(5000)))}","params":[{"key":"id","value":"${rng.int(5000)}"}],"host":"gitlab.example.com","route":"${b}",${common}`;
    }
    return `{"method":"GET","path":"/${project}/-/${b}/${rng.int(5000)}","format":"html","controller":"${a}","action":"${b}","status":${status},"time":"${time}","params":[{"key":"namespace_id","value":"${project.split('/')[0]}"},{"key":"project_id","value":"${project.split('/')[1]}"}],${common}`;
  }

  private sidekiq(dry: boolean): string {
    const rng = this.rng;
    const [cls, queue, medianS, medianLatencyS, failShare] = workers.pick(rng);
    const durationS = round6(rng.around(medianS));
    const latencyS = round6(rng.around(medianLatencyS, 1));
    const failed = rng.next() < failShare;
    const done = this.now;
    const started = done - durationS * 1000;
    const enqueued = started - latencyS * 1000;
    const jid = rng.hex(24);
    const project = projects.pick(rng);
    const user = users.pick(rng);
    const error = failed ? rng.pick(SIDEKIQ_ERRORS) : undefined;
    if (!dry) {
      const t = this.truth;
      t.at(done);
      t.key('sidekiq', cls, durationS, failed, latencyS);
      t.who('users', user, durationS);
      t.who('projects', project, durationS);
      if (error) t.error(error.signature, done);
    }
    const base =
      `"severity":"INFO","retry":3,"queue":"${queue}","class":"${cls}","args":["${rng.int(100_000)}"],"jid":"${jid}",` +
      `"created_at":"${new Date(enqueued).toISOString()}","enqueued_at":"${new Date(enqueued).toISOString()}",` +
      `"meta.caller_id":"${cls}","meta.feature_category":"continuous_integration","meta.user":"${user}","meta.project":"${project}",` +
      `"meta.root_namespace":"${project.split('/')[0]}","correlation_id":"${rng.hex(26)}","worker_data_consistency":"always"`;
    const start = `{"time":"${new Date(started).toISOString()}",${base},"message":"${cls} JID-${jid}: start","job_status":"start","scheduling_latency_s":${latencyS}}`;
    const end =
      `{"time":"${new Date(done).toISOString()}",${base},"message":"${cls} JID-${jid}: ${failed ? 'fail' : 'done'}: ${durationS} sec",` +
      `"job_status":"${failed ? 'fail' : 'done'}","scheduling_latency_s":${latencyS},"redis_calls":${rng.int(40)},` +
      `"redis_duration_s":${round6(rng.next() * 0.01)},"db_count":${rng.int(80)},"db_duration_s":${round6(durationS * 0.3)},` +
      `"cpu_s":${round6(durationS * 0.5)},"mem_objects":${rng.int(500_000)},"duration_s":${durationS},` +
      `"completed_at":"${new Date(done).toISOString()}"` +
      (error
        ? `,"error_class":"${error.cls}","error_message":${JSON.stringify(error.message(rng))},"error_backtrace":["app/workers/x.rb:1"]}`
        : '}');
    if (dry) return end;
    // the start line comes first (its own line in the file), then the done/fail line
    this.pendingSidekiq = end;
    return start;
  }

  private gitaly(dry: boolean): string {
    const rng = this.rng;
    const time = new Date(this.now).toISOString();
    if (!this.gitalyStarted && !dry) {
      this.gitalyStarted = true;
      this.truth.version = '16.11.1';
      return `{"level":"info","msg":"Starting Gitaly","pid":412,"time":"${time}","version":"16.11.1"}`;
    }
    const [service, method, median] = rpcs.pick(rng);
    const ms = Math.round(rng.around(median) * 1000) / 1000;
    const code = rng.next() < 0.02 ? rng.pick(GRPC_FAILURES) : 'OK';
    const project = projects.pick(rng);
    const user = users.pick(rng);
    if (!dry) {
      const t = this.truth;
      t.at(this.now);
      t.key('gitaly', method, ms, code !== 'OK');
      t.who('projects', project, ms / 1000);
      t.who('users', user, ms / 1000);
      if (code !== 'OK') t.error(`GRPC::${code}: ${method}`, this.now);
    }
    return (
      `{"command.count":${rng.int(3)},"command.cpu_time_ms":${rng.int(9000)},"command.maxrss":${rng.int(300_000)},` +
      `"correlation_id":"${rng.hex(26)}","grpc.code":"${code}","grpc.meta.client_name":"gitlab-web","grpc.meta.deadline_type":"regular",` +
      `"grpc.method":"${method}","grpc.request.fullMethod":"/${service}/${method}","grpc.request.glProjectPath":"${project}",` +
      `"grpc.request.glRepository":"project-${rng.int(500)}","grpc.request.repoPath":"@hashed/${rng.hex(2)}/${rng.hex(2)}/${rng.hex(64)}.git",` +
      `"grpc.request.repoStorage":"default","grpc.service":"${service}","grpc.start_time":"${time}","grpc.time_ms":${ms},` +
      `"level":"info","msg":"finished unary call with code ${code}","peer.address":"@","pid":412,"span.kind":"server",` +
      `"system":"grpc","time":"${time}","username":"${user}","user_id":"user-${user.slice(4)}"}`
    );
  }
}

/** n lines of a kind, joined with newlines, and their truth; options may be just the seed */
export function generateLog(
  kind: LogKind,
  lines: number,
  options: GenerateOptions | number,
): { text: string; truth: Truth } {
  const g = new LogGenerator(kind, typeof options === 'number' ? { seed: options } : options);
  const out: string[] = [];
  while (g.truth.lines < lines) out.push(g.next());
  return { text: `${out.join('\n')}\n`, truth: g.truth };
}

/** writes a log of about `bytes` to a file, a few MB at a time (never whole in memory) */
export function writeLog(file: string, kind: LogKind, bytes: number, options: GenerateOptions): Truth {
  const g = new LogGenerator(kind, { keepValues: false, ...options });
  const fd = fs.openSync(file, 'w');
  try {
    let batch = '';
    while (g.truth.bytes < bytes) {
      batch += `${g.next()}\n`;
      if (batch.length > 4 * 1024 * 1024) {
        fs.writeSync(fd, batch);
        batch = '';
      }
    }
    if (batch) fs.writeSync(fd, batch);
  } finally {
    fs.closeSync(fd);
  }
  return g.truth;
}

/** a big log fast: one generated block of `blockBytes`, written again and again up to about `bytes`; the
 *  truth's counts are the block's times `repeats` (for memory and speed runs, where the block's variety is
 *  enough) */
export function writeRepeatedLog(
  file: string,
  kind: LogKind,
  bytes: number,
  options: GenerateOptions & { blockBytes?: number },
): { lines: number; malformed: number; bytes: number; repeats: number } {
  const g = new LogGenerator(kind, { keepValues: false, ...options });
  const lines: string[] = [];
  while (g.truth.bytes < (options.blockBytes ?? 32 * 1024 * 1024)) lines.push(g.next());
  const block = Buffer.from(`${lines.join('\n')}\n`);
  const repeats = Math.max(1, Math.round(bytes / block.length));
  const fd = fs.openSync(file, 'w');
  try {
    for (let i = 0; i < repeats; i++) fs.writeSync(fd, block);
  } finally {
    fs.closeSync(fd);
  }
  return {
    lines: g.truth.lines * repeats,
    malformed: g.truth.malformed * repeats,
    bytes: block.length * repeats,
    repeats,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// archives

export interface ArchiveEntry {
  /** the entry's name as written (for a GitLabSOS archive, under the gitlabsos.<host>_<ts>/ folder) */
  name: string;
  content?: string | Buffer;
  /** gzip the content (a rotated log) */
  gzip?: boolean;
  type?: 'file' | 'symlink' | 'link' | 'directory' | 'character-device' | 'fifo';
  linkname?: string;
  /** pax records (a `path` here overrides the name: how a NUL or a long name gets into a tar) */
  pax?: Record<string, string>;
}

/** a tar of the entries, as written (no name checks: hostile names stay hostile) */
export async function buildTar(entries: ArchiveEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    let body = typeof e.content === 'string' ? Buffer.from(e.content) : (e.content ?? Buffer.alloc(0));
    if (e.gzip) body = zlib.gzipSync(body);
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: e.name,
        type,
        ...(type === 'file' ? { size: body.length } : {}),
        ...(e.linkname ? { linkname: e.linkname } : {}),
        ...(e.pax ? { pax: e.pax } : {}),
        mtime: new Date(Date.UTC(2024, 4, 1, 12)),
      };
      const done = (err?: Error | null) => (err ? reject(err) : resolve());
      pack.entry(header, type === 'file' ? body : Buffer.alloc(0), done);
    });
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** a GitLabSOS-shaped tar.gz: every entry under `gitlabsos.<host>_<timestamp>/`, paths as the note §1.1 says */
export async function buildSosArchive(
  files: ArchiveEntry[],
  options: { host?: string; timestamp?: string } = {},
): Promise<Buffer> {
  const root = `gitlabsos.${options.host ?? 'gitlab-example'}_${options.timestamp ?? '20240501120000'}/`;
  const tarred = await buildTar(files.map((f) => ({ ...f, name: root + f.name })));
  return zlib.gzipSync(tarred);
}

export const SOS_PATHS = {
  production_json: 'var/log/gitlab/gitlab-rails/production_json.log',
  api_json: 'var/log/gitlab/gitlab-rails/api_json.log',
  sidekiq: 'var/log/gitlab/sidekiq/current',
  gitaly: 'var/log/gitlab/gitaly/current',
} as const;
