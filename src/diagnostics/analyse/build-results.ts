import { runRules } from '../rules/index.js';
import {
  type Aggregates,
  type DurationStat,
  OTHER,
  SUMMARY_PREFIX,
  type TopCount,
  type TopKind,
} from './aggregates.js';
import { maskIp, redactKey, redactLine } from './redact.js';
import type { BundleFile, BundleResults, TimelineBucket, TopEntry } from './results.js';
import { round } from './system-state.js';

// Aggregates → BundleResults: the top N rows per table ranked by load (count × p99, as fast-stats' SCORE), the
// timeline widened to at most MAX_BUCKETS, error spikes on the same buckets, and every key and sample line
// redacted. The results stay small whatever the bundle: N rows per table, SAMPLES_PER_KEY lines per row shown.

const MAX_BUCKETS = 500;

export interface BuildInput {
  files: BundleFile[];
  notes: string[];
  topN: number;
  stats: BundleResults['stats'];
}

/** the keys of a table, by count × p99, best first */
function ranked(table: Map<string, DurationStat>, n: number): [string, DurationStat][] {
  return [...table]
    .map(([key, stat]) => ({ key, stat, score: stat.count * stat.quantile(0.99) }))
    .sort((a, b) => b.score - a.score || b.stat.count - a.stat.count)
    .slice(0, n)
    .map(({ key, stat }) => [key, stat]);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function buildResults(into: Aggregates, input: BuildInput): BundleResults {
  const n = input.topN;
  const samples: Record<string, string[]> = {};
  const keep = (key: string, lines: string[]) => {
    if (lines.length) samples[key] = lines.map(redactLine);
  };
  const slowest = (stat: DurationStat) => [...stat.slowest].sort((a, b) => b.ms - a.ms).map((s) => s.line);

  const endpoints = ranked(into.tables.endpoints, n).map(([key, stat]) => {
    const route = redactKey(key);
    keep(`endpoint:${route}`, slowest(stat));
    const dbMs = stat.counters.dbMs;
    return {
      route,
      count: stat.count,
      p50Ms: round(stat.quantile(0.5), 3),
      p99Ms: round(stat.quantile(0.99), 3),
      errorRate: round((stat.counters.errors ?? 0) / stat.count, 4),
      ...(dbMs !== undefined ? { meanDbMs: round(dbMs / stat.count, 3) } : {}),
    };
  });
  const sidekiq = ranked(into.tables.sidekiq, n).map(([key, stat]) => {
    const cls = redactKey(key);
    keep(`sidekiq:${cls}`, slowest(stat));
    return {
      class: cls,
      count: stat.count,
      p99DurationS: round(stat.quantile(0.99) / 1000, 4),
      p99QueueLatencyS: round(stat.quantile(0.99, 'queue') / 1000, 4),
      failures: stat.counters.failures ?? 0,
    };
  });
  const gitaly = ranked(into.tables.gitaly, n).map(([key, stat]) => {
    const rpc = redactKey(key);
    keep(`gitaly:${rpc}`, slowest(stat));
    return { rpc, count: stat.count, p99Ms: round(stat.quantile(0.99), 3), errors: stat.counters.errors ?? 0 };
  });
  const sql = ranked(into.tables.sql, n).map(([key, stat]) => {
    const fingerprint = stat.summary ? key.slice(SUMMARY_PREFIX.length) : key;
    const text = into.sqlText.get(fingerprint);
    keep(`sql:${key}`, slowest(stat));
    return {
      fingerprint,
      query: redactLine(text?.query ?? (fingerprint === OTHER ? '(more statements than the engine keeps)' : '')),
      count: stat.count,
      totalMs: round(stat.totalMs, 3),
      meanMs: round(stat.totalMs / stat.count, 3),
      p99Ms: round(stat.quantile(0.99), 3),
      sources: [...(text?.sources ?? [])],
      p99Basis: stat.summary ? ('summary' as const) : ('samples' as const),
    };
  });

  // the timeline: widened to at most MAX_BUCKETS, dense from the first bucket to the last
  into.widenTo(MAX_BUCKETS);
  const range = into.bucketRange();
  const width = into.bucketMs;
  const timeline: TimelineBucket[] = [];
  if (range) {
    const hasQueue = [...into.timeline.values()].some((b) => b.enqueued !== undefined);
    let depth = 0;
    for (let at = range.from; at <= range.to; at += width) {
      const b = into.timeline.get(at) ?? {};
      const bucket: TimelineBucket = {
        at: iso(at),
        requests: b.requests ?? 0,
        errors: b.errors ?? 0,
        sidekiqJobs: b.sidekiqJobs ?? 0,
        slowSql: b.slowSql ?? 0,
      };
      if (hasQueue) {
        // jobs enqueued and not yet started at the end of the bucket, from the jobs the logs saw
        depth += (b.enqueued ?? 0) - (b.started ?? 0);
        bucket.queueDepth = Math.max(0, depth);
      }
      timeline.push(bucket);
    }
  }

  const errors = [...into.errors]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, n)
    .map(([signature, e]) => {
      const shown = redactKey(signature);
      keep(`error:${shown}`, into.samples.get(`error:${signature}`) ?? []);
      const spikes = range ? timeline.map((_, i) => e.byBucket.get(range.from + i * width) ?? 0) : undefined;
      return {
        signature: shown,
        count: e.count,
        firstSeen: Number.isFinite(e.first) ? iso(e.first) : '',
        lastSeen: Number.isFinite(e.last) ? iso(e.last) : '',
        ...(spikes ? { spikes } : {}),
      };
    });

  // other keys' samples (analysers' own: `redis:…`, `nginx:…`), redacted
  for (const [key, lines] of into.samples) {
    if (key.startsWith('error:')) continue;
    keep(redactKey(key), lines);
  }

  // keys are shown redacted (IPs masked), and rows that look alike once redacted are added together
  const top = (kind: TopKind, show: (key: string) => string): TopEntry[] => {
    const shown = new Map<string, TopCount>();
    for (const [key, t] of into.top[kind]) {
      const k = show(key);
      const into = shown.get(k);
      if (into) {
        into.count += t.count;
        into.durationS += t.durationS;
      } else shown.set(k, { ...t });
    }
    return [...shown]
      .sort((a, b) => b[1].durationS - a[1].durationS || b[1].count - a[1].count)
      .slice(0, n)
      .map(([key, t]) => ({ key, count: t.count, durationS: round(t.durationS, 3) }));
  };

  const system = { ...into.system } as BundleResults['system'];
  if (!system.version && typeof into.system.gitalyVersion === 'string') system.version = into.system.gitalyVersion;

  const results: BundleResults = {
    files: input.files.map((f) => ({ ...f, path: redactKey(f.path), ...(f.note ? { note: redactLine(f.note) } : {}) })),
    findings: [],
    sql,
    sidekiq,
    endpoints,
    gitaly,
    errors,
    top: {
      users: top('users', redactKey),
      projects: top('projects', redactKey),
      ips: into.top.ips.size > 0 ? top('ips', maskIp) : top('accessIps', maskIp),
      agents: top('agents', redactKey),
    },
    timeline,
    system,
    samples,
    stats: input.stats,
    ...(Number.isFinite(into.firstAt) ? { window: { from: iso(into.firstAt), to: iso(into.lastAt) } } : {}),
    bucketS: width / 1000,
    notes: input.notes.map(redactLine),
  };
  results.findings = runRules(results);
  return results;
}
