import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { mergeList, round } from './system-state.js';

// `redis-cli INFO` output (https://redis.io/commands/info): `# Section` headers, then `key:value` lines; keyspace
// lines read `db0:keys=1200,expires=30,avg_ttl=5000`. GitLab runs several Redis instances (cache, queues,
// shared state, sessions…), so results.system.redis is a list, one entry per INFO file, named by the file.
// Not in gitlabsos's command list: expected as an attachment pasted by the customer.

export interface RedisInfo {
  /** the file it came from (its name tells which instance) */
  source: string;
  version?: string;
  role?: string;
  uptimeS?: number;
  connectedClients?: number;
  blockedClients?: number;
  rejectedConnections?: number;
  usedMemoryBytes?: number;
  usedMemoryRssBytes?: number;
  usedMemoryPeakBytes?: number;
  /** 0 = no limit */
  maxmemoryBytes?: number;
  maxmemoryPolicy?: string;
  /** used_memory / maxmemory, in %, when maxmemory is set */
  memoryUsedPercent?: number;
  memFragmentationRatio?: number;
  evictedKeys?: number;
  expiredKeys?: number;
  opsPerSec?: number;
  /** keyspace_hits / (hits + misses), in % */
  hitRatePercent?: number;
  rdbLastBgsaveStatus?: string;
  aofLastWriteStatus?: string;
  keyspace: { db: string; keys: number; expires: number; avgTtlMs: number }[];
}

const NUMBER_FIELDS: Record<string, keyof RedisInfo> = {
  uptime_in_seconds: 'uptimeS',
  connected_clients: 'connectedClients',
  blocked_clients: 'blockedClients',
  rejected_connections: 'rejectedConnections',
  used_memory: 'usedMemoryBytes',
  used_memory_rss: 'usedMemoryRssBytes',
  used_memory_peak: 'usedMemoryPeakBytes',
  maxmemory: 'maxmemoryBytes',
  mem_fragmentation_ratio: 'memFragmentationRatio',
  evicted_keys: 'evictedKeys',
  expired_keys: 'expiredKeys',
  instantaneous_ops_per_sec: 'opsPerSec',
};
const STRING_FIELDS: Record<string, keyof RedisInfo> = {
  redis_version: 'version',
  role: 'role',
  maxmemory_policy: 'maxmemoryPolicy',
  rdb_last_bgsave_status: 'rdbLastBgsaveStatus',
  aof_last_write_status: 'aofLastWriteStatus',
};

export const redisInfo: FileAnalyser = {
  kind: 'redis-info',
  accepts(path, firstLine) {
    const line = firstLine.trim();
    if (line === '# Server' || line.startsWith('redis_version:')) return true;
    return /redis[^/]*info|info[^/]*redis/i.test(path) && /^# [A-Z]\w*$/.test(line);
  },
  open(path, into) {
    return new RedisInfoReader(into, path.slice(path.lastIndexOf('/') + 1));
  },
};

class RedisInfoReader implements FileReader {
  private readonly info: RedisInfo;
  private hits = Number.NaN;
  private misses = Number.NaN;
  private fields = 0;

  constructor(
    private readonly into: Aggregates,
    source: string,
  ) {
    this.info = { source, keyspace: [] };
  }

  line(raw: string): boolean {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return true;
    const colon = text.indexOf(':');
    if (colon <= 0) return false;
    const key = text.slice(0, colon);
    const value = text.slice(colon + 1);
    this.fields++;
    const info = this.info as unknown as Record<string, unknown>;
    const numberField = NUMBER_FIELDS[key];
    const stringField = STRING_FIELDS[key];
    if (numberField) info[numberField] = Number(value);
    else if (stringField) info[stringField] = value;
    else if (key === 'keyspace_hits') this.hits = Number(value);
    else if (key === 'keyspace_misses') this.misses = Number(value);
    else if (/^db\d+$/.test(key) && this.info.keyspace.length < 64) {
      const kv = Object.fromEntries(value.split(',').map((p) => p.split('=') as [string, string]));
      this.info.keyspace.push({
        db: key,
        keys: Number(kv.keys ?? 0),
        expires: Number(kv.expires ?? 0),
        avgTtlMs: Number(kv.avg_ttl ?? 0),
      });
    }
    return true;
  }

  finish(): string | undefined {
    if (this.fields === 0) return 'no INFO fields';
    const info = this.info;
    if (info.maxmemoryBytes && info.usedMemoryBytes !== undefined) {
      info.memoryUsedPercent = round((100 * info.usedMemoryBytes) / info.maxmemoryBytes, 1);
    }
    if (this.hits + this.misses > 0) info.hitRatePercent = round((100 * this.hits) / (this.hits + this.misses), 1);
    mergeList(this.into, 'redis', [info], (r) => r.source, 20);
    return undefined;
  }
}
