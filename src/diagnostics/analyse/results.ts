// What the analysis of a bundle gives: the contract of GET /api/v1/bundles/{id} (issue 14), stored as jsonb on
// the bundle. Every list is bounded (top N by load) and every sample line redacted, so a result stays small
// whatever the bundle's size.

export type Severity = 'critical' | 'warning' | 'info';

export interface BundleFile {
  /** the path inside the archive (or the file's own name) */
  path: string;
  /** what it was read as: production_json, api_json, sidekiq, gitaly, postgresql, postgresql-csv,
   *  pg_stat_statements, redis-info, redis-slowlog, nginx, strace, df, free, vmstat, top, env-info, …; 'skipped'
   *  when no analyser knows it (or a link or device entry), 'refused' when its name or type was refused */
  kind: string;
  bytes: number;
  lines: number;
  /** lines that could not be parsed as their kind (counted, never fatal) */
  badLines: number;
  /** why a file was skipped or cut short (too big, path refused, truncated gzip) */
  note?: string;
}

export interface Finding {
  /** the rule's id (src/diagnostics/rules/<id>.ts) */
  rule: string;
  severity: Severity;
  message: string;
  /** documentation for the engineer */
  docs?: string;
  /** numbers behind the message, for the page */
  evidence?: Record<string, number | string>;
}

export interface SqlGroup {
  /** libpg-query fingerprint (16 hex), or `approx:<hash>` when the text did not parse */
  fingerprint: string;
  /** one normalised text ($1, $2 for constants), redacted */
  query: string;
  count: number;
  totalMs: number;
  meanMs: number;
  p99Ms: number;
  /** where it was seen: postgresql log, rails log, pg_stat_statements */
  sources: string[];
  /** 'summary': the row comes from pg_stat_statements totals, its p99 is approximated by the mean and max */
  p99Basis?: 'samples' | 'summary';
}

export interface SidekiqGroup {
  class: string;
  count: number;
  p99DurationS: number;
  p99QueueLatencyS: number;
  failures: number;
}

export interface EndpointGroup {
  /** controller#action, or the API route, or method + path */
  route: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  /** responses ≥ 500 over all */
  errorRate: number;
  /** mean db_duration_s × 1000 */
  meanDbMs?: number;
}

export interface GitalyGroup {
  rpc: string;
  count: number;
  p99Ms: number;
  errors: number;
}

export interface ErrorGroup {
  /** exception class + normalised message (numbers and ids replaced) */
  signature: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** counts per timeline bucket (same buckets as BundleResults.timeline) */
  spikes?: number[];
}

export interface TopEntry {
  /** a user name, project path or IP — redacted as the redaction rules say */
  key: string;
  count: number;
  /** summed duration in seconds */
  durationS: number;
}

export interface TimelineBucket {
  /** ISO start of the bucket */
  at: string;
  requests: number;
  errors: number;
  sidekiqJobs: number;
  /** jobs enqueued and not yet started at the bucket's end, where the logs tell */
  queueDepth?: number;
  slowSql: number;
}

export interface BundleResults {
  files: BundleFile[];
  findings: Finding[];
  sql: SqlGroup[];
  sidekiq: SidekiqGroup[];
  endpoints: EndpointGroup[];
  gitaly: GitalyGroup[];
  errors: ErrorGroup[];
  /** by summed duration; ips partly masked (see redact.ts), agents = user agents */
  top: { users: TopEntry[]; projects: TopEntry[]; ips: TopEntry[]; agents: TopEntry[] };
  timeline: TimelineBucket[];
  /** the instance: version, and what the system files say */
  system: {
    version?: string;
    diskUsedPercent?: { mount: string; percent: number }[];
    swapUsedMb?: number;
    memoryTotalMb?: number;
    oomKills?: number;
    /** seconds between the bundle's clock and the logs' latest time, where known */
    clockSkewS?: number;
    [key: string]: unknown;
  };
  /** a few redacted lines per key (a route, a job class, a fingerprint, an error signature), for drill-down */
  samples: Record<string, string[]>;
  /** bytes and lines read, and time taken */
  stats: { bytesRead: number; inflatedBytes: number; lines: number; ms: number };
  /** the time the logs cover (earliest and latest line time, ISO), when any line had one */
  window?: { from: string; to: string };
  /** width of the timeline buckets in seconds */
  bucketS?: number;
  /** what happened to the bundle as a whole: refused (a zip, too big), stopped by a limit, truncated… */
  notes: string[];
}

export interface Progress {
  /** bytes of the file read so far (compressed bytes for an archive) */
  bytesRead: number;
  totalBytes: number;
  /** the file inside the archive being read */
  current?: string;
}

export interface Limits {
  /** compressed (on disk) size refused above this */
  maxInputBytes: number;
  /** inflated bytes, all entries together */
  maxInflatedBytes: number;
  /** inflated bytes / compressed bytes */
  maxInflateRatio: number;
  maxEntries: number;
  /** a longer line is cut and counted bad */
  maxLineBytes: number;
  /** wall time */
  maxMs: number;
}

export const defaultLimits: Limits = {
  maxInputBytes: 20 * 1024 ** 3,
  maxInflatedBytes: 100 * 1024 ** 3,
  maxInflateRatio: 200,
  maxEntries: 100_000,
  maxLineBytes: 64 * 1024,
  maxMs: 30 * 60_000,
};
