import { duration, finding, pastThreshold, type Rule, systemNumber } from './rule.js';

// A clock off by more than a minute breaks two-factor codes, JWTs between Workhorse/Gitaly/Praefect and the
// order of log lines across nodes. Measured by NTP (ntpq offset, chronyc tracking) or, failing that, by the logs
// running ahead of the bundle's own clock (`date`, timedatectl): lines written "after" the bundle was made.
// gitlabsos reads the clock before it copies the logs and its commands take a minute or two, so lines up to
// LOGS_AHEAD_SLACK_S after that clock are expected.
const LOGS_AHEAD_SLACK_S = 600;
export const clockSkew: Rule = {
  id: 'clock-skew',
  title: 'Clock skew',
  input: 'system.clockSkewS, system.ntpOffsetS, system.clockSynchronized, system.collectedAt vs window.to',
  severity: 'warning',
  threshold: 60,
  unit: 's',
  docs: 'https://docs.gitlab.com/administration/gitaly/troubleshooting/',
  check(results, threshold) {
    const ntp = Math.max(systemNumber(results, 'clockSkewS') ?? 0, Math.abs(systemNumber(results, 'ntpOffsetS') ?? 0));
    const collectedAt = Date.parse(String(results.system.collectedAt ?? ''));
    const lastLog = Date.parse(results.window?.to ?? '');
    const ahead = Number.isFinite(collectedAt) && Number.isFinite(lastLog) ? (lastLog - collectedAt) / 1000 : 0;
    const logsAhead = ahead > LOGS_AHEAD_SLACK_S ? ahead : 0;
    const skew = Math.max(ntp, logsAhead);
    if (skew >= threshold) {
      const how =
        ntp >= logsAhead
          ? `NTP says the clock is off by ${duration(ntp)}`
          : `log lines are stamped ${duration(logsAhead)} after the bundle's own clock (${new Date(collectedAt).toISOString()})`;
      return finding(clockSkew, `Clock skew: ${how}.`, {
        severity: skew >= 300 ? 'critical' : 'warning',
        weight: pastThreshold(skew, threshold),
        evidence: { skewS: Math.round(skew) },
      });
    }
    if (results.system.clockSynchronized === false) {
      return finding(
        clockSkew,
        'The system clock is not synchronised with NTP (timedatectl/ntpq); no skew measured yet.',
        {
          severity: 'info',
          weight: 1,
        },
      );
    }
    return null;
  },
};
