import { finding, type Rule } from './rule.js';

// A GitLab older than the supported minimum: known bugs are fixed in later releases and security fixes stop.
// GitLab patches the current and two previous monthly releases; the default minimum below is a floor to
// raise as releases go out (runRules({ thresholds: { 'old-gitlab-version': '17.8' } })).
export const MINIMUM_GITLAB_VERSION = '17.0';

export const oldGitlabVersion: Rule<string> = {
  id: 'old-gitlab-version',
  title: 'Old GitLab version',
  input: 'system.version (gitlab:env:info, version-manifest)',
  severity: 'warning',
  threshold: MINIMUM_GITLAB_VERSION,
  unit: 'version (major.minor)',
  docs: 'https://docs.gitlab.com/policy/maintenance/',
  check(results, threshold) {
    const version = parseVersion(String(results.system.version ?? ''));
    const minimum = parseVersion(threshold);
    if (!version || !minimum) return null;
    if (compare(version, minimum) >= 0) return null;
    const majorsBehind = minimum[0] - version[0];
    const minorsBehind = majorsBehind > 0 ? majorsBehind * 12 : minimum[1] - version[1];
    return finding(
      oldGitlabVersion,
      `GitLab ${results.system.version} is older than ${threshold}: upgrade before chasing known bugs.`,
      {
        severity: majorsBehind >= 2 ? 'critical' : 'warning',
        // below what is running or broken now (a service down, OOM kills): upgrading is advice, not the incident
        weight: 0.5 + Math.min(minorsBehind, 24) / 48,
        evidence: { version: String(results.system.version), minimum: threshold },
      },
    );
  },
};

function parseVersion(text: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

function compare(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
