import { duration, finding, listOf, pastThreshold, type Rule } from './rule.js';

// Gitaly calls slow at p99: every page that touches a repository waits on them. Clones, fetches, pushes and
// housekeeping are long by nature (they stream a whole repository), so they are left out here; the Gitaly
// table shows them.
const MIN_CALLS = 10;
const LONG_BY_NATURE =
  /UploadPack|ReceivePack|UploadArchive|CreateRepositoryFrom|FetchRemote|ReplicateRepository|OptimizeRepository|GarbageCollect|Repack|BackupRepository|RestoreRepository|CreateBundle|FetchIntoObjectPool/;

export const gitalyP99: Rule = {
  id: 'gitaly-p99',
  title: 'Slow Gitaly calls',
  input: 'gitaly[].p99Ms',
  severity: 'warning',
  threshold: 5,
  unit: 's (p99)',
  docs: 'https://docs.gitlab.com/administration/gitaly/troubleshooting/',
  check(results, threshold) {
    const slow = results.gitaly
      .filter((g) => g.count >= MIN_CALLS && g.p99Ms >= threshold * 1000 && !LONG_BY_NATURE.test(g.rpc))
      .sort((a, b) => b.p99Ms * b.count - a.p99Ms * a.count);
    const worst = slow[0];
    if (!worst) return null;
    const max = Math.max(...slow.map((g) => g.p99Ms)) / 1000;
    return finding(
      gitalyP99,
      `${slow.length} Gitaly RPC${slow.length === 1 ? '' : 's'} with p99 over ${duration(threshold)}: ${listOf(slow.map((g) => `${g.rpc} ${duration(g.p99Ms / 1000)} (${g.count} calls)`))}.`,
      {
        severity: max >= threshold * 6 ? 'critical' : 'warning',
        weight: pastThreshold(max, threshold),
        evidence: { rpcs: slow.length, worstRpc: worst.rpc, p99Ms: Math.round(worst.p99Ms) },
      },
    );
  },
};
