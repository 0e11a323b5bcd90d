import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { wantsCsv } from '../platform/http/csv.js';
import { errorResponses, Uuid } from '../platform/http/schemas.js';
import { GENERIC_REPORTS, GROUPINGS, listReports, reportCsv, runReport } from './catalog.js';
import { ReportListSchema, ReportSchema } from './schemas.js';

const tags = ['reports'];

export function reportRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: 'The reports (lead): what each shows and how it can be grouped',
        response: { 200: ReportListSchema, ...errorResponses },
      },
    },
    async (request) => listReports(request.actor),
  );

  // /api/v1/reports/csat is CSAT's own route (a static path wins over this one), in the same shape
  api.get(
    '/api/v1/reports/:report',
    {
      schema: {
        tags,
        summary: 'A report (lead) as JSON, or CSV with `Accept: text/csv` or format=csv',
        description:
          'Facts are counted when they happened (a reply when sent, a solve when solved), under the priority, plan, region, organization, team and agent of that moment. Days and weeks (from Monday) are in `zone`; `to` as a day is included. Without a range: the last 12 weeks.',
        params: Type.Object({ report: Type.Union(GENERIC_REPORTS.map((r) => Type.Literal(r))) }),
        querystring: Type.Object({
          from: Type.Optional(
            Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an instant; default the Monday 11 weeks ago' }),
          ),
          to: Type.Optional(
            Type.String({ maxLength: 40, description: 'YYYY-MM-DD (included) or an instant; default now' }),
          ),
          zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone; default UTC' })),
          groupBy: Type.Optional(
            Type.Union(
              GROUPINGS.map((g) => Type.Literal(g)),
              { description: 'one the report lists (GET /api/v1/reports); default its first' },
            ),
          ),
          organization: Type.Optional(Uuid),
          plan: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          team: Type.Optional(Uuid),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
        }),
        response: {
          200: {
            description: 'The report: JSON, or CSV (the group, then the columns’ labels) when asked for',
            content: {
              'application/json': { schema: ReportSchema },
              'text/csv': { schema: Type.String() },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await runReport(deps, request.actor, request.params.report, query);
      const csv = format === 'csv' || (format === undefined && wantsCsv(request.headers.accept));
      if (!csv) return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${report.report}-by-${report.groupBy}.csv"`)
        .send(reportCsv(report));
    },
  );
}
