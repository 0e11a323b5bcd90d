import type { FileAnalyser } from './analyser.js';
import { baseName, bundleScratch, mergeList } from './system-state.js';

// The kernel's word on the host: dmesg, /var/log/messages, syslog, kern.log. OOM kills first (the kernel's
// "Out of memory: Killed process 1234 (ruby)" on current kernels, "Kill process … or sacrifice child" then
// "Killed process" on older ones, "Memory cgroup out of memory: Killed process" in containers); then hung tasks,
// I/O and file system errors, NFS servers not responding, segfaults. dmesg and syslog repeat the same kernel
// lines, so kills are counted once per (pid, process) across the bundle.

const KILLED = /Killed process (\d+) \(([^)]*)\)/;
const DMESG_T = /^\[(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\]/;
const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d))/;

export interface OomVictim {
  pid: number;
  process: string;
  /** when the kernel said it, if the line had a date */
  at?: string;
  /** "Memory cgroup" kills are a container's limit, not the host's memory */
  cgroup?: boolean;
}

interface KernelCounts {
  oomInvocations: number;
  hungTasks: number;
  ioErrors: number;
  fsErrors: number;
  nfsNotResponding: number;
  segfaults: number;
}

export const kernelLog: FileAnalyser = {
  kind: 'kernel-log',
  accepts(path, firstLine) {
    const name = baseName(path);
    if (name === 'dmesg' || name === 'kern' || name === 'kern.log' || name === 'dmesg_t') return true;
    if (/(^|\/)var\/log\/(messages|syslog|kern\.log)(\.\d+)?$/.test(path)) return true;
    return /^\[\s*\d+\.\d{6}\] /.test(firstLine) || DMESG_T.test(firstLine);
  },
  open(_path, into) {
    const victims = bundleScratch(into, 'oomVictims', () => new Map<string, OomVictim>());
    const counts: KernelCounts = {
      oomInvocations: 0,
      hungTasks: 0,
      ioErrors: 0,
      fsErrors: 0,
      nfsNotResponding: 0,
      segfaults: 0,
    };
    return {
      line(text) {
        // cheap probes first: most syslog lines are not the kernel's
        if (text.includes('Killed process')) {
          const m = KILLED.exec(text);
          if (m) {
            const key = `${m[1]}:${m[2]}`;
            const at = lineTime(text);
            if (!victims.has(key) && victims.size < 1_000) {
              victims.set(key, {
                pid: Number(m[1]),
                process: m[2] ?? '',
                ...(at ? { at } : {}),
                ...(text.includes('Memory cgroup') ? { cgroup: true } : {}),
              });
            }
          }
        } else if (text.includes('invoked oom-killer')) counts.oomInvocations++;
        else if (text.includes('blocked for more than')) counts.hungTasks++;
        else if (text.includes('I/O error')) counts.ioErrors++;
        else if (
          /EXT4-fs error|XFS \(\S+\): (?:Corruption|metadata I\/O error|Internal error)|BTRFS error/.test(text)
        ) {
          counts.fsErrors++;
        } else if (/nfs: server \S+ not responding/.test(text)) counts.nfsNotResponding++;
        else if (/ segfault at /.test(text)) counts.segfaults++;
        return true;
      },
      finish() {
        into.system.oomKills = victims.size;
        mergeList(into, 'oomVictims', [...victims.values()], (v) => `${v.pid}:${v.process}`, 50);
        const previous = (into.system.kernel as KernelCounts | undefined) ?? undefined;
        // dmesg and syslog repeat each other: the larger count of the two files is the better guess
        into.system.kernel = previous
          ? (Object.fromEntries(
              Object.entries(counts).map(([k, v]) => [k, Math.max(v, previous[k as keyof KernelCounts] ?? 0)]),
            ) as unknown as KernelCounts)
          : counts;
        return undefined;
      },
    };
  },
};

/** a date on a kernel line, when it has one (dmesg -T, rsyslog ISO); classic syslog has no year: left out */
function lineTime(text: string): string | undefined {
  const iso = ISO.exec(text);
  if (iso) {
    const at = Date.parse(iso[1] as string);
    return Number.isFinite(at) ? new Date(at).toISOString() : undefined;
  }
  const t = DMESG_T.exec(text);
  if (t) {
    // dmesg -T prints local time without a zone: read as UTC, which is what GitLab hosts mostly run
    const at = Date.parse(`${t[1]} UTC`);
    return Number.isFinite(at) ? new Date(at).toISOString() : undefined;
  }
  return undefined;
}
