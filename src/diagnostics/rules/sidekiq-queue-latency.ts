import { duration, finding, listOf, pastThreshold, type Rule } from './rule.js';

// Jobs waiting long before they start (scheduling_latency_s) is the docs' sign of an overloaded Sidekiq: too few
// threads for the queues, or a few classes hogging them. GitLab's own target is seconds for urgent jobs and about
// a minute for the rest.
const MIN_JOBS = 10;

export const sidekiqQueueLatency: Rule = {
  id: 'sidekiq-queue-latency',
  title: 'Sidekiq jobs wait long in the queue',
  input: 'sidekiq[].p99QueueLatencyS',
  severity: 'warning',
  threshold: 60,
  unit: 's (p99 queue latency)',
  docs: 'https://docs.gitlab.com/administration/sidekiq/sidekiq_troubleshooting/',
  check(results, threshold) {
    const slow = results.sidekiq
      .filter((s) => s.count >= MIN_JOBS && s.p99QueueLatencyS >= threshold)
      .sort((a, b) => b.p99QueueLatencyS * b.count - a.p99QueueLatencyS * a.count);
    const worst = slow[0];
    if (!worst) return null;
    const max = Math.max(...slow.map((s) => s.p99QueueLatencyS));
    return finding(
      sidekiqQueueLatency,
      `${slow.length} Sidekiq job class${slow.length === 1 ? '' : 'es'} waited over ${duration(threshold)} in the queue (p99): ${listOf(slow.map((s) => `${s.class} ${duration(s.p99QueueLatencyS)}`))}.`,
      {
        severity: max >= 600 ? 'critical' : 'warning',
        weight: pastThreshold(max, threshold),
        evidence: {
          classes: slow.length,
          worstClass: worst.class,
          p99QueueLatencyS: Math.round(worst.p99QueueLatencyS),
        },
      },
    );
  },
};
