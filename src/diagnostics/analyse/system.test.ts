import { describe, expect, it } from 'vitest';
import { Aggregates } from './aggregates.js';
import type { FileAnalyser } from './analyser.js';
import { analysers } from './analysers.js';
import { parseDateOutput, systemFiles, toMb, uptimeSeconds } from './system-files.js';
import { kernelLog } from './system-kernel.js';
import { firstLine, readLines } from './test-support.js';

// Like the engine: the first analyser of the registry that accepts the file reads it
function feed(path: string, text: string, into = new Aggregates(), only?: FileAnalyser) {
  const analyser = only ?? analysers.find((a) => a.accepts(path, firstLine(text)));
  if (!analyser) throw new Error(`no analyser accepts ${path}`);
  return { ...readLines(analyser, path, text, into), kind: analyser.kind };
}

const SOS = 'gitlabsos.gitlab-01_20240501100009';

const DF_HT = `Filesystem                        Type      Size  Used Avail Use% Mounted on
udev                              devtmpfs  7.8G     0  7.8G   0% /dev
tmpfs                             tmpfs     1.6G  1.9M  1.6G   1% /run
/dev/mapper/ubuntu--vg-ubuntu--lv ext4       97G   88G  4.5G  96% /
tmpfs                             tmpfs     7.9G     0  7.9G   0% /dev/shm
/dev/sdb1                         xfs       500G  310G  190G  62% /var/opt/gitlab
/dev/loop3                        squashfs   64M   64M     0 100% /snap/core20/2264
/dev/sda2                         ext4      2.0G  253M  1.6G  14% /boot
`;

const DF_INODES = `Filesystem                         Inodes   IUsed    IFree IUse% Mounted on
/dev/mapper/ubuntu--vg-ubuntu--lv 6488064 6293422   194642   97% /
/dev/sdb1                        262144000 1200000 260944000    1% /var/opt/gitlab
`;

const FREE_M = `               total        used        free      shared  buff/cache   available
Mem:           15988       12123         312         402        3552        3061
Swap:           2047        1536         511
`;

const VMSTAT = `procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 3  0 1572864 319488 102400 3534848    1    2    50   120  900 1800 20  5 73  2  0
 6  1 1572864 310000 102400 3534848   40  120   800  2400 4000 9000 60 15  5 20  0
 5  2 1572900 305000 102400 3534848   60   80   900  2600 4200 9100 55 15 10 20  0
`;

const TOP = `top - 10:00:09 up 12 days,  3:04,  1 user,  load average: 9.12, 8.80, 7.55
Tasks: 312 total,   4 running, 306 sleeping,   0 stopped,   2 zombie
%Cpu(s): 61.5 us, 14.1 sy,  0.0 ni,  4.6 id, 19.5 wa,  0.0 hi,  0.3 si,  0.0 st
MiB Mem :  15988.0 total,    312.3 free,  12123.4 used,   3552.1 buff/cache
MiB Swap:   2047.0 total,    511.0 free,   1536.0 used.   3061.0 avail Mem

    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
   4321 git       20   0 3145728   1.2g  12345 R  95.0   7.8 123:45.67 puma: cluster worker 0: 1234 [gitlab-puma-worker]
   4400 git       20   0 2345678 987654  12345 S  80.0   6.0  99:00.00 sidekiq 7.1.6 queues:default [0 of 20 busy]
   5100 gitlab-+  20   0 4567890 524288  65536 S  45.0   3.2  20:00.00 postgres: gitlab gitlabhq_production [local] SELECT
      1 root      20   0  167000  12000   8000 S   0.0   0.1   0:05.00 /sbin/init
`;

const ENV_INFO = `System information
System:		Ubuntu 22.04
Proxy:		no
Current User:	git
Using RVM:	no
Ruby Version:	3.1.5p253
Gem Version:	3.5.9
Bundler Version:2.5.9
Rake Version:	13.0.6
Redis Version:	7.0.15
Sidekiq Version:7.1.6
Go Version:	unknown

GitLab information
Version:	16.11.2-ee
Revision:	8a51f4e2f1c
Directory:	/opt/gitlab/embedded/service/gitlab-rails
DB Adapter:	PostgreSQL
DB Version:	14.11
URL:		https://gitlab.example.com
HTTP Clone URL:	https://gitlab.example.com/some-group/some-project.git
SSH Clone URL:	git@gitlab.example.com:some-group/some-project.git
Using LDAP:	yes
Using Omniauth:	yes
Omniauth Providers: saml

GitLab Shell
Version:	14.35.0
Repository storages:
- default: 	unix:/var/opt/gitlab/gitaly/gitaly.socket
GitLab Shell path:		/opt/gitlab/embedded/service/gitlab-shell

Gitaly
- default Address: 	unix:/var/opt/gitlab/gitaly/gitaly.socket
- default Version: 	16.11.2
- default Git Version: 	2.43.2
`;

const GITLAB_STATUS = `run: alertmanager: (pid 1410) 1036800s; run: log: (pid 1402) 1036800s
run: gitaly: (pid 1380) 1036800s; run: log: (pid 1379) 1036800s
run: gitlab-workhorse: (pid 1399) 1036800s; run: log: (pid 1398) 1036800s
run: postgresql: (pid 1370) 1036800s; run: log: (pid 1369) 1036800s
run: puma: (pid 4300) 95s; run: log: (pid 1390) 1036800s
down: sidekiq: 0s, normally up, want up; run: log: (pid 1392) 1036800s
`;

const NTPQ = `     remote           refid      st t when poll reach   delay   offset  jitter
==============================================================================
*10.0.0.1        .GPS.            1 u   33   64  377    0.512  -95012.034   0.021
+10.0.0.2        10.0.0.1         2 u   12   64  377    0.601  -95011.110   0.033
`;

const TIMEDATECTL = `               Local time: Wed 2024-05-01 10:00:09 UTC
           Universal time: Wed 2024-05-01 10:00:09 UTC
                 RTC time: Wed 2024-05-01 10:01:44
                Time zone: Etc/UTC (UTC, +0000)
System clock synchronized: no
              NTP service: inactive
          RTC in local TZ: no
`;

const DMESG = `[    0.000000] Linux version 5.15.0-105-generic (buildd@lcy02-amd64-007) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0) #115-Ubuntu SMP
[1034000.123456] ruby invoked oom-killer: gfp_mask=0x1100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
[1034000.123600] Out of memory: Killed process 4200 (ruby) total-vm:4523432kB, anon-rss:3123456kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:8000kB oom_score_adj:0
[1035000.000001] Out of memory: Killed process 4250 (ruby) total-vm:4523432kB, anon-rss:3123456kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:8000kB oom_score_adj:0
[1035500.000001] INFO: task gitaly:1380 blocked for more than 120 seconds.
`;

const MESSAGES = `May  1 09:40:01 gitlab-01 CRON[998]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)
May  1 09:43:20 gitlab-01 kernel: [1034000.123600] Out of memory: Killed process 4200 (ruby) total-vm:4523432kB, anon-rss:3123456kB
May  1 09:50:00 gitlab-01 kernel: [1034600.000001] Memory cgroup out of memory: Killed process 5100 (postgres) total-vm:4567890kB
`;

describe('system files of a GitLabSOS', () => {
  it('turn into results.system: disk, memory, swap, load, version, services, clock, OOM', () => {
    const into = new Aggregates();
    const kinds: Record<string, string> = {};
    const files: [string, string][] = [
      ['df_hT', DF_HT],
      ['df_inodes', DF_INODES],
      ['free_m', FREE_M],
      ['vmstat', VMSTAT],
      ['top_cpu', TOP],
      ['uptime', ' 10:00:09 up 12 days,  3:04,  1 user,  load average: 9.12, 8.80, 7.55\n'],
      [
        'lscpu',
        'Architecture:            x86_64\nCPU op-mode(s):          32-bit, 64-bit\nCPU(s):                  4\n',
      ],
      ['gitlab_env_info', ENV_INFO],
      ['opt/gitlab/version-manifest.txt', 'gitlab-ee 16.11.2\n\nComponent        Installed Version   Version GUID\n'],
      ['gitlab_status', GITLAB_STATUS],
      [
        'gitlab_migrations',
        '\ndatabase: gitlabhq_production\n\n Status   Migration ID    Migration Name\n--------------------------------------------------\n   up     20240401000000  Add something\n  down    20240501000000  Add another thing\n',
      ],
      ['timedatectl', TIMEDATECTL],
      ['ntpq', NTPQ],
      ['dmesg', DMESG],
      ['var/log/messages', MESSAGES],
      [
        'pressure_mem.txt',
        'some avg10=12.50 avg60=10.20 avg300=8.00 total=123456789\nfull avg10=5.00 avg60=4.10 avg300=3.00 total=23456789\n',
      ],
      ['etc/os-release', 'NAME="Ubuntu"\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.4 LTS"\n'],
    ];
    for (const [name, text] of files) {
      const { kind, bad } = feed(`${SOS}/${name}`, text, into);
      kinds[name] = kind;
      expect(bad, name).toBe(0);
    }
    expect(kinds).toMatchObject({
      df_hT: 'df',
      df_inodes: 'df',
      free_m: 'free',
      vmstat: 'vmstat',
      top_cpu: 'top',
      gitlab_env_info: 'env-info',
      gitlab_status: 'gitlab-status',
      dmesg: 'kernel-log',
      'var/log/messages': 'kernel-log',
    });
    const s = into.system;
    // pseudo and read-only file systems left out; fullest first
    expect(s.diskUsedPercent).toEqual([
      { mount: '/', percent: 96, filesystem: '/dev/mapper/ubuntu--vg-ubuntu--lv' },
      { mount: '/var/opt/gitlab', percent: 62, filesystem: '/dev/sdb1' },
      { mount: '/boot', percent: 14, filesystem: '/dev/sda2' },
    ]);
    expect(s.inodesUsedPercent).toEqual([
      { mount: '/', percent: 97, filesystem: '/dev/mapper/ubuntu--vg-ubuntu--lv' },
      { mount: '/var/opt/gitlab', percent: 1, filesystem: '/dev/sdb1' },
    ]);
    // free -m wins over top's rounding
    expect(s).toMatchObject({
      memoryTotalMb: 15988,
      memoryUsedMb: 12123,
      memoryAvailableMb: 3061,
      swapTotalMb: 2047,
      swapUsedMb: 1536,
      loadAverage: [9.12, 8.8, 7.55],
      uptimeS: 12 * 86_400 + 3 * 3_600 + 4 * 60,
      cpuCount: 4,
      version: '16.11.2',
      edition: 'ee',
      postgresVersion: '14.11',
      redisVersion: '7.0.15',
      os: 'Ubuntu 22.04.4 LTS',
      pendingMigrations: 1,
      zombieProcesses: 2,
      collectedAt: '2024-05-01T10:00:09.000Z',
      clockSynchronized: true,
      ntpOffsetS: -95.012034,
      clockSkewS: 95.012034,
      ntpService: 'inactive',
      pressure: { mem: { someAvg60: 10.2, someAvg300: 8, fullAvg60: 4.1, fullAvg300: 3 } },
    });
    // the first vmstat row (since boot) is left out
    expect(s.vmstat).toMatchObject({ samples: 2, swapInAvg: 50, swapOutAvg: 100, ioWaitAvg: 20, cpuIdleAvg: 7.5 });
    expect((s.topProcesses as { pid: number; resMb: number; command: string }[]).slice(0, 2)).toMatchObject([
      { pid: 4321, resMb: 1228.8, command: 'puma: cluster worker 0: 1234 [gitlab-puma-worker]' },
      { pid: 4400, resMb: 964.5 },
    ]);
    expect(s.gitlabServices).toContainEqual({ name: 'sidekiq', state: 'down', uptimeS: 0, wantUp: true });
    expect(s.gitlabServices).toContainEqual({ name: 'puma', state: 'run', uptimeS: 95 });
    // pid 4200 is in dmesg and in messages: one kill; the cgroup kill is another
    expect(s.oomKills).toBe(3);
    expect(s.oomVictims).toContainEqual({ pid: 5100, process: 'postgres', cgroup: true });
    expect(s.kernel).toMatchObject({ oomInvocations: 1, hungTasks: 1 });
  });

  it('recognises single uploaded outputs by their first line', () => {
    const byContent: [string, string][] = [
      ['output-1.txt', DF_HT],
      ['output-2.txt', FREE_M],
      ['output-3.txt', VMSTAT],
      ['output-4.txt', TOP],
      ['output-5.txt', ENV_INFO],
      ['output-6.txt', NTPQ],
      ['output-7.txt', TIMEDATECTL],
      ['output-8.txt', DMESG],
      ['output-9.txt', GITLAB_STATUS],
    ];
    const kinds = byContent.map(([path, text]) => feed(path, text).kind);
    expect(kinds).toEqual([
      'df',
      'free',
      'vmstat',
      'top',
      'env-info',
      'ntpq',
      'timedatectl',
      'kernel-log',
      'gitlab-status',
    ]);
  });

  it('reads plain free (KiB), meminfo, chrony and date', () => {
    const plain = feed(
      'free',
      `              total        used        free      shared  buff/cache   available
Mem:       16371516    12413952      319488      411648     3638076     3134464
Swap:       2097148           0     2097148
`,
    ).into.system;
    expect(plain).toMatchObject({ memoryTotalMb: 15988, swapUsedMb: 0 });
    const meminfo = feed(
      'proc/meminfo',
      'MemTotal:       16371516 kB\nMemFree:          319488 kB\nMemAvailable:    3134464 kB\nSwapTotal:       2097148 kB\nSwapFree:         524288 kB\n',
    ).into.system;
    expect(meminfo).toMatchObject({
      memoryTotalMb: 15988,
      memoryAvailableMb: 3061,
      swapTotalMb: 2048,
      swapUsedMb: 1536,
    });
    const chrony = feed(
      'chronyc_tracking',
      `Reference ID    : A9FEA97B (169.254.169.123)
Stratum         : 4
System time     : 0.000012345 seconds slow of NTP time
Leap status     : Normal
`,
    ).into.system;
    expect(chrony).toMatchObject({ ntpOffsetS: -0.000012, clockSynchronized: true });
    expect(feed('date', 'Wed May  1 10:00:09 UTC 2024\n').into.system.collectedAt).toBe('2024-05-01T10:00:09.000Z');
    expect(parseDateOutput('Wed, 01 May 2024 12:00:09 +0200')).toBe(Date.UTC(2024, 4, 1, 10, 0, 9));
    // CST is three zones: not read
    expect(parseDateOutput('Wed May  1 10:00:09 CST 2024')).toBeUndefined();
  });

  it('parses units and uptimes', () => {
    expect(toMb('9.1G')).toBeCloseTo(9318.4, 1);
    expect(toMb('512Mi')).toBe(512);
    expect(toMb('1024', 'K')).toBe(1);
    expect(uptimeSeconds('up 45 min,  2 users')).toBe(2700);
    expect(uptimeSeconds('up 1 day, 20 min,')).toBe(87_600);
    expect(uptimeSeconds('up 3:04,')).toBe(11_040);
    expect(uptimeSeconds('up 12 days,  3 users')).toBe(12 * 86_400);
  });

  it('leaves a file saying "command not found" without system fields', () => {
    const { into, note } = feed(
      `${SOS}/ntpq`,
      'bash: ntpq: command not found\n',
      new Aggregates(),
      systemFiles.find((a) => a.kind === 'ntpq'),
    );
    expect(into.system.clockSkewS).toBeUndefined();
    expect(note).toBe('no NTP peers');
    expect(kernelLog.accepts(`${SOS}/dmesg`, 'dmesg: read kernel buffer failed: Operation not permitted')).toBe(true);
  });
});
