import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { maskIps } from './redact.js';
import { keepLargest, largestFirst } from './system-state.js';

// `redis-cli SLOWLOG GET [n]` (https://redis.io/commands/slowlog-get): each entry is an id, a unix time, the
// execution time in µs (I/O excluded), the command's arguments and, since Redis 4.0, the client's ip:port and
// name. redis-cli prints nested lists on a terminal:
//   1) 1) (integer) 14
//      2) (integer) 1714557600
//      3) (integer) 15023
//      4) 1) "KEYS"
//         2) "*"
//      5) "10.0.0.5:58217"
//      6) ""
// and, when its output is not a terminal (`> file`), one bare value per line; both are read. Arguments (keys)
// can name users or hold data: only the command and a key shape (digits and hex runs replaced) are kept.
// Out: results.system.redisSlowlog — by command (count, total, max) and the slowest entries.

const ENTRY = /^(\d+)\) +1\) \(integer\) (\d+)\s*$/;
const FIELD = /^( *)(\d+)\) (.*)$/;
const SLOWEST = 10;

interface SlowEntry {
  id: number;
  at?: string;
  durationUs: number;
  command: string;
  client?: string;
}

export interface RedisSlowlogSummary {
  entries: number;
  totalUs: number;
  byCommand: { command: string; count: number; totalUs: number; maxUs: number }[];
  slowest: SlowEntry[];
}

export const redisSlowlog: FileAnalyser = {
  kind: 'redis-slowlog',
  accepts(path, firstLine) {
    return ENTRY.test(firstLine) || (/slowlog/i.test(path) && /^\d+$/.test(firstLine.trim()));
  },
  open(_path, into) {
    return new RedisSlowlogReader(into);
  },
};

interface Building {
  id: number;
  fields: string[];
  args: string[];
  indent: number;
}

class RedisSlowlogReader implements FileReader {
  private current: Building | undefined;
  /** bare (non-terminal) output: values in order */
  private raw: string[] = [];
  private bare = false;
  private readonly byCommand = new Map<string, { count: number; totalUs: number; maxUs: number }>();
  private readonly slowest: SlowEntry[] = [];
  private entries = 0;
  private totalUs = 0;

  constructor(private readonly into: Aggregates) {}

  line(text: string): boolean {
    if (this.bare) return this.bareLine(text);
    const entry = ENTRY.exec(text);
    if (entry) {
      this.flush();
      this.current = { id: Number(entry[2]), fields: [], args: [], indent: (entry[1] as string).length + 2 };
      return true;
    }
    const f = FIELD.exec(text);
    const cur = this.current;
    if (!cur) {
      if (/^\d+$/.test(text.trim())) {
        this.bare = true;
        return this.bareLine(text);
      }
      return text.trim() === '' || text.trim() === '(empty array)' || text.trim() === '(empty list or set)';
    }
    if (!f) return text.trim() === '';
    const indent = (f[1] as string).length;
    const value = f[3] as string;
    if (indent === cur.indent) {
      const index = Number(f[2]);
      // 4) starts the argument list, its first argument on the same line: `4) 1) "KEYS"`
      const nested = FIELD.exec(value);
      if (index === 4 && nested) cur.args.push(unquote(nested[3] as string));
      else cur.fields[index] = unquote(value.replace(/^\(integer\) /, ''));
      return true;
    }
    if (indent > cur.indent) {
      if (cur.args.length < 64) cur.args.push(unquote(value));
      return true;
    }
    return false;
  }

  finish(): string | undefined {
    if (this.bare) this.flushBare(true);
    this.flush();
    const previous = this.into.system.redisSlowlog as RedisSlowlogSummary | undefined;
    const byCommand = new Map(this.byCommand);
    for (const c of previous?.byCommand ?? []) {
      const b = byCommand.get(c.command);
      if (b) {
        b.count += c.count;
        b.totalUs += c.totalUs;
        b.maxUs = Math.max(b.maxUs, c.maxUs);
      } else byCommand.set(c.command, { ...c });
    }
    const slowest = [...(previous?.slowest ?? [])];
    for (const s of this.slowest) keepLargest(slowest, s, SLOWEST, (e) => e.durationUs);
    const summary: RedisSlowlogSummary = {
      entries: this.entries + (previous?.entries ?? 0),
      totalUs: this.totalUs + (previous?.totalUs ?? 0),
      byCommand: [...byCommand]
        .sort((a, b) => b[1].totalUs - a[1].totalUs)
        .slice(0, 20)
        .map(([command, c]) => ({ command, ...c })),
      slowest: largestFirst(slowest, (e) => e.durationUs),
    };
    if (summary.entries > 0) this.into.system.redisSlowlog = summary;
    return undefined;
  }

  private flush(): void {
    const cur = this.current;
    this.current = undefined;
    if (!cur) return;
    const at = Number(cur.fields[2]);
    const us = Number(cur.fields[3]);
    if (!Number.isFinite(us)) return;
    this.add({
      id: cur.id,
      ...(at > 0 ? { at: new Date(at * 1000).toISOString() } : {}),
      durationUs: us,
      command: commandShape(cur.args),
      ...(cur.fields[5] ? { client: maskIps(cur.fields[5]) } : {}),
    });
  }

  private add(e: SlowEntry): void {
    this.entries++;
    this.totalUs += e.durationUs;
    // the slowest are kept whatever the command: the cap below bounds the table by name, not the ranking
    keepLargest(this.slowest, e, SLOWEST, (s) => s.durationUs);
    const name = e.command.split(' ')[0] ?? '';
    let c = this.byCommand.get(name);
    if (!c) {
      if (this.byCommand.size >= 500) return;
      c = { count: 0, totalUs: 0, maxUs: 0 };
      this.byCommand.set(name, c);
    }
    c.count++;
    c.totalUs += e.durationUs;
    if (e.durationUs > c.maxUs) c.maxUs = e.durationUs;
  }

  /**
   * Bare output: id, time, µs, the arguments, then (Redis ≥ 4.0) ip:port and a name. An entry ends where the
   * next starts: three integers in a row, the second a plausible unix time.
   */
  private bareLine(text: string): boolean {
    this.raw.push(text.trim());
    if (this.raw.length > 200) this.raw.shift();
    this.flushBare(false);
    return true;
  }

  private flushBare(end: boolean): void {
    const r = this.raw;
    // find the start of the next entry after the current one's three integers
    let next = -1;
    for (let i = 3; i + 2 < r.length; i++) {
      if (isInt(r[i]) && isUnixTime(r[i + 1]) && isInt(r[i + 2])) {
        next = i;
        break;
      }
    }
    if (next < 0 && !end) return;
    const entry = next < 0 ? r.splice(0) : r.splice(0, next);
    if (entry.length < 4 || !isInt(entry[0]) || !isInt(entry[2])) return;
    let args = entry.slice(3);
    let client: string | undefined;
    // the last two values are the client address and name when the second to last looks like ip:port
    const addr = args[args.length - 2];
    if (args.length >= 3 && addr !== undefined && /^[\w.:[\]-]+:\d+$/.test(addr)) {
      client = addr;
      args = args.slice(0, -2);
    }
    this.add({
      id: Number(entry[0]),
      at: new Date(Number(entry[1]) * 1000).toISOString(),
      durationUs: Number(entry[2]),
      command: commandShape(args),
      ...(client ? { client: maskIps(client) } : {}),
    });
    if (next >= 0) this.flushBare(end);
  }
}

function isInt(s: string | undefined): boolean {
  return s !== undefined && /^\d+$/.test(s);
}

function isUnixTime(s: string | undefined): boolean {
  return isInt(s) && Number(s) > 946_684_800 && Number(s) < 4_102_444_800;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) return t.slice(1, -1).replace(/\\"/g, '"');
  return t;
}

/** `KEYS *`, `HGETALL session:gitlab:N` — the command and its first key's shape, never values */
export function commandShape(args: string[]): string {
  const [command, key] = args;
  if (!command) return '(none)';
  const name = command.toUpperCase();
  if (!key) return name;
  const shape = key
    .replace(/[0-9a-f]{8,}/gi, '…')
    .replace(/\d+/g, 'N')
    .slice(0, 60);
  const more = args.length > 2 ? ` (+${args.length - 2} args)` : '';
  return `${name} ${shape}${more}`;
}
