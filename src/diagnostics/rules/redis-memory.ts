import type { RedisInfo } from '../analyse/redis-info.js';
import { finding, fmt, listOf, pastThreshold, type Rule } from './rule.js';

// Redis near maxmemory, or evicting keys. On GitLab's cache instance (allkeys-lru) evictions are the design; on
// any other instance (queues, shared state, sessions) an eviction loses Sidekiq jobs or sessions, and with
// noeviction a full Redis refuses writes. Refused client connections are reported too.
export const redisMemory: Rule = {
  id: 'redis-memory',
  title: 'Redis memory near maxmemory or evicting keys',
  input: 'system.redis[] (INFO: used_memory, maxmemory, evicted_keys, rejected_connections)',
  severity: 'warning',
  threshold: 90,
  unit: '% of maxmemory',
  docs: 'https://docs.gitlab.com/administration/redis/troubleshooting/',
  check(results, threshold) {
    const instances = (results.system.redis as RedisInfo[] | undefined) ?? [];
    const problems: string[] = [];
    let critical = false;
    let weight = 1;
    for (const r of instances) {
      const cache = /cache/i.test(r.source) || r.maxmemoryPolicy?.startsWith('allkeys') === true;
      if (r.memoryUsedPercent !== undefined && r.memoryUsedPercent >= threshold) {
        problems.push(
          `${r.source} uses ${fmt(r.memoryUsedPercent, 1)} % of maxmemory (${r.maxmemoryPolicy ?? 'policy unknown'})`,
        );
        weight = Math.max(weight, pastThreshold(100 - threshold, Math.max(100 - r.memoryUsedPercent, 0.5)));
        if (!cache && r.maxmemoryPolicy === 'noeviction') critical = true;
      }
      if ((r.evictedKeys ?? 0) > 0) {
        problems.push(`${r.source} evicted ${fmt(r.evictedKeys ?? 0)} keys`);
        if (!cache) critical = true;
        weight = Math.max(weight, pastThreshold(r.evictedKeys ?? 0, 1000));
      }
      if ((r.rejectedConnections ?? 0) > 0) {
        problems.push(`${r.source} rejected ${fmt(r.rejectedConnections ?? 0)} connections`);
        critical = true;
      }
    }
    if (problems.length === 0) return null;
    return finding(redisMemory, `Redis: ${listOf(problems, 4)}.`, {
      severity: critical ? 'critical' : 'warning',
      weight,
      evidence: { instances: instances.length, problems: problems.length },
    });
  },
};
