import { finding, fmt, listOf, pastThreshold, type Rule } from './rule.js';

// A job class failing often (job_status fail): retries pile up and the work never gets done.
const MIN_FAILURES = 5;

export const sidekiqFailures: Rule = {
  id: 'sidekiq-failures',
  title: 'A Sidekiq job class fails often',
  input: 'sidekiq[].failures / sidekiq[].count',
  severity: 'warning',
  threshold: 10,
  unit: '% of jobs failing',
  docs: 'https://docs.gitlab.com/administration/sidekiq/sidekiq_troubleshooting/',
  check(results, threshold) {
    const failing = results.sidekiq
      .filter((s) => s.failures >= MIN_FAILURES && s.count > 0 && (100 * s.failures) / s.count >= threshold)
      .sort((a, b) => b.failures - a.failures);
    const worst = failing[0];
    if (!worst) return null;
    const rate = (s: { failures: number; count: number }) => (100 * s.failures) / s.count;
    const maxRate = Math.max(...failing.map(rate));
    return finding(
      sidekiqFailures,
      `${listOf(failing.map((s) => `${s.class} failed ${fmt(s.failures)} of ${fmt(s.count)} times (${fmt(rate(s))} %)`))}.`,
      {
        severity: maxRate >= 50 ? 'critical' : 'warning',
        weight: pastThreshold(maxRate, threshold),
        evidence: { classes: failing.length, worstClass: worst.class, failures: worst.failures },
      },
    );
  },
};
