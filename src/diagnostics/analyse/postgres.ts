import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { handlePgEntry, MAX_ENTRY_CHARS, PgCounters, type PgEntry } from './postgres-events.js';
import { parseTime } from './time.js';

// PostgreSQL's stderr log (GitLab's postgresql/current through svlogd, a kubeSOS postgresql.log, a plain
// postgresql-*.log) and jsonlog (PG 15+). log_line_prefix is the customer's choice, so the prefix is not parsed:
// the severity token (`LOG:  `, `ERROR:  ` — always two spaces) is found, and a time is taken from what precedes
// it. A message continues on lines starting with a TAB (elog.c append_with_tabs); DETAIL/HINT/STATEMENT/CONTEXT
// lines belong to the entry before them. An entry is handled when the next one starts.

const SVLOGD = /^\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d\.\d+ /;
const PREFIX_TIME = /\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?(?: (?:[A-Z]{2,5}|[+-]\d\d(?::?\d\d)?)\b)?/;
const PREFIX_EPOCH = /(?:^|\s)(1\d{9})\.(\d{3})\b/;
const SECONDARY = new Set(['DETAIL', 'HINT', 'STATEMENT', 'CONTEXT', 'QUERY', 'LOCATION']);
// what a first line looks like when the path does not say: a time, a short prefix, a severity
const LOOKS_LIKE_PG =
  /^(?:\d{4}-\d\d-\d\d[ _T]\d\d:\d\d:\d\d|1\d{9}\.\d{3}\b).{0,200}?(?:^|[\s\]>:)-])(?:LOG|ERROR|FATAL|PANIC|WARNING|STATEMENT|DETAIL|HINT|CONTEXT): {2}/;
const PG_PATH =
  /(^|\/)(geo-)?postgresql\/(current|[^/]*\.log)$|(^|\/)(pg_log|pg_logs)\/[^/]+$|(^|\/)postgres(ql)?([-_.][^/]*)?\.log$/i;

export const postgresql: FileAnalyser = {
  kind: 'postgresql',
  accepts(path, firstLine) {
    if (firstLine.startsWith('{')) return firstLine.includes('"error_severity"');
    return PG_PATH.test(path) || LOOKS_LIKE_PG.test(firstLine);
  },
  open(_path, into) {
    return new PostgresLogReader(into);
  },
};

interface Pending extends PgEntry {
  /** the part continuation lines go to */
  current: 'message' | 'statement' | 'detail' | 'other';
  chars: number;
}

class PostgresLogReader implements FileReader {
  private readonly counters = new PgCounters();
  private pending: Pending | undefined;
  private cut = 0;

  constructor(private readonly into: Aggregates) {}

  line(text: string): boolean {
    if (text.charCodeAt(0) === 123) return this.json(text);
    let svlogdAt = Number.NaN;
    let body = text;
    const sv = SVLOGD.exec(text);
    if (sv) {
      svlogdAt = parseTime(sv[0].trimEnd());
      body = text.slice(sv[0].length);
    }
    const c = body.charCodeAt(0);
    if (c === 9 || c === 32 || body === '') return this.continuation(body);
    const sev = findSeverity(body);
    if (!sev) return false;
    const { severity, at: sevAt, start } = sev;
    const message = body.slice(start);
    if (SECONDARY.has(severity)) {
      const p = this.pending;
      if (!p) return true;
      if (severity === 'STATEMENT') {
        p.statement = message;
        p.current = 'statement';
      } else if (severity === 'DETAIL') {
        p.detail = message;
        p.current = 'detail';
      } else p.current = 'other';
      p.chars += message.length;
      return true;
    }
    this.flush();
    const prefix = body.slice(0, sevAt);
    this.pending = {
      at: prefixTime(prefix, svlogdAt),
      severity,
      message,
      raw: body,
      current: 'message',
      chars: message.length,
    };
    return true;
  }

  finish(): string | undefined {
    this.flush();
    this.counters.flush(this.into);
    return this.cut > 0 ? `${this.cut} entries over ${MAX_ENTRY_CHARS / 1024} KB were cut` : undefined;
  }

  private continuation(body: string): boolean {
    const p = this.pending;
    if (!p) return body === '';
    if (p.current === 'other') return true;
    if (p.chars + body.length > MAX_ENTRY_CHARS) {
      if (p.chars <= MAX_ENTRY_CHARS) this.cut++;
      p.chars = MAX_ENTRY_CHARS + 1;
      return true;
    }
    p.chars += body.length + 1;
    // the TAB elog adds is not part of the statement
    const part = body.charCodeAt(0) === 9 ? body.slice(1) : body;
    if (p.current === 'message') p.message += `\n${part}`;
    else if (p.current === 'statement') p.statement += `\n${part}`;
    else p.detail += `\n${part}`;
    return true;
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    handlePgEntry(this.into, this.counters, p);
  }

  /** jsonlog: one object per entry, the statement in "statement" */
  private json(text: string): boolean {
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return false;
    }
    const severity = o.error_severity;
    const message = o.message;
    if (typeof severity !== 'string' || typeof message !== 'string') return false;
    this.flush();
    handlePgEntry(this.into, this.counters, {
      at: typeof o.timestamp === 'string' ? parseTime(o.timestamp) : Number.NaN,
      severity,
      message,
      statement: typeof o.statement === 'string' ? o.statement : undefined,
      detail: typeof o.detail === 'string' ? o.detail : undefined,
      sqlState: typeof o.state_code === 'string' ? o.state_code : undefined,
      raw: text,
    });
    return true;
  }
}

const SEVERITIES = new Set([
  'LOG',
  'ERROR',
  'FATAL',
  'PANIC',
  'WARNING',
  'NOTICE',
  'INFO',
  'DEBUG',
  'DEBUG1',
  'DEBUG2',
  'DEBUG3',
  'DEBUG4',
  'DEBUG5',
  ...SECONDARY,
]);
// a severity is preceded by the start of the line or a prefix separator
const BEFORE_SEVERITY = new Set([32, 9, 93, 62, 58, 41, 45]);

/** the severity token (`LOG:  `): found by its colon and two spaces, the word before it checked; cheaper than a regex */
function findSeverity(body: string): { severity: string; at: number; start: number } | undefined {
  let colon = body.indexOf(':  ');
  while (colon > 0 && colon < 400) {
    let i = colon - 1;
    while (i >= 0) {
      const c = body.charCodeAt(i);
      if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) i--;
      else break;
    }
    const word = body.slice(i + 1, colon);
    if (SEVERITIES.has(word) && (i < 0 || BEFORE_SEVERITY.has(body.charCodeAt(i)))) {
      return { severity: word, at: i + 1, start: colon + 3 };
    }
    colon = body.indexOf(':  ', colon + 1);
  }
  return undefined;
}

/** the time in a log_line_prefix (%m, %t, %n), else svlogd's */
function prefixTime(prefix: string, svlogdAt: number): number {
  const m = PREFIX_TIME.exec(prefix);
  if (m) {
    const at = parseTime(m[0]);
    if (Number.isFinite(at)) return at;
  }
  const e = PREFIX_EPOCH.exec(prefix);
  if (e) return Number(e[1]) * 1000 + Number(e[2]);
  return svlogdAt;
}
