import type { SqlGroup } from '../analyse/results.js';
import { duration, finding, fmt, pastThreshold, type Rule, systemObject } from './rule.js';

// One statement shape taking most of the database's time is the cheapest fix there is (an index, a rewritten
// query, a known GitLab issue). The share is of all SQL time the bundle saw: the slow-query log's total, or
// pg_stat_statements' total (results.sql itself is only the top N), each compared with its own groups.
const MIN_TOTAL_MS = 10_000;
const MIN_COUNT = 5;

export const slowSqlDominating: Rule = {
  id: 'slow-sql-dominating',
  title: 'One SQL statement dominates database time',
  input: 'sql, system.postgres.slowTotalMs, system.pgStatStatements.totalExecMs',
  severity: 'warning',
  threshold: 50,
  unit: '% of SQL time',
  docs: 'https://www.postgresql.org/docs/current/using-explain.html',
  check(results, threshold) {
    const logTotal = systemObject<{ slowTotalMs?: number }>(results, 'postgres')?.slowTotalMs ?? 0;
    const pgssTotal = systemObject<{ totalExecMs?: number }>(results, 'pgStatStatements')?.totalExecMs ?? 0;
    // slow-log samples and pg_stat_statements totals are shares of different wholes: compared apart
    let best: { group: SqlGroup; share: number } | undefined;
    for (const summary of [false, true]) {
      const groups = results.sql.filter((g) => (g.p99Basis === 'summary') === summary);
      const listed = groups.reduce((s, g) => s + g.totalMs, 0);
      const total = Math.max(listed, summary ? pgssTotal : logTotal);
      const top = groups.sort((a, b) => b.totalMs - a.totalMs)[0];
      if (!top || total < MIN_TOTAL_MS || top.count < MIN_COUNT) continue;
      const share = (100 * top.totalMs) / total;
      if (share >= threshold && (!best || share > best.share)) best = { group: top, share };
    }
    if (!best) return null;
    const { group: top, share } = best;
    const query = top.query.length > 120 ? `${top.query.slice(0, 120)}…` : top.query;
    const source = top.p99Basis === 'summary' ? ' (pg_stat_statements)' : '';
    return finding(
      slowSqlDominating,
      `One statement shape takes ${fmt(share)} % of SQL time${source} (${duration(top.totalMs / 1000)} over ${fmt(top.count)} calls, mean ${fmt(top.meanMs)} ms): ${query}`,
      {
        // critical when it is also a lot of time: ten minutes of statements in the bundle's window
        severity: share >= 80 && top.meanMs >= 1_000 && top.totalMs >= 600_000 ? 'critical' : 'warning',
        weight: pastThreshold(share, threshold),
        evidence: { fingerprint: top.fingerprint, sharePercent: Math.round(share), totalMs: Math.round(top.totalMs) },
      },
    );
  },
};
