import type { Aggregates } from './aggregates.js';
import type { FileAnalyser } from './analyser.js';
import { redactLine } from './redact.js';
import { baseName, bundleScratch, mergeList, round, setSystem } from './system-state.js';

// The command outputs and copied files of a GitLabSOS archive (gitlabsos.rb names them: df_hT, df_inodes,
// free_m, vmstat, top_cpu, top_res, uptime, lscpu, gitlab_status, gitlab_migrations, ntpq, timedatectl, and
// opt/gitlab/version-manifest.txt, proc files meminfo and cpuinfo, pressure_*.txt, etc/os-release), or the same
// outputs uploaded one by one (recognised by their first line). Each is a few KB: read whole line by line and
// written into results.system, the keys the rules read. Output text may hold "command not found": such a file
// simply yields nothing.

interface Sink {
  line(text: string): boolean;
  finish?(): string | undefined;
}

type Names = (name: string, path: string) => boolean;

function systemFile(
  kind: string,
  names: Names,
  content: RegExp | undefined,
  open: (into: Aggregates, path: string) => Sink,
): FileAnalyser {
  return {
    kind,
    accepts(path, firstLine) {
      const name = baseName(path).replace(/[\s_-]+/g, '');
      return names(name, path) || content?.test(firstLine) === true;
    },
    open(path, into) {
      const sink = open(into, path);
      return { line: (t) => sink.line(t.endsWith('\r') ? t.slice(0, -1) : t), finish: () => sink.finish?.() };
    },
  };
}

const oneOf =
  (...names: string[]): Names =>
  (name) =>
    names.includes(name);

/** which file set a value: a better source (free over top) is not overwritten by a worse one */
function claim(into: Aggregates, key: string, rank: number): boolean {
  const ranks = bundleScratch(into, 'systemRanks', () => new Map<string, number>());
  if ((ranks.get(key) ?? -1) > rank) return false;
  ranks.set(key, rank);
  return true;
}

/** `9.1G`, `512M`, `15Gi`, `1024` (in the given unit) → MB */
export function toMb(value: string, defaultUnit: 'K' | 'M' | 'G' | 'B' = 'M'): number {
  const m = /^(-?\d+(?:[.,]\d+)?)\s*([KMGTPE]?)(i?B?)$/i.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number((m[1] as string).replace(',', '.'));
  const unit = ((m[2] as string) || defaultUnit).toUpperCase();
  const factor: Record<string, number> = {
    B: 1 / 1024 / 1024,
    K: 1 / 1024,
    M: 1,
    G: 1024,
    T: 1024 ** 2,
    P: 1024 ** 3,
    E: 1024 ** 4,
  };
  return n * (factor[unit] ?? 1);
}

// ---- df -hT / df / df -i ----------------------------------------------------------------------------------
// Pseudo and read-only file systems are always "full" (squashfs snaps at 100 %): left out.
const PSEUDO_FS = /^(tmpfs|devtmpfs|udev|none|shm|overlay_ro|squashfs|proc|sysfs|cgroup2?|efivarfs)$|^\/dev\/loop/;
const PSEUDO_TYPES = new Set([
  'tmpfs',
  'devtmpfs',
  'squashfs',
  'proc',
  'sysfs',
  'cgroup',
  'cgroup2',
  'iso9660',
  'efivarfs',
]);

const dfFile = systemFile(
  'df',
  (n) => /^df(h|ht|t|k|hk|th|inodes|i|hi|ih|p|hp|htp)?$/.test(n),
  /^Filesystem\s+(Type\s+)?(Size|1K-blocks|1024-blocks|\d+[KM]-blocks|Inodes)\b/,
  (into) => {
    let use = -1;
    let mounted = -1;
    let type = -1;
    let inodes = false;
    let carry = '';
    const rows: { mount: string; percent: number; filesystem: string }[] = [];
    return {
      line(text) {
        if (/^Filesystem\s/.test(text)) {
          const cols = text.replace('Mounted on', 'Mounted_on').split(/\s+/);
          use = cols.findIndex((c) => c === 'Use%' || c === 'IUse%' || c === 'Capacity');
          mounted = cols.indexOf('Mounted_on');
          type = cols.indexOf('Type');
          inodes = cols.includes('IUse%');
          return use >= 0;
        }
        if (use < 0) return false;
        // a long device name alone on its line, the numbers on the next (older df)
        const cols = `${carry}${text}`.trim().split(/\s+/);
        if (cols.length === 1) {
          carry = `${cols[0]} `;
          return true;
        }
        carry = '';
        const percent = Number((cols[use] ?? '').replace('%', ''));
        const mount = cols.slice(mounted).join(' ');
        const fs = cols[0] ?? '';
        if (!Number.isFinite(percent) || cols[use] === '-') return true;
        if (PSEUDO_FS.test(fs) || (type >= 0 && PSEUDO_TYPES.has(cols[type] ?? ''))) return true;
        if (/^\/(proc|sys|dev|run|snap)(\/|$)/.test(mount) && mount !== '/dev/shm') return true;
        if (mount === '/dev/shm') return true;
        rows.push({ mount, percent, filesystem: fs });
        return true;
      },
      finish() {
        mergeList(
          into,
          inodes ? 'inodesUsedPercent' : 'diskUsedPercent',
          rows,
          (r) => r.mount,
          50,
          (a, b) => b.percent - a.percent,
        );
        return rows.length === 0 ? 'no file systems found' : undefined;
      },
    };
  },
);

// ---- free -m (MB), free (KiB), free -h (units) ----------------------------------------------------------------
const freeFile = systemFile(
  'free',
  oneOf('free', 'freem', 'freeh', 'freeg', 'freek', 'freemt', 'freemw'),
  /^\s+total\s+used\s+free\s+/,
  (into, path) => {
    // free -m (gitlabsos's free_m) is MB, plain free KiB, free -g GB; -h prints units with every number
    const name = baseName(path).replace(/[\s_-]+/g, '');
    let unit: 'K' | 'M' | 'G' | undefined =
      name === 'free' || name === 'freek' ? 'K' : name === 'freeg' ? 'G' : name === 'freem' ? 'M' : undefined;
    let header: string[] = [];
    return {
      line(text) {
        const cols = text.trim().split(/\s+/);
        if (cols[0] === 'total') {
          header = cols;
          return true;
        }
        const label = cols[0] ?? '';
        const value = (name: string) => {
          const i = header.indexOf(name);
          return i >= 0 ? toMb(cols[i + 1] ?? '', unit ?? 'M') : Number.NaN;
        };
        if (label === 'Mem:') {
          // a file of unknown name: a total over a million can only be KiB (a million MB is 1 TB of RAM)
          unit ??= Number(cols[1]) >= 1_000_000 ? 'K' : 'M';
          if (!claim(into, 'memory', 2)) return true;
          setSystem(into, 'memoryTotalMb', Math.round(value('total')));
          setSystem(into, 'memoryUsedMb', Math.round(value('used')));
          setSystem(into, 'memoryAvailableMb', Math.round(value('available')));
          return true;
        }
        if (label === 'Swap:') {
          if (!claim(into, 'swap', 2)) return true;
          setSystem(into, 'swapTotalMb', Math.round(value('total')));
          setSystem(into, 'swapUsedMb', Math.round(value('used')));
          return true;
        }
        return label === '-/+' || label === 'Total:' || text.trim() === '';
      },
    };
  },
);

// ---- /proc/meminfo ----------------------------------------------------------------------------------------------
const meminfoFile = systemFile(
  'meminfo',
  (n, path) => n === 'meminfo' || path.endsWith('proc/meminfo'),
  /^MemTotal:\s+\d+ kB$/,
  (into) => {
    const kb: Record<string, number> = {};
    return {
      line(text) {
        const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?: kB)?$/.exec(text);
        if (!m) return text.trim() === '';
        kb[m[1] as string] = Number(m[2]);
        return true;
      },
      finish() {
        const mb = (k: string) => (kb[k] !== undefined ? Math.round((kb[k] as number) / 1024) : undefined);
        if (mb('MemTotal') !== undefined && claim(into, 'memory', 2)) {
          setSystem(into, 'memoryTotalMb', mb('MemTotal'));
          setSystem(into, 'memoryAvailableMb', mb('MemAvailable'));
        }
        if (mb('SwapTotal') !== undefined && claim(into, 'swap', 2)) {
          setSystem(into, 'swapTotalMb', mb('SwapTotal'));
          const free = mb('SwapFree');
          if (free !== undefined) setSystem(into, 'swapUsedMb', (mb('SwapTotal') ?? 0) - free);
        }
        return undefined;
      },
    };
  },
);

// ---- vmstat 1 10 ----------------------------------------------------------------------------------------------------
const vmstatFile = systemFile(
  'vmstat',
  (n) => /^vmstat/.test(n),
  /^procs -+/,
  (into) => {
    let header: string[] = [];
    const rows: number[][] = [];
    return {
      line(text) {
        if (text.startsWith('procs')) return true;
        const cols = text.trim().split(/\s+/);
        if (cols[0] === 'r' && cols[1] === 'b') {
          header = cols;
          return true;
        }
        if (header.length === 0 || !/^\d+$/.test(cols[0] ?? '')) return text.trim() === '';
        if (rows.length < 1_000) rows.push(cols.slice(0, header.length).map(Number));
        return true;
      },
      finish() {
        // the first row averages since boot: left out when there are others
        const sample = rows.length > 1 ? rows.slice(1) : rows;
        if (sample.length === 0) return 'no vmstat rows';
        const avg = (name: string) => {
          const i = header.indexOf(name);
          if (i < 0) return undefined;
          return round(sample.reduce((s, r) => s + (r[i] ?? 0), 0) / sample.length, 1);
        };
        const max = (name: string) => {
          const i = header.indexOf(name);
          return i < 0 ? undefined : Math.max(...sample.map((r) => r[i] ?? 0));
        };
        into.system.vmstat = {
          samples: sample.length,
          runQueueAvg: avg('r'),
          blockedAvg: avg('b'),
          swapInAvg: avg('si'),
          swapOutAvg: avg('so'),
          swapOutMax: max('so'),
          cpuUserAvg: avg('us'),
          cpuSystemAvg: avg('sy'),
          cpuIdleAvg: avg('id'),
          ioWaitAvg: avg('wa'),
          ioWaitMax: max('wa'),
          stealAvg: avg('st'),
        };
        return undefined;
      },
    };
  },
);

// ---- top -b -n 1 (top_cpu, top_res) ---------------------------------------------------------------------------
export interface TopProcess {
  pid: number;
  user: string;
  command: string;
  cpuPercent: number;
  memPercent: number;
  resMb: number;
}

const LOAD = /load average: ([\d.]+),? ([\d.]+),? ([\d.]+)/;

const topFile = systemFile(
  'top',
  (n) => /^top(cpu|res|mem|bn1|b)?$/.test(n),
  /^top - \d\d:\d\d:\d\d /,
  (into) => {
    let header: string[] = [];
    const processes: TopProcess[] = [];
    return {
      line(text) {
        if (text.startsWith('top - ')) {
          const load = LOAD.exec(text);
          if (load && claim(into, 'load', 1))
            into.system.loadAverage = [Number(load[1]), Number(load[2]), Number(load[3])];
          const up = uptimeSeconds(text);
          if (up !== undefined && claim(into, 'uptime', 1)) into.system.uptimeS = up;
          return true;
        }
        if (text.startsWith('Tasks:') || text.startsWith('Threads:')) {
          const zombie = /(\d+) zombie/.exec(text);
          if (zombie) into.system.zombieProcesses = Number(zombie[1]);
          return true;
        }
        if (text.startsWith('%Cpu') || text.startsWith('Cpu(s)')) {
          const part = (name: string) => Number(new RegExp(`([\\d.]+)[ %]*${name}\\b`).exec(text)?.[1]);
          into.system.cpu = {
            user: part('us'),
            system: part('sy'),
            idle: part('id'),
            ioWait: part('wa'),
            steal: part('st'),
          };
          return true;
        }
        const mem = /^(KiB|MiB|GiB) (Mem|Swap)\s*:\s*([\d.]+)\s+total,\s*([\d.]+)\s+free,\s*([\d.]+)\s+used/.exec(text);
        if (mem) {
          const unit = mem[1] === 'KiB' ? 'K' : mem[1] === 'GiB' ? 'G' : 'M';
          const mb = (v: string) => Math.round(toMb(`${v}${unit}`));
          if (mem[2] === 'Mem' && claim(into, 'memory', 1)) {
            setSystem(into, 'memoryTotalMb', mb(mem[3] as string));
            setSystem(into, 'memoryUsedMb', mb(mem[5] as string));
          } else if (mem[2] === 'Swap' && claim(into, 'swap', 1)) {
            setSystem(into, 'swapTotalMb', mb(mem[3] as string));
            setSystem(into, 'swapUsedMb', mb(mem[5] as string));
          }
          return true;
        }
        const cols = text.trim().split(/\s+/);
        if (cols[0] === 'PID') {
          header = cols;
          return true;
        }
        if (header.length === 0 || !/^\d+$/.test(cols[0] ?? '')) return text.trim() === '';
        const at = (name: string) => cols[header.indexOf(name)] ?? '';
        const commandAt = header.indexOf('COMMAND');
        if (processes.length < 200) {
          processes.push({
            pid: Number(cols[0]),
            user: at('USER'),
            // arguments can hold secrets (a password on a command line): cut and redacted
            command: redactLine(
              cols
                .slice(commandAt >= 0 ? commandAt : cols.length - 1)
                .join(' ')
                .slice(0, 120),
            ),
            cpuPercent: Number(at('%CPU').replace(',', '.')),
            memPercent: Number(at('%MEM').replace(',', '.')),
            resMb: round(toMb(at('RES'), 'K'), 1),
          });
        }
        return true;
      },
      finish() {
        // top_cpu and top_res overlap: one list by pid, the busiest first, and the biggest by memory kept too
        const byCpu = [...processes].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, 10);
        const byMem = [...processes].sort((a, b) => b.resMb - a.resMb).slice(0, 10);
        mergeList(
          into,
          'topProcesses',
          [...byCpu, ...byMem],
          (p) => String(p.pid),
          20,
          (a, b) => b.cpuPercent - a.cpuPercent || b.resMb - a.resMb,
        );
        return undefined;
      },
    };
  },
);

/** `up 12 days,  3:04`, `up 45 min`, `up 1 day, 20 min`, `up 3:04` → seconds */
export function uptimeSeconds(text: string): number | undefined {
  const m = /\bup\s+(?:(\d+)\s+days?,\s*)?(?:(\d+):(\d\d)|(\d+)\s+min)/.exec(text);
  if (!m) {
    const days = /\bup\s+(\d+)\s+days?\b/.exec(text);
    return days ? Number(days[1]) * 86_400 : undefined;
  }
  const days = Number(m[1] ?? 0);
  const hours = Number(m[2] ?? 0);
  const minutes = Number(m[3] ?? m[4] ?? 0);
  return days * 86_400 + hours * 3_600 + minutes * 60;
}

// ---- uptime ---------------------------------------------------------------------------------------------------
const uptimeFile = systemFile('uptime', oneOf('uptime'), /^\s*\d\d:\d\d:\d\d up /, (into) => ({
  line(text) {
    if (text.trim() === '') return true;
    const load = LOAD.exec(text);
    const up = uptimeSeconds(text);
    if (!load && up === undefined) return false;
    if (load && claim(into, 'load', 2)) into.system.loadAverage = [Number(load[1]), Number(load[2]), Number(load[3])];
    if (up !== undefined && claim(into, 'uptime', 2)) into.system.uptimeS = up;
    return true;
  },
}));

// ---- CPU count: lscpu, /proc/cpuinfo, nproc ---------------------------------------------------------------------
const cpuFile = systemFile(
  'cpu',
  (n, path) => n === 'lscpu' || n === 'nproc' || n === 'cpuinfo' || path.endsWith('proc/cpuinfo'),
  /^Architecture:\s+\w+/,
  (into) => {
    let processors = 0;
    return {
      line(text) {
        const lscpu = /^CPU\(s\):\s+(\d+)$/.exec(text);
        if (lscpu) into.system.cpuCount = Number(lscpu[1]);
        else if (/^processor\s*:\s*\d+/.test(text)) processors++;
        else if (/^\d+$/.test(text.trim()) && into.system.cpuCount === undefined)
          into.system.cpuCount = Number(text.trim());
        return true;
      },
      finish() {
        if (processors > 0) into.system.cpuCount = processors;
        return undefined;
      },
    };
  },
);

// ---- the GitLab version: gitlab-rake gitlab:env:info, version-manifest.{txt,json} ---------------------------------
function setVersion(into: Aggregates, text: string, rank: number): void {
  const m = /^v?(\d+\.\d+\.\d+)(?:[-+](ee|ce|jh))?/i.exec(text.trim());
  if (!m || !claim(into, 'version', rank)) return;
  into.system.version = m[1];
  if (m[2]) into.system.edition = (m[2] as string).toLowerCase();
}

const envInfoFile = systemFile(
  'env-info',
  (n) => n.includes('envinfo') || n === 'gitlabrakegitlab:env:info',
  /^System information\s*$/,
  (into) => {
    let section = '';
    let found = false;
    return {
      line(text) {
        if (/^[A-Z][\w ]*(information|Shell|Gitaly)\s*$/.test(text.trim()) && !text.includes(':')) {
          section = text.trim();
          return true;
        }
        const m = /^([^:]+):\s*(.*)$/.exec(text);
        if (!m) return true;
        const key = (m[1] as string).trim();
        const value = (m[2] as string).trim();
        if (section === 'GitLab information' && key === 'Version') {
          setVersion(into, value, 3);
          found = true;
        } else if (section === 'GitLab information' && key === 'DB Version') into.system.postgresVersion = value;
        else if (section === 'System information' && key === 'Redis Version') into.system.redisVersion = value;
        else if (section === 'System information' && key === 'System') into.system.os = value;
        return true;
      },
      finish() {
        return found ? undefined : 'no GitLab version in the output';
      },
    };
  },
);

const versionManifestFile = systemFile(
  'version-manifest',
  (_n, path) => /(^|\/)version-manifest\.(txt|json)$/.test(path),
  /^gitlab-(ce|ee|jh) \d+\.\d+\.\d+/,
  (into) => ({
    line(text) {
      const txt = /^gitlab-(ce|ee|jh) (\d+\.\d+\.\d+)/.exec(text);
      if (txt) {
        setVersion(into, `${txt[2]}-${txt[1]}`, 2);
        return true;
      }
      const json = /"build_version"\s*:\s*"([^"]+)"/.exec(text);
      if (json) setVersion(into, (json[1] as string).replace('+', '-'), 2);
      return true;
    },
  }),
);

// ---- gitlab-ctl status --------------------------------------------------------------------------------------------
export interface GitlabService {
  name: string;
  state: 'run' | 'down' | 'fail' | 'finish' | string;
  uptimeS: number;
  /** `down: …, normally up, want up`: runit wants it up and it is not */
  wantUp?: boolean;
}

const gitlabStatusFile = systemFile(
  'gitlab-status',
  oneOf('gitlabstatus', 'gitlabctlstatus'),
  /^(run|down|fail|finish|warning): [\w-]+: /,
  (into) => {
    const services: GitlabService[] = [];
    return {
      line(text) {
        const m = /^(run|down|fail|finish): ([\w-]+): (?:\(pid \d+\) )?(\d+)s/.exec(text);
        if (!m) return text.startsWith('warning:') || text.trim() === '' || text.startsWith('timeout:');
        services.push({
          name: m[2] as string,
          state: m[1] as string,
          uptimeS: Number(m[3]),
          ...(/want up/.test(text) ? { wantUp: true } : {}),
        });
        return true;
      },
      finish() {
        mergeList(into, 'gitlabServices', services, (s) => s.name, 100);
        return undefined;
      },
    };
  },
);

// ---- gitlab-rake db:migrate:status: pending migrations -------------------------------------------------------------
const migrationsFile = systemFile('gitlab-migrations', oneOf('gitlabmigrations'), undefined, (into) => {
  let down = 0;
  return {
    line(text) {
      if (/^\s*down\s+\d{14}\b/.test(text)) down++;
      return true;
    },
    finish() {
      into.system.pendingMigrations = ((into.system.pendingMigrations as number | undefined) ?? 0) + down;
      return undefined;
    },
  };
});

// ---- clocks: date, timedatectl, ntpq -p, chronyc tracking --------------------------------------------------------
const DATE_LINE =
  /^(?:\w{3},? )?(?:\w{3} +\d{1,2}|\d{1,2} \w{3}) (?:\d{4} )?\d\d:\d\d:\d\d(?: [AP]M)? [A-Z+\-\d]{1,6}(?: \d{4})?$/;

const dateFile = systemFile('date', oneOf('date', 'dateu', 'dater'), DATE_LINE, (into) => ({
  line(text) {
    const at = parseDateOutput(text.trim());
    if (at === undefined) return text.trim() === '';
    if (claim(into, 'collectedAt', 2)) into.system.collectedAt = new Date(at).toISOString();
    return true;
  },
}));

/** `date` output in UTC or with a numeric offset (`Wed May  1 10:00:09 UTC 2024`, `date -R`, ISO); a zone name
 *  other than UTC/GMT is ambiguous (CST is three zones): not read */
export function parseDateOutput(text: string): number | undefined {
  const classic = /^\w{3} (\w{3}) +(\d{1,2}) (\d\d:\d\d:\d\d) (UTC|GMT|[+-]\d{4}) (\d{4})$/.exec(text);
  const candidate = classic
    ? `${classic[2]} ${classic[1]} ${classic[5]} ${classic[3]} ${classic[4] === 'GMT' ? 'UTC' : classic[4]}`
    : /(UTC|GMT|[+-]\d\d:?\d\d|Z)$/.test(text)
      ? text
      : undefined;
  if (!candidate) return undefined;
  const at = Date.parse(candidate.replace(/ UTC$/, ' +0000'));
  return Number.isFinite(at) ? at : undefined;
}

const timedatectlFile = systemFile('timedatectl', oneOf('timedatectl'), /^\s*Local time: /, (into) => ({
  line(text) {
    const m = /^\s*([\w ]+?):\s+(.*)$/.exec(text);
    if (!m) return text.trim() === '';
    const [, key, value = ''] = m;
    if (key === 'Universal time') {
      const t = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/.exec(value);
      if (t && claim(into, 'collectedAt', 1))
        into.system.collectedAt = new Date(`${t[1]?.replace(' ', 'T')}Z`).toISOString();
    } else if (key === 'System clock synchronized' || key === 'NTP synchronized') {
      into.system.clockSynchronized = value.trim() === 'yes';
    } else if (key === 'NTP service' || key === 'Network time on' || key === 'systemd-timesyncd.service active') {
      into.system.ntpService = value.trim();
    } else if (key === 'Time zone') into.system.timeZone = value.trim();
    return true;
  },
}));

const ntpqFile = systemFile(
  'ntpq',
  (n) => /^ntpq(p|pn|np)?$/.test(n),
  /^\s+remote\s+refid\s+st\s+t\s+when/,
  (into) => {
    let offsetAt = -1;
    const peers: { selected: boolean; offsetMs: number }[] = [];
    return {
      line(text) {
        if (/^\s+remote\s+refid/.test(text)) {
          offsetAt = text.trim().split(/\s+/).indexOf('offset');
          return true;
        }
        if (text.startsWith('====') || text.trim() === '') return true;
        if (offsetAt < 0) return /^ntpq: /.test(text);
        // the tally code is the first character: * system peer, o pps peer, + candidate
        const tally = text[0] ?? ' ';
        const cols = text.slice(1).trim().split(/\s+/);
        const offsetMs = Number(cols[offsetAt]);
        if (!Number.isFinite(offsetMs)) return false;
        peers.push({ selected: tally === '*' || tally === 'o', offsetMs });
        return true;
      },
      finish() {
        if (peers.length === 0) return 'no NTP peers';
        const selected = peers.find((p) => p.selected);
        into.system.clockSynchronized = selected !== undefined;
        const offsetMs = selected ? selected.offsetMs : Math.min(...peers.map((p) => Math.abs(p.offsetMs)));
        into.system.ntpOffsetS = round(offsetMs / 1000, 6);
        into.system.clockSkewS = round(Math.abs(offsetMs) / 1000, 6);
        return undefined;
      },
    };
  },
);

const chronyFile = systemFile(
  'chrony',
  (n) => /^chrony(c)?(tracking)?$/.test(n),
  /^Reference ID\s+:/,
  (into) => ({
    line(text) {
      const m = /^System time\s+:\s+([\d.]+) seconds (fast|slow) of NTP time/.exec(text);
      if (m) {
        const offset = Number(m[1]) * (m[2] === 'fast' ? 1 : -1);
        into.system.ntpOffsetS = round(offset, 6);
        into.system.clockSkewS = round(Math.abs(offset), 6);
      }
      const leap = /^Leap status\s+:\s+(.*)$/.exec(text);
      if (leap) into.system.clockSynchronized = leap[1]?.trim() === 'Normal';
      return true;
    },
  }),
);

// ---- /etc/os-release, PSI pressure -------------------------------------------------------------------------------
const osReleaseFile = systemFile(
  'os-release',
  (_n, path) => /(^|\/)etc\/os-release$/.test(path),
  undefined,
  (into) => ({
    line(text) {
      const m = /^PRETTY_NAME="?([^"]*)"?$/.exec(text);
      if (m) into.system.os = m[1];
      return true;
    },
  }),
);

const pressureFile = systemFile(
  'pressure',
  (n) => /^pressure(io|mem|memory|cpu)$/.test(n),
  undefined,
  (into, path) => {
    const resource =
      /pressure[_-]?(io|mem|memory|cpu)/i.exec(baseName(path))?.[1]?.replace('memory', 'mem') ?? 'unknown';
    const values: Record<string, number> = {};
    return {
      line(text) {
        const m = /^(some|full) avg10=([\d.]+) avg60=([\d.]+) avg300=([\d.]+)/.exec(text);
        if (!m) return text.trim() === '';
        values[`${m[1]}Avg60`] = Number(m[3]);
        values[`${m[1]}Avg300`] = Number(m[4]);
        return true;
      },
      finish() {
        const pressure = (into.system.pressure as Record<string, Record<string, number>> | undefined) ?? {};
        pressure[resource] = values;
        into.system.pressure = pressure;
        return undefined;
      },
    };
  },
);

/** every system-file analyser, for the registry (analysers.ts) */
export const systemFiles: FileAnalyser[] = [
  dfFile,
  freeFile,
  meminfoFile,
  vmstatFile,
  topFile,
  uptimeFile,
  cpuFile,
  envInfoFile,
  versionManifestFile,
  gitlabStatusFile,
  migrationsFile,
  dateFile,
  timedatectlFile,
  ntpqFile,
  chronyFile,
  osReleaseFile,
  pressureFile,
];
