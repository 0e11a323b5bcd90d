import { finding, fmt, pastThreshold, type Rule, systemNumber, systemObject } from './rule.js';

// Swap on a GitLab host means Puma and Sidekiq pages go to disk: every request slows down. Active swapping
// (vmstat so > 0) or almost no available memory makes it critical.
export const swapInUse: Rule = {
  id: 'swap-in-use',
  title: 'Swap in use',
  input: 'system.swapUsedMb, system.memoryAvailableMb, system.vmstat (free -m, meminfo, vmstat)',
  severity: 'warning',
  threshold: 256,
  unit: 'MB of swap used',
  docs: 'https://docs.gitlab.com/install/requirements/#memory',
  check(results, threshold) {
    const used = systemNumber(results, 'swapUsedMb');
    if (used === undefined || used < threshold) return null;
    const total = systemNumber(results, 'swapTotalMb');
    const available = systemNumber(results, 'memoryAvailableMb');
    const memory = systemNumber(results, 'memoryTotalMb');
    const swapOut = systemObject<{ swapOutAvg?: number }>(results, 'vmstat')?.swapOutAvg ?? 0;
    const starved = available !== undefined && memory !== undefined && available < memory * 0.05;
    let message = `${fmt(used)} MB of swap in use${total ? ` (of ${fmt(total)} MB)` : ''}`;
    if (available !== undefined && memory !== undefined) {
      message += `; ${fmt(available)} MB of ${fmt(memory)} MB memory available`;
    }
    if (swapOut > 0) message += `; vmstat shows swapping out (${fmt(swapOut)} pages/s)`;
    return finding(swapInUse, `${message}.`, {
      severity: swapOut > 0 || starved ? 'critical' : 'warning',
      weight: pastThreshold(used, threshold),
      evidence: { swapUsedMb: used, ...(available !== undefined ? { memoryAvailableMb: available } : {}), swapOut },
    });
  },
};
