import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { wantsCsv } from '../platform/http/csv.js';
import { errorResponses, Nullable, Uuid } from '../platform/http/schemas.js';
import { ReportColumn } from '../reports/schemas.js';
import { csatCsv, csatReport } from './csat-report.js';
import { describeRating, rateSolve } from './rate-solve.js';
import { getTicketRatings } from './ticket-ratings.js';

const Rating = Type.Union([Type.Literal('good'), Type.Literal('bad')]);
const RatingView = Type.Object({
  ticket: Type.Object({ number: Type.Integer(), subject: Type.String() }),
  solvedAt: Type.String(),
  rating: Nullable(Rating),
  comment: Nullable(Type.String()),
  ratedAt: Nullable(Type.String()),
  open: Type.Boolean({ description: 'whether it can be rated, or the rating changed, now' }),
  openUntil: Type.String(),
});
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 600 }) });
const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const ReportRow = Type.Object({
  group: Type.String({ description: 'the same as key: the shape every report has' }),
  key: Type.String(),
  label: Type.String(),
  good: Type.Integer(),
  bad: Type.Integer(),
  score: Nullable(Type.Number({ description: 'good in percent of those rated, one decimal' })),
});

const CSAT_COLUMNS = [
  { key: 'good', label: 'Good', kind: 'count' as const },
  { key: 'bad', label: 'Bad', kind: 'count' as const },
  // in percent, one decimal (the other reports' ratios are fractions)
  { key: 'score', label: 'Score', kind: 'ratio' as const },
];

export function csatRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['csat'];

  // the rating link: no sign-in, the signed link is the key to one solve of one ticket
  api.get(
    '/api/v1/csat/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'A rating link: the solved ticket and its rating so far (no sign-in: the link is the key)',
        security: [],
        params: TokenParams,
        response: { 200: RatingView, ...errorResponses },
      },
    },
    async (request) => describeRating(deps, request.params.token),
  );
  api.post(
    '/api/v1/csat/:token',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          'Rates the solve a link names, good or bad, with a comment; changeable for 7 days (then 409 CSAT_CLOSED). A bad rating tells the leads.',
        security: [],
        params: TokenParams,
        body: Type.Object(
          {
            rating: Rating,
            comment: Type.Optional(
              Type.String({ maxLength: 2000, description: 'left out: the comment stays; empty: removed' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: RatingView, ...errorResponses },
      },
    },
    async (request) => rateSolve(deps, request.params.token, request.body),
  );

  api.get(
    '/api/v1/tickets/:number/csat',
    {
      schema: {
        tags,
        summary:
          'A ticket’s ratings, one per solve; the requester also gets the latest solve’s rating link token (`current`)',
        params: NumberParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                solvedAt: Type.String(),
                rating: Rating,
                comment: Nullable(Type.String()),
                ratedAt: Type.String(),
                agent: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
              }),
            ),
            current: Nullable(Type.Object({ ...RatingView.properties, token: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getTicketRatings(deps, request.actor, request.params.number),
  );

  api.get(
    '/api/v1/reports/csat',
    {
      schema: {
        tags: ['reports'],
        summary: 'CSAT per agent, team, organization or week (lead); `Accept: text/csv` (or format=csv) for CSV',
        description:
          'Ratings are counted in the range they were first given in, as they stand now, for whose the solve was (the assignee, team and organization when the ticket was solved). Days are in `zone`; `to` as a day is included.',
        querystring: Type.Object({
          from: Type.Optional(
            Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an instant; default 30 days ago' }),
          ),
          to: Type.Optional(
            Type.String({ maxLength: 40, description: 'YYYY-MM-DD (included) or an instant; default now' }),
          ),
          groupBy: Type.Optional(
            Type.Union([
              Type.Literal('agent'),
              Type.Literal('team'),
              Type.Literal('organization'),
              Type.Literal('week'),
            ]),
          ),
          zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone; default UTC' })),
          organization: Type.Optional(Uuid),
          team: Type.Optional(Uuid),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
        }),
        response: {
          200: {
            description: 'The report: JSON, or CSV (key,label,good,bad,score) when asked for',
            content: {
              'application/json': {
                schema: Type.Object({
                  report: Type.Literal('csat'),
                  title: Type.String(),
                  from: Type.String(),
                  to: Type.String(),
                  groupBy: Type.String(),
                  zone: Type.String(),
                  columns: Type.Array(ReportColumn),
                  rows: Type.Array(ReportRow),
                }),
              },
              'text/csv': { schema: Type.String() },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await csatReport(deps, request.actor, query);
      const csv = format === 'csv' || (format === undefined && wantsCsv(request.headers.accept));
      if (!csv) {
        // the shape of the other reports (src/reports) too, so one page reads them all
        return {
          report: 'csat' as const,
          title: 'Satisfaction',
          ...report,
          columns: CSAT_COLUMNS,
          rows: report.rows.map((r) => ({ group: r.key, ...r })),
        };
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="csat-by-${report.groupBy}.csv"`)
        .send(csatCsv(report));
    },
  );
}
