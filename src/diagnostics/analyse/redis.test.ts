import { describe, expect, it } from 'vitest';
import { Aggregates } from './aggregates.js';
import { type RedisInfo, redisInfo } from './redis-info.js';
import { commandShape, type RedisSlowlogSummary, redisSlowlog } from './redis-slowlog.js';
import { feed } from './test-support.js';

// `redis-cli INFO` of a Redis 7 queues instance (abridged: every section kept, some keys left out)
const INFO = `# Server\r
redis_version:7.0.15\r
redis_mode:standalone\r
os:Linux 5.15.0-105-generic x86_64\r
uptime_in_seconds:1209600\r
uptime_in_days:14\r
\r
# Clients\r
connected_clients:412\r
blocked_clients:38\r
maxclients:10000\r
\r
# Memory\r
used_memory:7730941132\r
used_memory_human:7.20G\r
used_memory_rss:8160437862\r
used_memory_peak:8010000000\r
maxmemory:8589934592\r
maxmemory_human:8.00G\r
maxmemory_policy:noeviction\r
mem_fragmentation_ratio:1.06\r
\r
# Persistence\r
rdb_last_bgsave_status:ok\r
aof_last_write_status:ok\r
\r
# Stats\r
total_connections_received:981233\r
total_commands_processed:2233445566\r
instantaneous_ops_per_sec:18250\r
rejected_connections:0\r
expired_keys:123456\r
evicted_keys:0\r
keyspace_hits:900\r
keyspace_misses:100\r
\r
# Replication\r
role:master\r
connected_slaves:0\r
\r
# Keyspace\r
db0:keys=184231,expires=2210,avg_ttl=81234\r
db1:keys=12,expires=0,avg_ttl=0\r
`;

describe('Redis INFO', () => {
  it('reads version, memory, clients, evictions and keyspace into system.redis', () => {
    const { into, bad } = feed(redisInfo, 'redis-queues-info.txt', INFO);
    expect(bad).toBe(0);
    const [info] = into.system.redis as RedisInfo[];
    expect(info).toEqual({
      source: 'redis-queues-info.txt',
      version: '7.0.15',
      role: 'master',
      uptimeS: 1209600,
      connectedClients: 412,
      blockedClients: 38,
      rejectedConnections: 0,
      usedMemoryBytes: 7730941132,
      usedMemoryRssBytes: 8160437862,
      usedMemoryPeakBytes: 8010000000,
      maxmemoryBytes: 8589934592,
      maxmemoryPolicy: 'noeviction',
      // 7730941132 / 8589934592
      memoryUsedPercent: 90,
      memFragmentationRatio: 1.06,
      evictedKeys: 0,
      expiredKeys: 123456,
      opsPerSec: 18250,
      hitRatePercent: 90,
      rdbLastBgsaveStatus: 'ok',
      aofLastWriteStatus: 'ok',
      keyspace: [
        { db: 'db0', keys: 184231, expires: 2210, avgTtlMs: 81234 },
        { db: 'db1', keys: 12, expires: 0, avgTtlMs: 0 },
      ],
    });
  });

  it('keeps one entry per instance', () => {
    const into = new Aggregates();
    feed(redisInfo, 'redis-cache-info.txt', INFO.replace('evicted_keys:0', 'evicted_keys:5000'), into);
    feed(redisInfo, 'redis-queues-info.txt', INFO, into);
    const list = into.system.redis as RedisInfo[];
    expect(list.map((r) => [r.source, r.evictedKeys])).toEqual([
      ['redis-cache-info.txt', 5000],
      ['redis-queues-info.txt', 0],
    ]);
  });
});

// `redis-cli SLOWLOG GET 3` on a terminal (Redis ≥ 4: client address and name)
const SLOWLOG = `1) 1) (integer) 14
   2) (integer) 1714557600
   3) (integer) 15023
   4) 1) "KEYS"
      2) "*"
   5) "10.0.0.5:58217"
   6) ""
2) 1) (integer) 13
   2) (integer) 1714557590
   3) (integer) 12000
   4) 1) "HGETALL"
      2) "session:gitlab:2::733c4a5e8b1d4f6a9c0e1f2a3b4c5d6e"
   5) "203.0.113.9:40112"
   6) "puma"
3) 1) (integer) 12
   2) (integer) 1714557500
   3) (integer) 11000
   4) 1) "KEYS"
      2) "cache:gitlab:*"
   5) "10.0.0.5:58218"
   6) ""
`;

describe('Redis SLOWLOG GET', () => {
  it('reads the terminal format: by command and the slowest, keys shaped not kept', () => {
    const { into, bad } = feed(redisSlowlog, 'slowlog.txt', SLOWLOG);
    expect(bad).toBe(0);
    const s = into.system.redisSlowlog as RedisSlowlogSummary;
    expect(s.entries).toBe(3);
    expect(s.totalUs).toBe(38023);
    expect(s.byCommand).toEqual([
      { command: 'KEYS', count: 2, totalUs: 26023, maxUs: 15023 },
      { command: 'HGETALL', count: 1, totalUs: 12000, maxUs: 12000 },
    ]);
    expect(s.slowest[0]).toEqual({
      id: 14,
      at: '2024-05-01T10:00:00.000Z',
      durationUs: 15023,
      command: 'KEYS *',
      client: '10.0.0.5:58217',
    });
    // a public client address is masked, a session id never shown
    expect(s.slowest[1]?.command).toBe('HGETALL session:gitlab:N::…');
    expect(s.slowest[1]?.client).toBe('203.0.113.x:40112');
  });

  it('reads the bare format redis-cli writes to a file', () => {
    const bare = [
      '14',
      '1714557600',
      '15023',
      'KEYS',
      '*',
      '10.0.0.5:58217',
      '',
      '13',
      '1714557590',
      '12000',
      'DEL',
      'a',
      'b',
      '10.0.0.6:1',
      'x',
    ];
    const { into } = feed(redisSlowlog, 'redis-slowlog.txt', `${bare.join('\n')}\n`);
    const s = into.system.redisSlowlog as RedisSlowlogSummary;
    expect(s.entries).toBe(2);
    expect(s.slowest.map((e) => [e.id, e.durationUs, e.command])).toEqual([
      [14, 15023, 'KEYS *'],
      [13, 12000, 'DEL a (+1 args)'],
    ]);
  });

  it('a slow entry counts among the slowest even when its command is past the 500 kept by name', () => {
    const bare: string[] = [];
    for (let i = 0; i < 501; i++) bare.push(String(1000 - i), String(1714557600 + i), '100', `CMD${i}`, 'k', '');
    bare.push('1', '1714558200', '900000', 'LATECOMER', 'k');
    const { into } = feed(redisSlowlog, 'redis-slowlog.txt', `${bare.join('\n')}\n`);
    const s = into.system.redisSlowlog as RedisSlowlogSummary;
    expect(s.entries).toBe(502);
    expect(s.slowest[0]).toMatchObject({ durationUs: 900000 });
    expect(s.slowest[0]?.command).toMatch(/^LATECOMER/);
  });

  it('shapes commands', () => {
    expect(commandShape(['get', 'user:12345:profile'])).toBe('GET user:N:profile');
    expect(commandShape([])).toBe('(none)');
  });
});
