import { describe, expect, it } from 'vitest';
import { type StraceSummary, strace } from './strace.js';
import { feed } from './test-support.js';

// `strace -f -tt -T -p <puma pid> -o trace.txt`: two threads, a futex cut in two by the other thread's output
const TRACE = `48211 10:00:00.100000 openat(AT_FDCWD, "/var/opt/gitlab/gitlab-rails/shared/cache/x", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory) <0.000015>
48211 10:00:00.100100 stat("/home/alice/.gitconfig", 0x7ffd5a1c2b40) = -1 ENOENT (No such file or directory) <0.000010>
48212 10:00:00.100200 futex(0x7f3c2c0008c0, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>
48211 10:00:00.100300 read(12, "GET / HTTP/1.1\\r\\nHost: gitlab.example.com\\r\\nAuthorization: Bearer abcdefghijklmnop"..., 16384) = 512 <0.000030>
48211 10:00:00.100400 read(12, 0x7f3c1c000b70, 16384) = -1 EAGAIN (Resource temporarily unavailable) <0.000008>
48211 10:00:00.100500 poll([{fd=12, events=POLLIN}], 1, 60000) = 1 ([{fd=12, revents=POLLIN}]) <2.500100>
48212 10:00:02.600300 <... futex resumed>) = 0 <2.500100>
48211 10:00:02.600400 write(12, "HTTP/1.1 200 OK\\r\\n"..., 4096) = 4096 <0.000050>
48211 10:00:02.600500 connect(14, {sa_family=AF_UNIX, sun_path="/var/opt/gitlab/gitaly/gitaly.socket"}, 110) = 0 <0.000100>
48213 10:00:02.700000 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=48214, si_uid=998, si_status=0} ---
48214 10:00:02.700100 exit_group(0)                     = ?
48214 10:00:02.700200 +++ exited with 0 +++
48211 10:00:02.800000 read(15, 
`;

describe('strace', () => {
  it('sums syscalls by time and count, keeps the slowest calls and errno counts', () => {
    const { into, bad } = feed(strace, 'strace-puma.txt', TRACE);
    // the last line was cut mid-call
    expect(bad).toBe(1);
    const s = into.system.strace as StraceSummary;
    expect(s.calls).toBe(9);
    expect(s.processes).toBe(4);
    expect(s.signals).toBe(1);
    expect(s.exits).toBe(1);
    expect(s.syscallS).toBeCloseTo(0.000015 + 0.00001 + 0.00003 + 0.000008 + 2.5001 + 2.5001 + 0.00005 + 0.0001, 6);
    const byName = Object.fromEntries(s.syscalls.map((c) => [c.syscall, c]));
    expect(byName.read).toMatchObject({ count: 2, errors: 1 });
    expect(byName.futex).toMatchObject({ count: 1, totalS: 2.5001 });
    expect(byName.poll?.timePercent).toBeCloseTo(50, 0);
    expect(s.syscalls[0]?.syscall).toMatch(/^(poll|futex)$/);
    expect(s.errors).toEqual([
      { errno: 'ENOENT', count: 2 },
      { errno: 'EAGAIN', count: 1 },
    ]);
    expect(
      s.slowest
        .map((c) => c.syscall)
        .slice(0, 2)
        .sort(),
    ).toEqual(['futex', 'poll']);
    expect(s.slowest[0]).toMatchObject({ durationS: 2.5001, at: expect.stringMatching(/^10:00:0/) });
    // a read buffer with a token in it is redacted in the kept call
    const read = s.slowest.find((c) => c.syscall === 'read' && c.call.includes('Authorization'));
    expect(read?.call).toContain('[REDACTED]');
    expect(read?.call).not.toContain('abcdefghijklmnop');
  });

  it('reads the strace -c summary table', () => {
    const table = `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 62.50    0.250000          25     10000       120 futex
 25.00    0.100000          10     10000           read
 12.50    0.050000           5     10000      9000 openat
------ ----------- ----------- --------- --------- ----------------
100.00    0.400000                 30000      9120 total
`;
    const { into, bad } = feed(strace, 'strace-c.txt', table);
    expect(bad).toBe(0);
    const s = into.system.strace as StraceSummary;
    expect(s.fromSummaryTable).toBe(true);
    expect(s.calls).toBe(30000);
    expect(s.syscalls.map((c) => [c.syscall, c.count, c.totalS, c.errors, c.timePercent])).toEqual([
      ['futex', 10000, 0.25, 120, 62.5],
      ['read', 10000, 0.1, 0, 25],
      ['openat', 10000, 0.05, 9000, 12.5],
    ]);
  });
});
