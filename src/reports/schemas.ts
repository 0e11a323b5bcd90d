import { Type } from 'typebox';

// The reports' answer as the OpenAPI document describes it (src/reports/report.ts in TypeScript).

export const ReportColumn = Type.Object({
  key: Type.String({ description: 'the key of the value in each row' }),
  label: Type.String(),
  kind: Type.Union(
    [
      Type.Literal('text'),
      Type.Literal('count'),
      Type.Literal('minutes'),
      Type.Literal('hours'),
      Type.Literal('ratio'),
      Type.Literal('date'),
    ],
    { description: 'ratio: a fraction (0.934; the CSAT score is in percent); count: a number, or a rate' },
  ),
});

export const ReportRow = Type.Object(
  {
    group: Type.String({ description: 'a stable key: the day or week’s Monday (YYYY-MM-DD), a priority, an id…' }),
    label: Type.String({ description: 'for people: a name, "Week of 30 Nov 2026"…' }),
  },
  { additionalProperties: Type.Union([Type.Number(), Type.String(), Type.Null()]) },
);

export const ReportSchema = Type.Object({
  report: Type.String(),
  title: Type.String(),
  from: Type.String(),
  to: Type.String(),
  zone: Type.String(),
  groupBy: Type.String(),
  columns: Type.Array(ReportColumn, { description: 'the values of each row, in display order' }),
  rows: Type.Array(ReportRow),
});

export const ReportListSchema = Type.Array(
  Type.Object({
    report: Type.String(),
    title: Type.String(),
    description: Type.String(),
    groupBy: Type.Array(Type.String()),
    defaultGroupBy: Type.String(),
  }),
);
