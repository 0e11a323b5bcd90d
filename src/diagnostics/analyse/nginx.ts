import { type Aggregates, DurationStat, MAX_KEYS, OTHER } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { redactLine } from './redact.js';
import { bundleScratch, round } from './system-state.js';

// NGINX access logs: GitLab's gitlab_access.log (Omnibus log_format: combined + `$gzip_ratio`), ingress-nginx's
// default format (combined + `$request_length $request_time [upstream] …`), or plain combined. Requests and 5xx
// go on the timeline and 5xx into the error groups (a 502 burst is Puma or Workhorse down, which Rails never
// logs); client IPs into the top list; status counts, the busiest and (when the format has $request_time) the
// slowest paths into results.system.nginx. Paths are grouped: ids, SHAs and project paths replaced.
// NGINX error logs (gitlab_error.log) add their messages to the error groups.

const COMBINED =
  /^(\S+) \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"(.*)$/;
const ERROR_LINE = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d:\d\d:\d\d) \[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*)$/;
const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
// the first path segment of GitLab's own routes; anything else starts a namespace or project path
const KNOWN_ROOTS = new Set([
  'api',
  'users',
  'admin',
  'assets',
  'uploads',
  'oauth',
  'import',
  'explore',
  'dashboard',
  'search',
  'help',
  '-',
  '.well-known',
  'jwt',
  'health_check',
  '-/health',
  'readiness',
  'liveness',
  'favicon.ico',
  'robots.txt',
  'groups',
  'projects',
  'profile',
  'abuse_reports',
  'v2',
]);
const TOP = 20;

interface PathStat {
  count: number;
  errors: number;
  /** request times in ms, when the format has them */
  times?: DurationStat;
}

class NginxTotals {
  requests = 0;
  bytes = 0;
  withTimes = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  readonly statuses = new Map<string, number>();
  readonly paths = new Map<string, PathStat>();
  readonly agents = new Map<string, number>();
  readonly errorLog = new Map<string, number>();
}

export interface NginxSummary {
  requests: number;
  /** responses by status code */
  statuses: Record<string, number>;
  /** share of responses ≥ 500, in % */
  serverErrorPercent: number;
  clientErrorPercent: number;
  requestsPerSecond?: number;
  bytesSent: number;
  /** busiest paths (ids and project paths grouped) */
  topPaths: { path: string; count: number; errors: number; p99Ms?: number; meanMs?: number }[];
  /** by p99 × count, when the log has $request_time */
  slowPaths?: { path: string; count: number; p99Ms: number; meanMs: number; maxMs: number }[];
  userAgents: { agent: string; count: number }[];
  /** gitlab_error.log messages, grouped */
  errorLog?: { message: string; count: number }[];
}

export const nginx: FileAnalyser = {
  kind: 'nginx',
  accepts(path, firstLine) {
    if (/(^|\/)nginx\/[^/]*access[^/]*$|(^|\/)(gitlab_)?access\.log$|nginx-ingress[^/]*\.log$/i.test(path)) return true;
    return COMBINED.test(firstLine);
  },
  open(path, into) {
    return new NginxReader(into, !/gitlab_[a-z_]*access/i.test(path));
  },
};

export const nginxError: FileAnalyser = {
  kind: 'nginx-error',
  accepts(path, firstLine) {
    return /(^|\/)nginx\/[^/]*error[^/]*$|(^|\/)(gitlab_)?error\.log$/i.test(path) || ERROR_LINE.test(firstLine);
  },
  open(_path, into) {
    const totals = bundleScratch(into, 'nginx', () => new NginxTotals());
    return {
      line(text) {
        const m = ERROR_LINE.exec(text);
        if (!m) return false;
        const [, y, mo, d, hms, level, rest] = m;
        if (level !== 'error' && level !== 'crit' && level !== 'alert' && level !== 'emerg') return true;
        const at = Date.parse(`${y}-${mo}-${d}T${hms}Z`);
        const message = normaliseErrorMessage(rest ?? '');
        into.error(`nginx ${level}: ${message}`, at);
        if (totals.errorLog.has(message) || totals.errorLog.size < MAX_KEYS) {
          totals.errorLog.set(message, (totals.errorLog.get(message) ?? 0) + 1);
        }
        return true;
      },
      finish() {
        writeSummary(into, totals);
        return undefined;
      },
    };
  },
};

class NginxReader implements FileReader {
  private readonly totals: NginxTotals;

  /** @param timeAlone whether a lone number after the user agent is $request_time (not GitLab's $gzip_ratio) */
  constructor(
    private readonly into: Aggregates,
    private readonly timeAlone: boolean,
  ) {
    this.totals = bundleScratch(into, 'nginx', () => new NginxTotals());
  }

  line(text: string): boolean {
    const m = COMBINED.exec(text);
    if (!m) return false;
    const [, ip = '', time = '', request = '', status = '', bytes = '', , agent = '', rest = ''] = m;
    const t = this.totals;
    const into = this.into;
    const at = parseLocalTime(time);
    const code = Number(status);
    t.requests++;
    if (bytes !== '-') t.bytes += Number(bytes);
    t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1);
    if (Number.isFinite(at)) {
      into.seen(at);
      if (at < t.first) t.first = at;
      if (at > t.last) t.last = at;
    }
    into.tick(at, 'requests');
    const ms = requestTimeMs(rest, this.timeAlone);
    into.count('ips', ip, Number.isFinite(ms) ? ms / 1000 : 0);
    const sp1 = request.indexOf(' ');
    const sp2 = request.lastIndexOf(' ');
    const path =
      sp1 > 0 && sp2 > sp1
        ? `${request.slice(0, sp1)} ${normalisePath(request.slice(sp1 + 1, sp2))}`
        : '(invalid request)';
    let p = t.paths.get(path);
    if (!p) {
      const key = t.paths.size >= MAX_KEYS ? OTHER : path;
      p = t.paths.get(key);
      if (!p) {
        p = { count: 0, errors: 0 };
        t.paths.set(key, p);
      }
    }
    p.count++;
    if (Number.isFinite(ms)) {
      t.withTimes++;
      p.times ??= new DurationStat();
      p.times.add(ms);
    }
    if (code >= 500) {
      p.errors++;
      into.tick(at, 'errors');
      // one signature per status: a burst of 502s is one event, whichever paths it hit
      into.error(`nginx ${status}`, at, text);
    }
    const family = agentFamily(agent);
    if (t.agents.has(family) || t.agents.size < MAX_KEYS) t.agents.set(family, (t.agents.get(family) ?? 0) + 1);
    return true;
  }

  finish(): string | undefined {
    writeSummary(this.into, this.totals);
    return undefined;
  }
}

function writeSummary(into: Aggregates, t: NginxTotals): void {
  const statuses = Object.fromEntries([...t.statuses].sort(([a], [b]) => a.localeCompare(b)));
  let server = 0;
  let client = 0;
  for (const [s, n] of t.statuses) {
    if (s >= '500') server += n;
    else if (s >= '400') client += n;
  }
  const paths = [...t.paths].map(([path, s]) => ({
    path: redactLine(path),
    count: s.count,
    errors: s.errors,
    ...(s.times
      ? {
          p99Ms: round(s.times.quantile(0.99), 1),
          meanMs: round(s.times.totalMs / s.times.count, 1),
          maxMs: round(s.times.maxMs, 1),
          timed: s.times.count,
        }
      : {}),
  }));
  const spanS = (t.last - t.first) / 1000;
  const summary: NginxSummary = {
    requests: t.requests,
    statuses,
    serverErrorPercent: t.requests ? round((100 * server) / t.requests) : 0,
    clientErrorPercent: t.requests ? round((100 * client) / t.requests) : 0,
    ...(spanS > 0 ? { requestsPerSecond: round(t.requests / spanS) } : {}),
    bytesSent: t.bytes,
    topPaths: [...paths]
      .sort((a, b) => b.count - a.count)
      .slice(0, TOP)
      .map(({ path, count, errors, p99Ms, meanMs }) => ({
        path,
        count,
        errors,
        ...(p99Ms !== undefined ? { p99Ms, meanMs } : {}),
      })),
    userAgents: [...t.agents]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([agent, count]) => ({ agent, count })),
  };
  if (t.withTimes > 0) {
    summary.slowPaths = paths
      .filter((p) => p.p99Ms !== undefined)
      .sort((a, b) => (b.p99Ms ?? 0) * (b.timed ?? 0) - (a.p99Ms ?? 0) * (a.timed ?? 0))
      .slice(0, TOP)
      .map((p) => ({
        path: p.path,
        count: p.timed ?? 0,
        p99Ms: p.p99Ms ?? 0,
        meanMs: p.meanMs ?? 0,
        maxMs: p.maxMs ?? 0,
      }));
  }
  if (t.errorLog.size > 0) {
    summary.errorLog = [...t.errorLog]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([message, count]) => ({ message: redactLine(message), count }));
  }
  if (t.requests > 0 || t.errorLog.size > 0) into.system.nginx = summary;
}

/** `01/May/2024:10:00:08 +0000` → epoch ms */
export function parseLocalTime(s: string): number {
  const month = MONTHS[s.slice(3, 6)];
  if (month === undefined || s.length < 20) return Number.NaN;
  const utc = Date.UTC(
    Number(s.slice(7, 11)),
    month,
    Number(s.slice(0, 2)),
    Number(s.slice(12, 14)),
    Number(s.slice(15, 17)),
    Number(s.slice(18, 20)),
  );
  const zone = s.slice(21);
  if (!/^[+-]\d{4}$/.test(zone)) return utc;
  const offsetMs = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  return zone[0] === '+' ? utc - offsetMs : utc + offsetMs;
}

/**
 * $request_time from what follows the user agent: ingress-nginx writes `$request_length $request_time …`,
 * a custom GitLab format `$gzip_ratio $request_time`; a lone number is $request_time except in GitLab's own
 * format, where it is $gzip_ratio.
 */
function requestTimeMs(rest: string, timeAlone: boolean): number {
  const tokens = rest.trim().split(/\s+/);
  const second = tokens[1];
  if (second !== undefined && /^\d+(\.\d+)?$/.test(second)) return Number(second) * 1000;
  const first = tokens[0];
  if (tokens.length === 1 && timeAlone && first && /^\d+\.\d{3}$/.test(first)) return Number(first) * 1000;
  return Number.NaN;
}

/**
 * A request path as a group key: the query string dropped (but git's `service=`), ids → :id, SHAs → :sha,
 * UUIDs → :uuid, a namespace/project path → :project (GitLab routes put `/-/` after it; `.git` ends it).
 */
export function normalisePath(uri: string): string {
  const q = uri.indexOf('?');
  let path = q >= 0 ? uri.slice(0, q) : uri;
  const service = q >= 0 ? /[?&](service=git-(?:upload|receive)-pack)/.exec(uri)?.[1] : undefined;
  if (/^https?:\/\//.test(path)) path = path.replace(/^https?:\/\/[^/]+/, '');
  const segments = path.split('/').slice(1);
  const first = segments[0] ?? '';
  if (first !== '' && !KNOWN_ROOTS.has(first)) {
    const dash = segments.indexOf('-');
    const git = segments.findIndex((s) => s.endsWith('.git') || s.endsWith('.wiki.git'));
    if (dash > 0) segments.splice(0, dash, ':project');
    else if (git >= 0) segments.splice(0, git + 1, git === 0 ? ':namespace.git' : ':project.git');
    else segments.splice(0, segments.length, segments.length > 1 ? ':project' : ':namespace');
  }
  const out = segments.map((s) => {
    if (/^\d+$/.test(s)) return ':id';
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) return ':uuid';
    if (/^[0-9a-f]{7,64}$/i.test(s) && /\d/.test(s)) return ':sha';
    // url-encoded project paths in the API (grp%2Fapp)
    if (s.includes('%2F') || s.includes('%2f')) return ':id';
    if (s.length > 40) return ':token';
    return s;
  });
  const joined = `/${out.join('/')}`;
  return service ? `${joined}?${service}` : joined;
}

/** a user agent's family: git/2.43.0 → git, GitLab Runner 16.1 → gitlab-runner, browsers → browser */
export function agentFamily(agent: string): string {
  if (agent === '' || agent === '-') return '(none)';
  if (agent.startsWith('git/') || agent.startsWith('JGit/')) return 'git';
  if (agent.startsWith('gitlab-runner') || agent.startsWith('GitLab Runner')) return 'gitlab-runner';
  if (agent.startsWith('Mozilla/')) return 'browser';
  const m = /^([A-Za-z][\w.-]*)/.exec(agent);
  return m?.[1] ?? '(other)';
}

function normaliseErrorMessage(rest: string): string {
  return rest
    .replace(/, (client|server|request|upstream|host|referrer): .*$/, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 200);
}
