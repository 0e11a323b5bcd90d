import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { CsvRecords, splitCsvRecord } from './postgres-csv.js';
import { fingerprintSql } from './sql-fingerprint.js';
import { round } from './system-state.js';

// A pg_stat_statements export as CSV (`\copy (SELECT * FROM pg_stat_statements) TO … CSV HEADER`, or
// gitlab:db:sos's pg_stat_statements.csv with a leading timestamp column). Columns are mapped by header name:
// PG ≤ 12 says total_time/mean_time/max_time, PG 13+ total_exec_time/mean_exec_time/max_exec_time. A row is a
// summary of many calls, not samples, so the group's p99 is approximated (max when known, else the mean) and
// results.system.pgStatStatements says so (`p99Basis`). Rows of one fingerprint (other users, databases, or
// IN-lists of other lengths) add up.

const TOP = 20;
// pg_stat_statements.max is 5000 by default; a bigger file is not a real export
const MAX_GROUPS = 20_000;

interface Columns {
  query: number;
  calls: number;
  total: number;
  max: number;
  mean: number;
  rows: number;
  hit: number;
  read: number;
}

interface Row {
  fingerprint: string;
  query: string;
  calls: number;
  totalMs: number;
  maxMs: number;
  rows: number;
  sharedBlksHit: number;
  sharedBlksRead: number;
}

export interface PgStatStatementsSummary {
  statements: number;
  calls: number;
  totalExecMs: number;
  /** pg_stat_statements keeps totals only: p99 is the max per group where the export has it, else the mean */
  p99Basis: 'max' | 'mean';
  /** the heaviest fingerprints by total time, with their share of all time */
  top: {
    fingerprint: string;
    calls: number;
    totalMs: number;
    meanMs: number;
    maxMs?: number;
    sharePercent: number;
    hitPercent?: number;
  }[];
}

function headerColumns(fields: string[]): Columns | undefined {
  const names = fields.map((f) => f.trim().toLowerCase());
  const at = (...candidates: string[]) => {
    for (const c of candidates) {
      const i = names.indexOf(c);
      if (i >= 0) return i;
    }
    return -1;
  };
  const columns: Columns = {
    query: at('query'),
    calls: at('calls'),
    total: at('total_exec_time', 'total_time'),
    max: at('max_exec_time', 'max_time'),
    mean: at('mean_exec_time', 'mean_time'),
    rows: at('rows'),
    hit: at('shared_blks_hit'),
    read: at('shared_blks_read'),
  };
  if (columns.query < 0 || columns.calls < 0 || (columns.total < 0 && columns.mean < 0)) return undefined;
  return columns;
}

export const pgStatStatements: FileAnalyser = {
  kind: 'pg_stat_statements',
  accepts(path, firstLine) {
    if (!firstLine.includes('calls') || !firstLine.includes('query')) return false;
    if (/pg_stat_statements/i.test(path)) return true;
    return headerColumns(splitCsvRecord(firstLine)) !== undefined;
  },
  open(_path, into) {
    return new PgStatStatementsReader(into);
  },
};

class PgStatStatementsReader implements FileReader {
  private readonly records = new CsvRecords();
  private columns: Columns | undefined;
  private readonly groups = new Map<string, Row>();
  private statements = 0;
  private hasMax = false;

  constructor(private readonly into: Aggregates) {}

  line(text: string): boolean {
    const fields = this.records.push(text);
    if (!fields) return true;
    if (!this.columns) {
      this.columns = headerColumns(fields);
      return this.columns !== undefined;
    }
    const c = this.columns;
    const query = fields[c.query];
    const calls = num(fields[c.calls]);
    if (!query || !(calls >= 0)) return false;
    const maxMs = c.max >= 0 ? num(fields[c.max]) : Number.NaN;
    const totalMs = c.total >= 0 ? num(fields[c.total]) : num(fields[c.mean]) * calls;
    if (!Number.isFinite(totalMs)) return false;
    this.statements++;
    if (calls === 0) return true;
    const shape = fingerprintSql(query);
    this.into.sqlSummary(
      shape.fingerprint,
      shape.query,
      'pg_stat_statements',
      calls,
      totalMs,
      Number.isFinite(maxMs) ? maxMs : undefined,
    );
    if (Number.isFinite(maxMs)) this.hasMax = true;
    let g = this.groups.get(shape.fingerprint);
    if (!g) {
      if (this.groups.size >= MAX_GROUPS) return true;
      g = {
        fingerprint: shape.fingerprint,
        query: shape.query,
        calls: 0,
        totalMs: 0,
        maxMs: 0,
        rows: 0,
        sharedBlksHit: 0,
        sharedBlksRead: 0,
      };
      this.groups.set(shape.fingerprint, g);
    }
    g.calls += calls;
    g.totalMs += totalMs;
    if (maxMs > g.maxMs) g.maxMs = maxMs;
    g.rows += num(fields[c.rows]) || 0;
    g.sharedBlksHit += num(fields[c.hit]) || 0;
    g.sharedBlksRead += num(fields[c.read]) || 0;
    if (!this.into.hasSample(`sql:${shape.fingerprint}`)) {
      this.into.sample(
        `sql:${shape.fingerprint}`,
        `pg_stat_statements: calls=${calls} total_ms=${round(totalMs)} ${query}`,
      );
    }
    return true;
  }

  finish(): string | undefined {
    this.records.finish();
    if (!this.columns) return 'no pg_stat_statements header (query, calls, total_exec_time or total_time)';
    const groups = [...this.groups.values()];
    const previous = this.into.system.pgStatStatements as PgStatStatementsSummary | undefined;
    const calls = groups.reduce((s, g) => s + g.calls, 0) + (previous?.calls ?? 0);
    const totalExecMs = groups.reduce((s, g) => s + g.totalMs, 0) + (previous?.totalExecMs ?? 0);
    const top = [
      ...(previous?.top ?? []),
      ...groups.map((g) => ({
        fingerprint: g.fingerprint,
        calls: g.calls,
        totalMs: round(g.totalMs),
        meanMs: round(g.totalMs / g.calls, 3),
        ...(g.maxMs > 0 ? { maxMs: round(g.maxMs, 3) } : {}),
        sharePercent: 0,
        ...(g.sharedBlksHit + g.sharedBlksRead > 0
          ? { hitPercent: round((100 * g.sharedBlksHit) / (g.sharedBlksHit + g.sharedBlksRead), 1) }
          : {}),
      })),
    ]
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, TOP)
      .map((t) => ({ ...t, sharePercent: totalExecMs > 0 ? round((100 * t.totalMs) / totalExecMs, 1) : 0 }));
    const summary: PgStatStatementsSummary = {
      statements: this.statements + (previous?.statements ?? 0),
      calls,
      totalExecMs: round(totalExecMs),
      p99Basis: this.hasMax || previous?.p99Basis === 'max' ? 'max' : 'mean',
      top,
    };
    this.into.system.pgStatStatements = summary;
    return undefined;
  }
}

function num(s: string | undefined): number {
  if (s === undefined || s === '') return Number.NaN;
  return Number(s);
}
