import { type Aggregates, MAX_KEYS } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { redactLine } from './redact.js';
import { bundleScratch, keepLargest, largestFirst, round } from './system-state.js';

// strace output, as Support asks for it: `strace -f -tt -T -p <pid> -o trace.txt` (pid first with -f, time of
// day, the call, its result and `<seconds spent>`). A call cut by another process's output is logged in two
// halves, `read(5, <unfinished ...>` then `<... read resumed>…) = 12 <0.25>`: the time is on the second.
// Also reads the `strace -c` summary table. Out: results.system.strace — syscalls by total time and count,
// the slowest calls, error counts by errno (ENOENT, EAGAIN…), signals and exits.

const LINE = /^(?:\[pid\s+(\d+)\]\s+|(\d+)\s+)?(?:(\d\d:\d\d:\d\d(?:\.\d+)?|\d{9,}\.\d+)\s+)?(.*)$/;
const RESUMED = /^<\.\.\. (\w+) resumed>(.*)$/;
const CALL = /^(\w+)\((.*)$/;
const RESULT = /\)\s+=\s+(-?\d+|\?|0x[0-9a-f]+)(?:<[^>]*>)?(?:\s+(E[A-Z0-9]+))?[^<]*(?:<(\d+\.\d+)>)?\s*$/;
const SUMMARY_ROW = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+(\d+)\s+(?:(\d+)\s+)?([a-z_]\w*)\s*$/;
const SLOWEST = 20;
const CALL_CHARS = 200;

interface SyscallStat {
  count: number;
  totalS: number;
  maxS: number;
  errors: number;
}

interface SlowCall {
  syscall: string;
  durationS: number;
  pid?: number;
  at?: string;
  call: string;
}

class StraceTotals {
  calls = 0;
  signals = 0;
  exits = 0;
  readonly pids = new Set<number>();
  readonly syscalls = new Map<string, SyscallStat>();
  readonly errnos = new Map<string, number>();
  readonly slowest: SlowCall[] = [];
  /** from a `strace -c` table rather than a trace */
  summaryTable = false;
}

export interface StraceSummary {
  calls: number;
  /** seconds spent in syscalls (sum of <…> times) */
  syscallS: number;
  processes: number;
  signals: number;
  exits: number;
  syscalls: {
    syscall: string;
    count: number;
    totalS: number;
    meanUs: number;
    maxS?: number;
    errors: number;
    timePercent: number;
  }[];
  errors: { errno: string; count: number }[];
  slowest: SlowCall[];
  fromSummaryTable?: boolean;
}

export const strace: FileAnalyser = {
  kind: 'strace',
  accepts(path, firstLine) {
    if (/(^|\/)strace[^/]*$|\.strace$/i.test(path)) return true;
    return (
      /^(?:\[pid\s+\d+\]\s+|\d+\s+)?(?:\d\d:\d\d:\d\d\.\d+|\d{9,}\.\d+)\s+(?:\w+\(|<\.\.\. \w+ resumed>|--- SIG|\+\+\+ )/.test(
        firstLine,
      ) || /^% time\s+seconds\s+usecs\/call\s+calls/.test(firstLine)
    );
  },
  open(_path, into) {
    return new StraceReader(into);
  },
};

class StraceReader implements FileReader {
  private readonly t: StraceTotals;

  constructor(private readonly into: Aggregates) {
    this.t = bundleScratch(into, 'strace', () => new StraceTotals());
  }

  line(text: string): boolean {
    const t = this.t;
    const row = SUMMARY_ROW.exec(text);
    if (row) {
      const name = row[6] as string;
      if (name === 'total') return true;
      t.summaryTable = true;
      const s = this.stat(name);
      const calls = Number(row[4]);
      s.count += calls;
      s.totalS += Number(row[2]);
      s.errors += Number(row[5] ?? 0);
      t.calls += calls;
      return true;
    }
    if (text.startsWith('% time') || text.startsWith('------')) return true;
    const m = LINE.exec(text);
    if (!m) return false;
    const pidText = m[1] ?? m[2];
    const pid = pidText ? Number(pidText) : undefined;
    const at = m[3];
    const body = m[4] ?? '';
    if (pid !== undefined && t.pids.size < MAX_KEYS) t.pids.add(pid);
    if (body.startsWith('--- ')) {
      t.signals++;
      return true;
    }
    if (body.startsWith('+++ ')) {
      t.exits++;
      return true;
    }
    let name: string;
    let rest: string;
    const resumed = RESUMED.exec(body);
    if (resumed) {
      name = resumed[1] as string;
      rest = resumed[2] as string;
    } else {
      const call = CALL.exec(body);
      if (!call) return false;
      // the first half of a call another process interrupted: its time comes with the second half
      if (body.endsWith('<unfinished ...>')) return true;
      name = call[1] as string;
      rest = call[2] as string;
    }
    const result = RESULT.exec(rest);
    if (!result) {
      // `exit_group(0) = ?` has no time; a line cut by the size limit has no result
      return /\)\s+=\s+\?/.test(rest);
    }
    const s = this.stat(name);
    s.count++;
    t.calls++;
    const errno = result[2];
    if (errno) {
      s.errors++;
      if (t.errnos.has(errno) || t.errnos.size < 200) t.errnos.set(errno, (t.errnos.get(errno) ?? 0) + 1);
    }
    const seconds = result[3] !== undefined ? Number(result[3]) : 0;
    s.totalS += seconds;
    if (seconds > s.maxS) s.maxS = seconds;
    if (seconds > 0) {
      const call = `${name}(${rest}`;
      keepLargest(
        t.slowest,
        {
          syscall: name,
          durationS: seconds,
          ...(pid !== undefined ? { pid } : {}),
          ...(at ? { at } : {}),
          // the copy is cut and redacted: paths and buffers can hold anything
          call: call.length > CALL_CHARS ? `${call.slice(0, CALL_CHARS)}…` : call,
        },
        SLOWEST,
        (c) => c.durationS,
      );
    }
    return true;
  }

  finish(): string | undefined {
    const t = this.t;
    const all = [...t.syscalls];
    const syscallS = all.reduce((sum, [, s]) => sum + s.totalS, 0);
    const summary: StraceSummary = {
      calls: t.calls,
      syscallS: round(syscallS, 6),
      processes: t.pids.size,
      signals: t.signals,
      exits: t.exits,
      syscalls: all
        .sort((a, b) => b[1].totalS - a[1].totalS || b[1].count - a[1].count)
        .slice(0, 25)
        .map(([syscall, s]) => ({
          syscall,
          count: s.count,
          totalS: round(s.totalS, 6),
          meanUs: s.count ? round((s.totalS / s.count) * 1e6, 1) : 0,
          ...(s.maxS > 0 ? { maxS: round(s.maxS, 6) } : {}),
          errors: s.errors,
          timePercent: syscallS > 0 ? round((100 * s.totalS) / syscallS, 1) : 0,
        })),
      errors: [...t.errnos].sort((a, b) => b[1] - a[1]).map(([errno, count]) => ({ errno, count })),
      slowest: largestFirst(t.slowest, (c) => c.durationS).map((c) => ({ ...c, call: redactLine(c.call) })),
      ...(t.summaryTable ? { fromSummaryTable: true } : {}),
    };
    this.into.system.strace = summary;
    return undefined;
  }

  private stat(name: string): SyscallStat {
    let s = this.t.syscalls.get(name);
    if (!s) {
      s = { count: 0, totalS: 0, maxS: 0, errors: 0 };
      // syscall names are a few hundred at most; a garbage file could invent more
      if (this.t.syscalls.size < 1_000) this.t.syscalls.set(name, s);
    }
    return s;
  }
}
