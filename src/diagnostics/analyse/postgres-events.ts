import type { Aggregates } from './aggregates.js';
import { fingerprintSql } from './sql-fingerprint.js';
import { addCounts } from './system-state.js';

// What a PostgreSQL log entry means, whatever the file format (stderr, csvlog, jsonlog): a slow statement
// (`log_min_duration_statement`: `duration: 1520.334 ms  execute <unnamed>: SELECT …`) goes to the SQL table by
// fingerprint, an ERROR/FATAL/PANIC to the error groups, and the messages Support looks for (deadlocks, statement
// timeouts, lock waits, too many connections, checkpoints too frequent, temp files) to counters in
// results.system.postgres. Message shapes are the ones pgbadger matches.

export interface PgEntry {
  /** epoch ms, NaN when the line had no readable time */
  at: number;
  /** LOG, ERROR, FATAL, PANIC, WARNING… */
  severity: string;
  message: string;
  /** the STATEMENT: line or csvlog's query column */
  statement?: string;
  detail?: string;
  /** SQLSTATE, when the format carries it */
  sqlState?: string;
  /** the first physical line, for samples */
  raw: string;
}

// longer statements are cut: the fingerprint falls back to approx:, memory stays bounded
export const MAX_ENTRY_CHARS = 256 * 1024;
// callers (Marginalia endpoint_id / job_class) counted per fingerprint, at most
const MAX_CALLERS = 10;

const DURATION = /^duration: (\d+(?:\.\d+)?) ms(?:\s+([\s\S]*))?$/;
const STEP = /^(statement|parse|bind|execute(?: fetch from)?)(?: ([^:]*))?: ([\s\S]*)$/;
const QUERY_TEXT =
  /Query Text: ([\s\S]*?)(?:\n\s*(?:[A-Z][\w ]+(?:\s+on\s+\S+)?\s+\(cost=|->|Query Identifier:|Planning|Execution)|$)/;
const QUERY_TEXT_JSON = /"Query Text": "((?:[^"\\]|\\.)*)"/;
const LOCK_WAIT = /^process \d+ (?:still waiting|acquired) for /;
const TEMP_FILE = /^temporary file: path "[^"]*", size (\d+)/;

export class PgCounters {
  slowStatements = 0;
  slowTotalMs = 0;
  errors = 0;
  fatals = 0;
  panics = 0;
  warnings = 0;
  deadlocks = 0;
  statementTimeouts = 0;
  lockTimeouts = 0;
  idleInTransactionTimeouts = 0;
  lockWaits = 0;
  tooManyConnections = 0;
  outOfSharedMemory = 0;
  serializationFailures = 0;
  checkpointsTooFrequent = 0;
  tempFiles = 0;
  tempFileBytes = 0;

  /** into results.system.postgres (adds to what other files said) */
  flush(into: Aggregates): void {
    addCounts(into, 'postgres', { ...this } as unknown as Record<string, number>);
  }
}

/** handles one complete entry (all its continuation lines joined with \n) */
export function handlePgEntry(into: Aggregates, counters: PgCounters, e: PgEntry): void {
  if (Number.isFinite(e.at)) into.seen(e.at);
  switch (e.severity) {
    case 'LOG':
      handleLog(into, counters, e);
      break;
    case 'ERROR':
    case 'FATAL':
    case 'PANIC':
      handleError(into, counters, e);
      break;
    case 'WARNING':
      counters.warnings++;
      break;
  }
}

function handleLog(into: Aggregates, counters: PgCounters, e: PgEntry): void {
  const m = e.message;
  if (m.startsWith('duration: ')) {
    const d = DURATION.exec(m);
    if (!d) return;
    const ms = Number(d[1]);
    const rest = d[2];
    if (!rest) return; // log_duration alone: no statement to group
    let sql: string | undefined;
    if (rest.startsWith('plan:')) {
      // auto_explain: the statement is the plan's "Query Text"
      sql = (
        QUERY_TEXT_JSON.exec(rest)?.[1]?.replace(/\\n/g, '\n').replace(/\\"/g, '"') ?? QUERY_TEXT.exec(rest)?.[1]
      )?.trim();
    } else {
      const step = STEP.exec(rest);
      // parse and bind steps of the extended protocol would count one statement two or three times
      if (step && (step[1] === 'statement' || step[1]?.startsWith('execute'))) sql = step[3];
    }
    if (!sql) return;
    slowStatement(into, counters, e, sql, ms);
    return;
  }
  if (LOCK_WAIT.test(m)) counters.lockWaits++;
  else if (m.startsWith('checkpoints are occurring too frequently')) counters.checkpointsTooFrequent++;
  else if (m.startsWith('temporary file: ')) {
    counters.tempFiles++;
    counters.tempFileBytes += Number(TEMP_FILE.exec(m)?.[1] ?? 0);
  }
}

function slowStatement(into: Aggregates, counters: PgCounters, e: PgEntry, sql: string, ms: number): void {
  const shape = fingerprintSql(sql);
  const stat = into.sql(shape.fingerprint, shape.query, 'postgresql', ms);
  counters.slowStatements++;
  counters.slowTotalMs += ms;
  into.tick(e.at, 'slowSql');
  const key = `sql:${shape.fingerprint}`;
  into.sample(key, e.raw);
  const caller = marginaliaCaller(sql);
  if (caller) {
    const name = `caller:${caller}`;
    if (stat.counters[name] !== undefined || Object.keys(stat.counters).length < MAX_CALLERS) stat.bump(name);
  }
}

/** the endpoint or job a Rails query came from, from its Marginalia comment */
function marginaliaCaller(sql: string): string | undefined {
  const start = sql.indexOf('/*');
  if (start < 0 || start > 10) {
    const tail = sql.lastIndexOf('/*');
    if (tail < 0 || tail < sql.length - 600) return undefined;
    return callerIn(sql.slice(tail));
  }
  return callerIn(sql.slice(start));
}

const CALLER_TAGS = ['endpoint_id', 'job_class', 'controller'].map((name) => new RegExp(`(?:^|,)${name}:([^,]*)`));

function callerIn(comment: string): string | undefined {
  const end = comment.indexOf('*/');
  const body = end > 0 ? comment.slice(2, end) : comment.slice(2);
  for (const tag of CALLER_TAGS) {
    const value = tag.exec(body)?.[1]?.trim();
    if (value) return value;
  }
  return undefined;
}

function handleError(into: Aggregates, counters: PgCounters, e: PgEntry): void {
  if (e.severity === 'ERROR') counters.errors++;
  else if (e.severity === 'FATAL') counters.fatals++;
  else counters.panics++;
  const m = e.message;
  const state = e.sqlState;
  if (state === '40P01' || m.startsWith('deadlock detected')) counters.deadlocks++;
  else if (m.startsWith('canceling statement due to statement timeout')) counters.statementTimeouts++;
  else if (m.startsWith('canceling statement due to lock timeout')) counters.lockTimeouts++;
  else if (m.startsWith('terminating connection due to idle-in-transaction timeout'))
    counters.idleInTransactionTimeouts++;
  else if (
    state === '53300' ||
    m.startsWith('sorry, too many clients already') ||
    m.startsWith('remaining connection slots are reserved')
  ) {
    counters.tooManyConnections++;
  } else if (m.startsWith('out of shared memory')) counters.outOfSharedMemory++;
  else if (state === '40001' || m.startsWith('could not serialize access')) counters.serializationFailures++;
  const signature = `PostgreSQL ${e.severity}: ${normaliseMessage(m)}`;
  into.error(signature, e.at);
  const key = `error:${signature}`;
  if (!into.hasSample(key)) into.sample(key, e.statement ? `${e.raw}\nSTATEMENT: ${e.statement}` : e.raw);
}

/**
 * An error message as a group key: its first line, numbers → N, quoted values → "…" (identifiers such as
 * constraint and relation names stay: they say which table), single-quoted literals → '…'.
 */
export function normaliseMessage(message: string): string {
  const nl = message.indexOf('\n');
  const first = (nl >= 0 ? message.slice(0, nl) : message).trim();
  return first
    .replace(/"([^"]*)"/g, (all, inner: string) => {
      if (/^[\w.$-]{1,63}$/.test(inner) && !/^\d+$/.test(inner)) return all;
      // a file path keeps its shape (base/N/N tells a relation file from a WAL segment)
      if (/^[\w./-]{1,200}$/.test(inner) && inner.includes('/')) return `"${inner.replace(/\d+/g, 'N')}"`;
      return '"…"';
    })
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b0x[0-9a-f]+\b/gi, 'N')
    .replace(/(?<![\w.])\d+(?:\.\d+)?\b/g, 'N')
    .slice(0, 300);
}
