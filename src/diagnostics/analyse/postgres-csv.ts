import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { handlePgEntry, MAX_ENTRY_CHARS, PgCounters } from './postgres-events.js';
import { parseTime } from './time.js';

// PostgreSQL csvlog (log_destination = 'csvlog'): one record per entry, every text field quoted, and a
// multi-line statement keeps its newlines inside the quotes, so a record can span many lines. Records are put
// back together by quote parity (RFC 4180: a record ends at a newline outside quotes) and split by a small state
// machine; the unit tests check it against csv-parse on the hard cases. csv-parse/sync itself costs ~50 µs per
// record (it sets up a parser per call), too much for a csvlog with log_min_duration_statement = 0.
// Columns, in order (PG docs, "Using CSV-Format Log Output"): log_time, user_name, database_name, process_id,
// connection_from, session_id, session_line_num, command_tag, session_start_time, virtual_transaction_id,
// transaction_id, error_severity, sql_state_code, message, detail, hint, internal_query, internal_query_pos,
// context, query, query_pos, location, application_name, then backend_type (13), leader_pid and query_id (14).

const COL = { time: 0, severity: 11, sqlState: 12, message: 13, detail: 14, query: 19 } as const;
const CSVLOG_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [A-Za-z0-9+:-]+,/;

/** lines in, records out: joins lines while a quoted field is open, then splits the record into fields */
export class CsvRecords {
  private pending: string[] = [];
  private pendingChars = 0;
  private open = false;
  /** records dropped because a quoted field never closed within the limit */
  dropped = 0;

  constructor(private readonly maxChars = MAX_ENTRY_CHARS) {}

  /** the record's fields once it is complete; undefined while it continues on the next line */
  push(line: string): string[] | undefined {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    const odd = quoteCount(text) % 2 === 1;
    if (!this.open) {
      if (!odd) return splitCsvRecord(text);
      this.open = true;
      this.pending = [text];
      this.pendingChars = text.length;
      return undefined;
    }
    this.pendingChars += text.length + 1;
    if (this.pendingChars > this.maxChars) {
      // a stray quote, or a monster statement: give the record up rather than hold the file in memory
      this.dropped++;
      this.reset();
      return undefined;
    }
    this.pending.push(text);
    if (!odd) return undefined;
    const record = this.pending.join('\n');
    this.reset();
    return splitCsvRecord(record);
  }

  /** at the end of the file: a record still open is incomplete (the file was cut) */
  finish(): boolean {
    const cut = this.open;
    if (cut) this.dropped++;
    this.reset();
    return cut;
  }

  private reset(): void {
    this.open = false;
    this.pending = [];
    this.pendingChars = 0;
  }
}

function quoteCount(s: string): number {
  let n = 0;
  let i = s.indexOf('"');
  while (i >= 0) {
    n++;
    i = s.indexOf('"', i + 1);
  }
  return n;
}

/** splits one complete CSV record (RFC 4180: "" is a quote inside a quoted field; newlines kept) */
export function splitCsvRecord(record: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    if (record.charCodeAt(i) === 34) {
      // quoted field
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = record.indexOf('"', from);
        if (q < 0) {
          value += record.slice(from);
          i = n;
          break;
        }
        value += record.slice(from, q);
        if (record.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // anything between the closing quote and the comma is kept, as lenient parsers do
      const comma = record.indexOf(',', i);
      if (comma < 0) {
        fields.push(value + record.slice(i));
        return fields;
      }
      fields.push(value + record.slice(i, comma));
      i = comma + 1;
    } else {
      const comma = record.indexOf(',', i);
      if (comma < 0) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}

export const postgresCsv: FileAnalyser = {
  kind: 'postgresql-csv',
  accepts(path, firstLine) {
    if (CSVLOG_START.test(firstLine)) return true;
    // the first record's time cut off: a .csv under a postgres log directory
    return /(^|\/)(postgresql|pg_log)\/[^/]*\.csv$|(^|\/)postgresql[^/]*\.csv$/i.test(path);
  },
  open(_path, into) {
    return new PostgresCsvReader(into);
  },
};

class PostgresCsvReader implements FileReader {
  private readonly records = new CsvRecords();
  private readonly counters = new PgCounters();

  constructor(private readonly into: Aggregates) {}

  line(text: string): boolean {
    const fields = this.records.push(text);
    if (!fields) return true;
    const severity = fields[COL.severity];
    const message = fields[COL.message];
    if (fields.length < 14 || !severity || message === undefined) return false;
    handlePgEntry(this.into, this.counters, {
      at: parseTime(fields[COL.time] ?? ''),
      severity,
      message,
      statement: fields[COL.query] || undefined,
      detail: fields[COL.detail] || undefined,
      sqlState: fields[COL.sqlState] || undefined,
      raw: `${fields[COL.time]} ${severity}:  ${message}`,
    });
    return true;
  }

  finish(): string | undefined {
    const cut = this.records.finish();
    this.counters.flush(this.into);
    const dropped = this.records.dropped;
    if (dropped === 0) return undefined;
    return cut && dropped === 1
      ? 'the last record was cut short'
      : `${dropped} records with an unclosed quote or over ${MAX_ENTRY_CHARS / 1024} KB were skipped`;
  }
}
