import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildSosArchive,
  exactQuantile,
  generateLog,
  type LogKind,
  SOS_PATHS,
  type Truth,
} from '../../../test/helpers/log-generator.js';
import { MAX_KEYS } from './aggregates.js';
import { analyseFile } from './engine.js';
import type { BundleResults } from './results.js';
import { tempDir } from './test-support.js';

// The engine against generated logs whose true statistics the generator kept: counts exact, percentiles within
// DDSketch's 1 % relative error (of the value at rank ⌊q·(n−1)⌋), malformed lines counted and not fatal.

const { write } = tempDir('pf-engine-');

/** within DDSketch's guarantee (1 %), plus the rounding of the results (3 decimals of ms, 4 of s) */
function expectClose(actual: number, exact: number, rounding: number) {
  expect(Math.abs(actual - exact), `${actual} vs exact ${exact}`).toBeLessThanOrEqual(exact * 0.01 + rounding);
}

function expectErrors(results: BundleResults, truth: Truth) {
  expect(results.errors.length).toBe(truth.errors.size);
  for (const [signature, e] of truth.errors) {
    const got = results.errors.find((r) => r.signature === signature);
    expect(got, signature).toBeDefined();
    expect(got?.count).toBe(e.count);
    expect(got?.firstSeen).toBe(new Date(e.firstSeen).toISOString());
    expect(got?.lastSeen).toBe(new Date(e.lastSeen).toISOString());
    // the spikes are the same errors, spread over the timeline's buckets
    expect(got?.spikes?.reduce((a, b) => a + b, 0)).toBe(e.count);
    expect(got?.spikes?.length).toBe(results.timeline.length);
  }
}

async function analyseLog(kind: LogKind, lines: number, seed: number, malformedEvery = 0) {
  const { text, truth } = generateLog(kind, lines, { seed, malformedEvery });
  const name = kind === 'sidekiq' || kind === 'gitaly' ? `${kind}-current` : `${kind}.log`;
  const results = await analyseFile(write(`${seed}-${name}`, text), { filename: `${kind}.log` });
  return { results, truth };
}

describe('analyseFile on generated logs', { timeout: 30_000 }, () => {
  it('production_json.log: endpoints, errors, top users/projects/IPs, malformed lines counted', async () => {
    const { results, truth } = await analyseLog('production_json', 20_000, 11, 40);
    expect(results.files).toEqual([
      {
        path: 'production_json.log',
        kind: 'production_json',
        bytes: truth.bytes,
        lines: truth.lines,
        badLines: truth.malformed,
      },
    ]);
    expect(truth.malformed).toBeGreaterThan(300);
    expect(results.endpoints.length).toBe(truth.endpoints.size);
    for (const [route, t] of truth.endpoints) {
      const row = results.endpoints.find((e) => e.route === route);
      expect(row, route).toBeDefined();
      if (!row) continue;
      expect(row.count).toBe(t.count);
      expect(row.errorRate).toBeCloseTo(t.errors / t.count, 4);
      expectClose(row.p50Ms, exactQuantile(t.values, 0.5), 0.001);
      expectClose(row.p99Ms, exactQuantile(t.values, 0.99), 0.001);
    }
    // ranked by load, as fast-stats does: count × p99, largest first
    const scores = results.endpoints.map((e) => e.count * e.p99Ms);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expectErrors(results, truth);
    for (const kind of ['users', 'projects'] as const) {
      expect(results.top[kind].length, kind).toBeGreaterThan(0);
      for (const entry of results.top[kind].slice(0, 10)) {
        const t = truth[kind].get(entry.key);
        expect(entry.count, entry.key).toBe(t?.count);
        expect(entry.durationS).toBeCloseTo(t?.durationS ?? -1, 2);
      }
    }
    // IPs: private ones whole, public ones masked to their /24: the masked rows add up
    const ips = new Map<string, number>();
    for (const [ip, t] of truth.ips) {
      const shown = ip.startsWith('10.') ? ip : `${ip.split('.').slice(0, 3).join('.')}.x`;
      ips.set(shown, (ips.get(shown) ?? 0) + t.count);
    }
    const byIp = new Map<string, number>();
    for (const e of results.top.ips) byIp.set(e.key, (byIp.get(e.key) ?? 0) + e.count);
    expect(byIp.size).toBeGreaterThan(0);
    for (const [shown, count] of byIp) expect(count, shown).toBe(ips.get(shown));
    expect(results.window).toEqual({
      from: new Date(truth.firstAt).toISOString(),
      to: new Date(truth.lastAt).toISOString(),
    });
    const requests = results.timeline.reduce((sum, b) => sum + b.requests, 0);
    expect(requests).toBe(truth.lines - truth.malformed);
    expect(results.timeline.length).toBeLessThanOrEqual(500);
    // drill-down: the slowest lines of the slowest endpoint
    const top = results.endpoints[0];
    expect(results.samples[`endpoint:${top?.route}`]?.length).toBe(3);
    expect(results.stats.lines).toBe(truth.lines);
  });

  it('api_json.log: routes with their method', async () => {
    const { results, truth } = await analyseLog('api_json', 8_000, 12, 100);
    expect(results.files[0]).toMatchObject({ kind: 'api_json', lines: truth.lines, badLines: truth.malformed });
    for (const [route, t] of truth.endpoints) {
      const row = results.endpoints.find((e) => e.route === route);
      expect(row?.count, route).toBe(t.count);
      expectClose(row?.p99Ms ?? 0, exactQuantile(t.values, 0.99), 0.001);
    }
    expect(results.endpoints.map((e) => e.route)).toContain('POST /api/:version/jobs/request');
    expectErrors(results, truth);
  });

  it('sidekiq/current: jobs by class, p99 duration and queue latency, failures, queue depth', async () => {
    const { results, truth } = await analyseLog('sidekiq', 12_000, 13, 60);
    expect(results.files[0]).toMatchObject({ kind: 'sidekiq', lines: truth.lines, badLines: truth.malformed });
    expect(results.sidekiq.length).toBe(truth.sidekiq.size);
    for (const [cls, t] of truth.sidekiq) {
      const row = results.sidekiq.find((s) => s.class === cls);
      expect(row?.count, cls).toBe(t.count);
      expect(row?.failures, cls).toBe(t.errors);
      expectClose(row?.p99DurationS ?? 0, exactQuantile(t.values, 0.99), 0.0001);
      expectClose(row?.p99QueueLatencyS ?? 0, exactQuantile(t.latencies, 0.99), 0.0001);
    }
    expectErrors(results, truth);
    expect(results.timeline.reduce((sum, b) => sum + b.sidekiqJobs, 0)).toBe(
      [...truth.sidekiq.values()].reduce((sum, t) => sum + t.count, 0),
    );
    // every job enqueued was started: the depth ends at zero and was above zero while jobs waited
    expect(results.timeline.at(-1)?.queueDepth).toBe(0);
    expect(Math.max(...results.timeline.map((b) => b.queueDepth ?? 0))).toBeGreaterThan(0);
  });

  it('gitaly/current: RPCs by p99, non-OK codes, the version', async () => {
    const { results, truth } = await analyseLog('gitaly', 10_000, 14, 80);
    expect(results.files[0]).toMatchObject({ kind: 'gitaly', lines: truth.lines, badLines: truth.malformed });
    for (const [rpc, t] of truth.gitaly) {
      const row = results.gitaly.find((g) => g.rpc === rpc);
      expect(row?.count, rpc).toBe(t.count);
      expect(row?.errors, rpc).toBe(t.errors);
      expectClose(row?.p99Ms ?? 0, exactQuantile(t.values, 0.99), 0.001);
    }
    expectErrors(results, truth);
    expect(results.system.version).toBe(truth.version);
  });

  it('a GitLabSOS tar.gz: each log by its path, rotated .gz logs too, unknown files skipped', async () => {
    const production = generateLog('production_json', 3_000, { seed: 21, malformedEvery: 50 });
    const rotated = generateLog('production_json', 2_000, 22);
    const api = generateLog('api_json', 2_000, 23);
    const sidekiq = generateLog('sidekiq', 2_000, 24);
    const gitaly = generateLog('gitaly', 2_000, 25);
    const archive = await buildSosArchive([
      { name: SOS_PATHS.production_json, content: production.text },
      { name: `${SOS_PATHS.production_json}.1.gz`, content: rotated.text, gzip: true },
      { name: SOS_PATHS.api_json, content: api.text },
      { name: SOS_PATHS.sidekiq, content: sidekiq.text },
      { name: SOS_PATHS.gitaly, content: gitaly.text },
      { name: 'opt/gitlab/embedded/bin/some-binary', content: Buffer.from([0, 1, 2, 3, 255, 10, 0]) },
    ]);
    const results = await analyseFile(write('gitlabsos.tar.gz', archive), { filename: 'gitlabsos.gitlab_2024.tar.gz' });
    const root = 'gitlabsos.gitlab-example_20240501120000/';
    expect(results.files.map((f) => [f.path, f.kind, f.lines, f.badLines])).toEqual([
      [root + SOS_PATHS.production_json, 'production_json', production.truth.lines, production.truth.malformed],
      [`${root}${SOS_PATHS.production_json}.1.gz`, 'production_json', rotated.truth.lines, 0],
      [root + SOS_PATHS.api_json, 'api_json', api.truth.lines, 0],
      [root + SOS_PATHS.sidekiq, 'sidekiq', sidekiq.truth.lines, 0],
      [root + SOS_PATHS.gitaly, 'gitaly', gitaly.truth.lines, 0],
      [`${root}opt/gitlab/embedded/bin/some-binary`, 'skipped', 0, 0],
    ]);
    expect(results.notes).toEqual([]);
    const count = (t: Truth, route: string) => t.endpoints.get(route)?.count ?? 0;
    expect(results.endpoints.length).toBeGreaterThan(0);
    for (const row of results.endpoints) {
      expect(row.count, row.route).toBe(
        count(production.truth, row.route) + count(rotated.truth, row.route) + count(api.truth, row.route),
      );
    }
    expect(results.sidekiq.reduce((s, r) => s + r.count, 0)).toBe(
      [...sidekiq.truth.sidekiq.values()].reduce((s, t) => s + t.count, 0),
    );
    expect(results.gitaly.reduce((s, r) => s + r.count, 0)).toBe(
      [...gitaly.truth.gitaly.values()].reduce((s, t) => s + t.count, 0),
    );
    expect(results.stats.bytesRead).toBe(archive.length);
  });

  it('a single gzipped log is read by its name without .gz', async () => {
    const { text, truth } = generateLog('gitaly', 1_000, 31);
    const results = await analyseFile(write('g.gz', zlib.gzipSync(text)), { filename: 'gitaly-current.log.gz' });
    expect(results.files[0]).toMatchObject({ path: 'gitaly-current.log.gz', kind: 'gitaly', lines: truth.lines });
  });

  it('a log spanning months gets at most 500 timeline buckets, and counts stay exact', async () => {
    // one request an hour on average: about four months
    const long = generateLog('production_json', 3_000, { seed: 42, stepMs: 3_600_000 });
    const results = await analyseFile(write('long.log', long.text), { filename: 'production_json.log' });
    expect(results.timeline.length).toBeLessThanOrEqual(500);
    expect(results.timeline.length).toBeGreaterThan(100);
    expect(results.bucketS).toBeGreaterThanOrEqual(3600);
    expect(results.timeline.reduce((s, b) => s + b.requests, 0)).toBe(long.truth.lines);
    expectErrors(results, long.truth);
  });

  it('a hostile log with 5,000 distinct endpoints keeps 2,000 and counts the rest as (other)', async () => {
    const lines = Array.from(
      { length: 5_000 },
      (_, i) =>
        `{"time":"2024-05-01T10:00:00.000Z","controller":"Evil${i}Controller","action":"show","status":200,"duration_s":0.${String(i).padStart(4, '0')}1}`,
    );
    const results = await analyseFile(write('evil.log', `${lines.join('\n')}\n`), { filename: 'production_json.log' });
    expect(results.endpoints.length).toBe(50);
    expect(results.endpoints.find((e) => e.route === '(other)')?.count).toBe(5_000 - MAX_KEYS);
  });

  it('kubeSOS webservice.log: Rails lines told apart by subcomponent, other subcomponents and noise left out', async () => {
    const production = generateLog('production_json', 600, 91);
    const api = generateLog('api_json', 400, 92);
    const tag = (line: string, sub: string) => `${line.slice(0, 1)}"subcomponent":"${sub}",${line.slice(1)}`;
    const mixed = [
      ...production.text
        .trim()
        .split('\n')
        .map((l) => tag(l, 'production_json')),
      ...api.text
        .trim()
        .split('\n')
        .map((l) => tag(l, 'api_json')),
      '{"subcomponent":"application_json","severity":"INFO","message":"Boot","duration_s":1}',
      'Defaulted container "webservice" out of: webservice, gitlab-workhorse',
    ];
    const results = await analyseFile(write('webservice.log', `${mixed.join('\n')}\n`), { filename: 'webservice.log' });
    expect(results.files[0]).toMatchObject({ kind: 'webservice', lines: 1_002, badLines: 1 });
    expect(results.endpoints.reduce((sum, e) => sum + e.count, 0)).toBe(1_000);
    expect(results.endpoints.map((e) => e.route)).toContain('POST /api/:version/jobs/request');
  });
});
