import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, Nullable } from '../platform/http/schemas.js';
import { getWeeklySummary, setWeeklySummary } from './weekly-summary.js';

const Subscription = Type.Object({
  subscribed: Type.Boolean(),
  /** the Monday of the last week mailed, in the lead's zone */
  lastWeek: Nullable(Type.String()),
});

export function weeklySummaryRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = {
    tags: ['reports'],
    response: { 200: Subscription, ...errorResponses },
  };
  // a static path: it wins over /api/v1/reports/:report
  api.get(
    '/api/v1/reports/weekly-summary',
    { schema: { ...schema, summary: 'Whether the caller (a lead) gets the weekly summary by mail' } },
    async (request) => getWeeklySummary(deps, request.actor),
  );
  api.put(
    '/api/v1/reports/weekly-summary',
    {
      schema: {
        ...schema,
        summary: 'Ask for the weekly summary by mail, Monday 08:00 in your zone, or stop it (lead)',
        body: Type.Object({ subscribed: Type.Boolean() }, { additionalProperties: false }),
      },
    },
    async (request) => setWeeklySummary(deps, request.actor, request.body.subscribed),
  );
}
