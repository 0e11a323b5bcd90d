import { finding, fmt, pastThreshold, type Rule, systemNumber } from './rule.js';

// A 5-minute load average well above the CPU count: processes queue for CPU (or wait on I/O, which counts in
// Linux load). The threshold is load per CPU.
export const loadHigh: Rule = {
  id: 'load-high',
  title: 'Load above the CPU count',
  input: 'system.loadAverage, system.cpuCount (uptime, top, lscpu)',
  severity: 'warning',
  threshold: 2,
  unit: 'load per CPU (5 min)',
  docs: 'https://docs.gitlab.com/install/requirements/#cpu',
  check(results, threshold) {
    const load = results.system.loadAverage as number[] | undefined;
    const cpus = systemNumber(results, 'cpuCount');
    const five = load?.[1];
    if (five === undefined || !cpus) return null;
    const perCpu = five / cpus;
    if (perCpu < threshold) return null;
    return finding(
      loadHigh,
      `Load average ${load?.join(', ')} on ${cpus} CPUs (${fmt(perCpu, 1)} per CPU over 5 min).`,
      {
        severity: perCpu >= threshold * 3 ? 'critical' : 'warning',
        weight: pastThreshold(perCpu, threshold),
        evidence: { load5: five, cpuCount: cpus },
      },
    );
  },
};
