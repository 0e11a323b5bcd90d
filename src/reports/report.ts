// The shape every report answers in, JSON or CSV: named columns of known kinds, and one row per group
// with a stable key (`group`) and a label for people.

export type ColumnKind = 'text' | 'count' | 'minutes' | 'hours' | 'ratio' | 'date';

export interface ReportColumn {
  key: string;
  label: string;
  /** ratio: a fraction (0.934); minutes and hours: durations; count: a number of things, or a rate */
  kind: ColumnKind;
}

export type ReportValue = number | string | null;

export type ReportRow = { group: string; label: string } & Record<string, ReportValue>;

export interface ReportTable {
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface Report extends ReportTable {
  report: string;
  title: string;
  from: string;
  to: string;
  zone: string;
  groupBy: string;
}
