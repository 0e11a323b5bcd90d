import { finding, pastThreshold, type Rule, systemNumber } from './rule.js';

// The kernel killed processes for memory: Puma, Sidekiq or PostgreSQL died mid-work. Always critical.
type Victim = { pid: number; process: string; cgroup?: boolean };

export const oomKills: Rule = {
  id: 'oom-kills',
  title: 'Processes killed for memory (OOM)',
  input: 'system.oomKills, system.oomVictims (dmesg, messages, syslog)',
  severity: 'critical',
  threshold: 1,
  unit: 'kills',
  docs: 'https://docs.gitlab.com/omnibus/settings/memory_constrained_envs/',
  check(results, threshold) {
    const kills = systemNumber(results, 'oomKills') ?? 0;
    if (kills < threshold) return null;
    const victims = (results.system.oomVictims as Victim[] | undefined) ?? [];
    const byName = new Map<string, number>();
    for (const v of victims) byName.set(v.process, (byName.get(v.process) ?? 0) + 1);
    const names = [...byName]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => (n > 1 ? `${name} ×${n}` : name))
      .slice(0, 5);
    const cgroup = victims.some((v) => v.cgroup) ? ' (some by a memory cgroup limit)' : '';
    return finding(
      oomKills,
      `The kernel's OOM killer killed ${kills} process${kills === 1 ? '' : 'es'}${names.length ? ` (${names.join(', ')})` : ''}${cgroup}.`,
      {
        weight: pastThreshold(kills, threshold) + 1,
        evidence: { oomKills: kills },
      },
    );
  },
};
