import { DDSketch } from '@datadog/sketches-js';

// The bounded state every analyser adds to while a bundle is read. Durations go into a DDSketch per key
// (relative error 1 %, a few KB per key however many lines), beside exact counts and sums; keys are capped
// (the first MAX_KEYS seen, then "(other)") so a hostile log with a million distinct routes stays small.
// The engine turns this into BundleResults at the end: top N per table by load (count × p99), as fast-stats ranks.
// Every duration handed in here is in milliseconds; every time is epoch milliseconds.

export const MAX_KEYS = 2_000;
const MAX_ERROR_KEYS = 1_000;
export const SAMPLES_PER_KEY = 3;
const MAX_SAMPLE_KEYS = 2_000;
const MAX_SAMPLE_CHARS = 2_000;
export const OTHER = '(other)';
export const SUMMARY_PREFIX = 'pgss:';
// the timeline widens (1 min → 5 → 15 → 30 → 1 h → …, each a multiple of the one before, so counts move
// exactly) whenever it would span more buckets than this; the engine widens again to at most 500 at the end
const MAX_LIVE_BUCKETS = 2_000;
const LADDER_MINUTES = [1, 5, 15, 30, 60, 180, 360, 720, 1440, 10_080];
// a zero duration counts in the lowest bucket: 1 µs
const FLOOR_MS = 0.001;

export type Table = 'sql' | 'sidekiq' | 'endpoints' | 'gitaly';
/** `ips` are counted by the request logs (Rails); `accessIps` by access logs (NGINX), shown only when no request log
 *  counted any, so one request is never counted twice */
export type TopKind = 'users' | 'projects' | 'ips' | 'accessIps' | 'agents';

export class DurationStat {
  count = 0;
  totalMs = 0;
  maxMs = 0;
  /** filled from summaries (pg_stat_statements): the p99 is the mean and max, not a quantile of samples */
  summary = false;
  readonly sketch = new DDSketch({ relativeAccuracy: 0.01 });
  /** extra counters per key: failures, errors (status ≥ 500), summed db time… */
  readonly counters: Record<string, number> = {};
  /** extra sketches per key: queue latency… */
  readonly sketches: Record<string, DDSketch> = {};
  /** the slowest few lines of this key (raw: redacted when the results are built) */
  readonly slowest: { ms: number; line: string }[] = [];
  private slowestFloor = Number.NEGATIVE_INFINITY;

  add(ms: number): void {
    this.count += 1;
    this.totalMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
    this.sketch.accept(Math.max(ms, FLOOR_MS));
  }
  bump(counter: string, by = 1): void {
    this.counters[counter] = (this.counters[counter] ?? 0) + by;
  }
  addTo(sketch: string, ms: number): void {
    let s = this.sketches[sketch];
    if (!s) {
      s = new DDSketch({ relativeAccuracy: 0.01 });
      this.sketches[sketch] = s;
    }
    s.accept(Math.max(ms, FLOOR_MS));
  }
  /** keeps the line if it is among the SAMPLES_PER_KEY slowest of this key; cheap when it is not */
  sample(ms: number, line: string): void {
    if (this.slowest.length >= SAMPLES_PER_KEY && !(ms > this.slowestFloor)) return;
    const kept = { ms, line: line.length > MAX_SAMPLE_CHARS ? copyCut(line) : line };
    if (this.slowest.length < SAMPLES_PER_KEY) this.slowest.push(kept);
    else {
      let min = 0;
      for (let i = 1; i < this.slowest.length; i++) if (this.slowest[i]!.ms < this.slowest[min]!.ms) min = i;
      this.slowest[min] = kept;
    }
    if (this.slowest.length >= SAMPLES_PER_KEY) this.slowestFloor = Math.min(...this.slowest.map((s) => s.ms));
  }
  /** the q-quantile in ms (of the main sketch, or of a named one); 0 when empty */
  quantile(q: number, sketch?: string): number {
    const s = sketch ? this.sketches[sketch] : this.sketch;
    if (!s || s.count === 0) return 0;
    return s.getValueAtQuantile(q);
  }
}

// a slice of a long string keeps the whole string alive: copy the cut part
function copyCut(line: string): string {
  return Buffer.from(`${line.slice(0, MAX_SAMPLE_CHARS)}…`, 'utf8').toString('utf8');
}

export interface ErrorStat {
  count: number;
  first: number;
  last: number;
  /** per live timeline bucket start */
  byBucket: Map<number, number>;
}

export interface TopCount {
  count: number;
  durationS: number;
}

export class Aggregates {
  readonly tables: Record<Table, Map<string, DurationStat>> = {
    sql: new Map(),
    sidekiq: new Map(),
    endpoints: new Map(),
    gitaly: new Map(),
  };
  /** sql: the normalised text per fingerprint, and where it was seen */
  readonly sqlText = new Map<string, { query: string; sources: Set<string> }>();
  readonly errors = new Map<string, ErrorStat>();
  readonly top: Record<TopKind, Map<string, TopCount>> = {
    users: new Map(),
    projects: new Map(),
    ips: new Map(),
    accessIps: new Map(),
    agents: new Map(),
  };
  /** per timeline bucket start (ms): counters (requests, errors, sidekiqJobs, slowSql, enqueued, started) */
  readonly timeline = new Map<number, Record<string, number>>();
  readonly samples = new Map<string, string[]>();
  /** what the system files say (BundleResults.system): version, diskUsedPercent, swapUsedMb, oomKills… */
  readonly system: Record<string, unknown> = {};
  /** earliest and latest time seen in any log line */
  firstAt = Number.POSITIVE_INFINITY;
  lastAt = Number.NEGATIVE_INFINITY;
  bucketMs = 60_000;
  private minBucket = Number.POSITIVE_INFINITY;
  private maxBucket = Number.NEGATIVE_INFINITY;

  /** the stat of a key in a table, created on first sight (up to MAX_KEYS keys, then one "(other)") */
  stat(table: Table, key: string): DurationStat {
    const map = this.tables[table];
    let stat = map.get(key);
    if (!stat) {
      const k = map.size >= MAX_KEYS ? OTHER : key;
      stat = map.get(k) ?? new DurationStat();
      map.set(k, stat);
    }
    return stat;
  }

  /** one execution of a statement: its fingerprint, a normalised text, where it came from ('postgresql', …) */
  sql(fingerprint: string, query: string, source: string, ms: number): DurationStat {
    const text = this.sqlText.get(fingerprint);
    if (text) text.sources.add(source);
    else if (this.sqlText.size < MAX_KEYS) this.sqlText.set(fingerprint, { query, sources: new Set([source]) });
    const stat = this.stat('sql', fingerprint);
    stat.add(ms);
    return stat;
  }

  /** a statement summary (a pg_stat_statements row): many calls at once, kept apart from the same statement's
   *  logged executions (`pgss:` key) so the two are never added up; its p99 is approximated by the mean (and the
   *  max, when known, as one call) */
  sqlSummary(fingerprint: string, query: string, source: string, calls: number, totalMs: number, maxMs?: number) {
    const text = this.sqlText.get(fingerprint);
    if (text) text.sources.add(source);
    else if (this.sqlText.size < MAX_KEYS) this.sqlText.set(fingerprint, { query, sources: new Set([source]) });
    const stat = this.stat('sql', `${SUMMARY_PREFIX}${fingerprint}`);
    stat.summary = true;
    if (!(calls > 0)) return stat;
    const mean = totalMs / calls;
    stat.count += calls;
    stat.totalMs += totalMs;
    const hasMax = maxMs !== undefined && maxMs > 0 && calls > 1;
    if (hasMax && maxMs > stat.maxMs) stat.maxMs = maxMs;
    else if (mean > stat.maxMs) stat.maxMs = mean;
    stat.sketch.accept(Math.max(mean, FLOOR_MS), hasMax ? calls - 1 : calls);
    if (hasMax) stat.sketch.accept(maxMs);
    return stat;
  }

  /** an error or exception, by its signature (class + normalised message), at a time (NaN when unknown); `line`
   *  is kept as one of the signature's samples (`error:<signature>`) */
  error(signature: string, at: number, line?: string): void {
    if (line !== undefined) this.sample(`error:${signature}`, line);
    let e = this.errors.get(signature);
    if (!e) {
      if (this.errors.size >= MAX_ERROR_KEYS) {
        if (signature !== OTHER) this.error(OTHER, at);
        return;
      }
      e = { count: 0, first: at, last: at, byBucket: new Map() };
      this.errors.set(signature, e);
    }
    e.count += 1;
    if (!Number.isFinite(at)) return;
    if (!(at >= e.first)) e.first = at;
    if (!(at <= e.last)) e.last = at;
    const bucket = this.bucketOf(at);
    e.byBucket.set(bucket, (e.byBucket.get(bucket) ?? 0) + 1);
  }

  /** load by a user, project or IP: one more request or job and its duration */
  count(kind: TopKind, key: string, durationS: number): void {
    const map = this.top[kind];
    let t = map.get(key);
    if (!t) {
      if (map.size >= MAX_KEYS) {
        if (key !== OTHER) this.count(kind, OTHER, durationS);
        return;
      }
      t = { count: 0, durationS: 0 };
      map.set(key, t);
    }
    t.count += 1;
    t.durationS += durationS;
  }

  /** a counter on the timeline (requests, errors, sidekiqJobs, slowSql; enqueued/started give queue depth) */
  tick(at: number, field: string, by = 1): void {
    if (!Number.isFinite(at)) return;
    const bucket = this.bucketOf(at);
    let b = this.timeline.get(bucket);
    if (!b) {
      b = {};
      this.timeline.set(bucket, b);
    }
    b[field] = (b[field] ?? 0) + by;
  }

  /** a log line's own time: the covered window (firstAt…lastAt); NaN changes nothing */
  seen(at: number): void {
    if (at < this.firstAt) this.firstAt = at;
    if (at > this.lastAt) this.lastAt = at;
  }

  /** keeps the first few lines per key (e.g. `error:<signature>`), cut; redacted when the results are built.
   *  Lines of a table's key (an endpoint, a job class, an RPC, a fingerprint): use DurationStat.sample, which
   *  keeps the slowest */
  sample(key: string, line: string): void {
    const list = this.samples.get(key);
    if (list && list.length >= SAMPLES_PER_KEY) return;
    if (!list && this.samples.size >= MAX_SAMPLE_KEYS) return;
    const text = line.length > MAX_SAMPLE_CHARS ? copyCut(line) : line;
    if (list) list.push(text);
    else this.samples.set(key, [text]);
  }

  hasSample(key: string): boolean {
    const list = this.samples.get(key);
    return list !== undefined && list.length >= SAMPLES_PER_KEY;
  }

  /** widens buckets (to the next rung of the ladder) until the timeline spans at most `max` of them */
  widenTo(max: number): void {
    while (Number.isFinite(this.minBucket) && (this.maxBucket - this.minBucket) / this.bucketMs + 1 > max) {
      const minutes = this.bucketMs / 60_000;
      const next = LADDER_MINUTES.find((m) => m > minutes);
      this.rebucket(next ? next * 60_000 : this.bucketMs * 2);
    }
  }

  private bucketOf(at: number): number {
    let bucket = Math.floor(at / this.bucketMs) * this.bucketMs;
    if (bucket < this.minBucket || bucket > this.maxBucket) {
      if (bucket < this.minBucket) this.minBucket = bucket;
      if (bucket > this.maxBucket) this.maxBucket = bucket;
      if ((this.maxBucket - this.minBucket) / this.bucketMs + 1 > MAX_LIVE_BUCKETS) {
        this.widenTo(MAX_LIVE_BUCKETS);
        bucket = Math.floor(at / this.bucketMs) * this.bucketMs;
      }
    }
    return bucket;
  }

  private rebucket(width: number): void {
    const old = new Map(this.timeline);
    this.timeline.clear();
    for (const [at, counters] of old) {
      const b = Math.floor(at / width) * width;
      const into = this.timeline.get(b);
      if (!into) this.timeline.set(b, counters);
      else for (const [k, v] of Object.entries(counters)) into[k] = (into[k] ?? 0) + v;
    }
    for (const e of this.errors.values()) {
      const counts = [...e.byBucket];
      e.byBucket.clear();
      for (const [at, n] of counts) {
        const b = Math.floor(at / width) * width;
        e.byBucket.set(b, (e.byBucket.get(b) ?? 0) + n);
      }
    }
    this.bucketMs = width;
    this.minBucket = Math.floor(this.minBucket / width) * width;
    this.maxBucket = Math.floor(this.maxBucket / width) * width;
  }

  /** the live bucket range (for the engine) */
  bucketRange(): { from: number; to: number } | undefined {
    return Number.isFinite(this.minBucket) ? { from: this.minBucket, to: this.maxBucket } : undefined;
  }
}
