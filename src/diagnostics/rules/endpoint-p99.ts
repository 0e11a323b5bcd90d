import { duration, finding, listOf, pastThreshold, type Rule } from './rule.js';

// Requests slow at the 99th percentile: users wait, and at 60 s Puma's worker timeout kills the request.
const MIN_REQUESTS = 10;
const PUMA_TIMEOUT_S = 60;

export const endpointP99: Rule = {
  id: 'endpoint-p99',
  title: 'Slow endpoints',
  input: 'endpoints[].p99Ms',
  severity: 'warning',
  threshold: 10,
  unit: 's (p99)',
  docs: 'https://docs.gitlab.com/administration/logs/log_parsing/',
  check(results, threshold) {
    const slow = results.endpoints
      .filter((e) => e.count >= MIN_REQUESTS && e.p99Ms >= threshold * 1000)
      .sort((a, b) => b.p99Ms * b.count - a.p99Ms * a.count);
    const worst = slow[0];
    if (!worst) return null;
    const max = Math.max(...slow.map((e) => e.p99Ms)) / 1000;
    return finding(
      endpointP99,
      `${slow.length} endpoint${slow.length === 1 ? '' : 's'} with p99 over ${duration(threshold)}: ${listOf(slow.map((e) => `${e.route} ${duration(e.p99Ms / 1000)} (${e.count} requests)`))}.`,
      {
        severity: max >= PUMA_TIMEOUT_S ? 'critical' : 'warning',
        weight: pastThreshold(max, threshold),
        evidence: { endpoints: slow.length, worstRoute: worst.route, p99Ms: Math.round(worst.p99Ms) },
      },
    );
  },
};
