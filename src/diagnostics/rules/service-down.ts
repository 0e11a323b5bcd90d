import type { GitlabService } from '../analyse/system-files.js';
import { duration, finding, listOf, type Rule } from './rule.js';

// gitlab-ctl status: a service runit wants up that is down, or one that restarted minutes before the bundle
// while the others ran for hours (a crash loop).
export const serviceDown: Rule = {
  id: 'service-down',
  title: 'GitLab service down or restarting',
  input: 'system.gitlabServices (gitlab-ctl status)',
  severity: 'critical',
  threshold: 300,
  unit: 's of uptime (a restart more recent than this counts)',
  docs: 'https://docs.gitlab.com/omnibus/maintenance/',
  check(results, threshold) {
    const services = (results.system.gitlabServices as GitlabService[] | undefined) ?? [];
    if (services.length === 0) return null;
    const down = services.filter((s) => s.state !== 'run');
    const running = services.filter((s) => s.state === 'run');
    const longest = Math.max(0, ...running.map((s) => s.uptimeS));
    // only when the rest has been up for long: right after a reboot everything is young
    const restarted = longest > threshold * 12 ? running.filter((s) => s.uptimeS < threshold) : [];
    if (down.length === 0 && restarted.length === 0) return null;
    const parts = [
      ...down.map((s) => `${s.name} is ${s.state}${s.wantUp ? ' (wanted up)' : ''}`),
      ...restarted.map((s) => `${s.name} restarted ${duration(s.uptimeS)} before the bundle`),
    ];
    return finding(serviceDown, `${listOf(parts, 4)}.`, {
      severity: down.length > 0 ? 'critical' : 'warning',
      weight: 1 + down.length + restarted.length / 2,
      evidence: { down: down.length, restarted: restarted.length },
    });
  },
};
