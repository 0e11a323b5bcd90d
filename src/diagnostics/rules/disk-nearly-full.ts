import { finding, listOf, pastThreshold, type Rule } from './rule.js';

// The first thing Support checks: a full disk (or no inodes left) stops PostgreSQL, Gitaly and uploads at once.
type Usage = { mount: string; percent: number }[];

export const diskNearlyFull: Rule = {
  id: 'disk-nearly-full',
  title: 'Disk nearly full',
  input: 'system.diskUsedPercent, system.inodesUsedPercent (df -hT, df -i)',
  severity: 'warning',
  threshold: 90,
  unit: '% used',
  docs: 'https://docs.gitlab.com/install/requirements/#storage',
  check(results, threshold) {
    const space = ((results.system.diskUsedPercent as Usage | undefined) ?? []).filter((d) => d.percent >= threshold);
    const inodes = ((results.system.inodesUsedPercent as Usage | undefined) ?? []).filter(
      (d) => d.percent >= threshold,
    );
    if (space.length === 0 && inodes.length === 0) return null;
    const worst = Math.max(...space.map((d) => d.percent), ...inodes.map((d) => d.percent));
    const parts = [
      ...space.sort((a, b) => b.percent - a.percent).map((d) => `${d.mount} is ${d.percent} % full`),
      ...inodes.sort((a, b) => b.percent - a.percent).map((d) => `${d.mount} has used ${d.percent} % of its inodes`),
    ];
    return finding(diskNearlyFull, `${listOf(parts)}.`, {
      severity: worst >= 97 ? 'critical' : 'warning',
      weight: pastThreshold(100 - threshold, Math.max(100 - worst, 0.5)),
      evidence: { worstPercent: worst, mounts: space.length + inodes.length },
    });
  },
};
