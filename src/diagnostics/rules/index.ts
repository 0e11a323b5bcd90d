import type { BundleResults, Finding, Severity } from '../analyse/results.js';
import { clockSkew } from './clock-skew.js';
import { diskNearlyFull } from './disk-nearly-full.js';
import { endpointP99 } from './endpoint-p99.js';
import { errorSpike } from './error-spike.js';
import { gitalyP99 } from './gitaly-p99.js';
import { loadHigh } from './load-high.js';
import { oldGitlabVersion } from './old-gitlab-version.js';
import { oomKills } from './oom-kills.js';
import { pendingMigrations } from './pending-migrations.js';
import { postgresDeadlocks } from './postgres-deadlocks.js';
import { redisMemory } from './redis-memory.js';
import type { AnyRule, RuleFinding } from './rule.js';
import { serviceDown } from './service-down.js';
import { sidekiqFailures } from './sidekiq-failures.js';
import { sidekiqQueueLatency } from './sidekiq-queue-latency.js';
import { slowSqlDominating } from './slow-sql-dominating.js';
import { statementTimeouts } from './statement-timeouts.js';
import { swapInUse } from './swap-in-use.js';
import { tooManyConnections } from './too-many-connections.js';

// Every check run on a bundle's results. To add one: write <id>.ts exporting a Rule (see rule.ts and README.md)
// and add it to this list. The order here does not matter: findings are sorted by severity, then weight.
export const rules: AnyRule[] = [
  diskNearlyFull,
  swapInUse,
  oomKills,
  clockSkew,
  serviceDown,
  loadHigh,
  slowSqlDominating,
  statementTimeouts,
  postgresDeadlocks,
  tooManyConnections,
  pendingMigrations,
  sidekiqQueueLatency,
  sidekiqFailures,
  endpointP99,
  errorSpike,
  gitalyP99,
  redisMemory,
  oldGitlabVersion,
];

export interface RuleOptions {
  /** per rule id, a threshold instead of the rule's default (a number, or a version for old-gitlab-version) */
  thresholds?: Record<string, number | string>;
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** runs every rule; a rule that throws is reported as an info finding, never stops the others */
export function runRules(results: BundleResults, options: RuleOptions = {}): Finding[] {
  const found: RuleFinding[] = [];
  for (const rule of rules) {
    try {
      const hit = check(rule, results, options.thresholds?.[rule.id]);
      if (hit) found.push(hit);
    } catch (err) {
      found.push({
        rule: rule.id,
        severity: 'info',
        message: `The check "${rule.title}" failed: ${err instanceof Error ? err.message : String(err)}`,
        weight: 0,
      });
    }
  }
  found.sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.weight - a.weight);
  return found.map(({ weight: _weight, ...f }) => f);
}

function check(rule: AnyRule, results: BundleResults, override: number | string | undefined): RuleFinding | null {
  if (typeof rule.threshold === 'string') {
    const r = rule as Extract<AnyRule, { threshold: string }>;
    return r.check(results, typeof override === 'string' ? override : r.threshold);
  }
  const r = rule as Extract<AnyRule, { threshold: number }>;
  return r.check(results, typeof override === 'number' ? override : r.threshold);
}
