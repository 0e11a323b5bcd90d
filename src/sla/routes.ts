import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, Nullable } from '../platform/http/schemas.js';
import { Ticket } from '../tickets/schemas.js';
import { listPolicies, replacePolicies } from './policies.js';
import { listBreaches, nextBreaches, slaTimeline } from './timeline.js';

const Minutes = Nullable(Type.Integer({ minimum: 1, maximum: 525_600 }));
const PriorityName = Type.Enum(['low', 'normal', 'high', 'urgent']);
const PolicyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    priority: Type.Optional(Nullable(PriorityName)),
    plan: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    firstReplyMinutes: Type.Optional(Minutes),
    nextReplyMinutes: Type.Optional(Minutes),
    periodicUpdateMinutes: Type.Optional(Minutes),
    resolutionMinutes: Type.Optional(Minutes),
    businessHours: Type.Optional(Type.Boolean({ description: 'count in support hours (default) or calendar hours' })),
    pauseOnHold: Type.Optional(Type.Boolean({ description: 'on-hold pauses the clocks as pending and watching do' })),
  },
  { additionalProperties: false },
);
const Policy = Type.Object({
  id: Type.String(),
  name: Type.String(),
  priority: Nullable(Type.String()),
  plan: Nullable(Type.String()),
  firstReplyMinutes: Nullable(Type.Integer()),
  nextReplyMinutes: Nullable(Type.Integer()),
  periodicUpdateMinutes: Nullable(Type.Integer()),
  resolutionMinutes: Nullable(Type.Integer()),
  businessHours: Type.Boolean(),
  pauseOnHold: Type.Boolean(),
});

export function slaRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/tickets/:number/sla',
    {
      schema: {
        tags: ['sla'],
        summary:
          'A ticket’s SLA: policy, clocks and due times, and every start, pause, resume, stop, warning and breach',
        params: Type.Object({ number: Type.Integer({ minimum: 1 }) }),
        response: {
          200: Type.Object({
            ticket: Type.Integer(),
            priority: Type.String(),
            dueAt: Nullable(Type.String()),
            policy: Nullable(Policy),
            clocks: Type.Array(
              Type.Object({
                metric: Type.String(),
                state: Type.String({ description: 'running, paused, met or breached' }),
                live: Type.Boolean(),
                targetMinutes: Type.Integer(),
                businessHours: Type.Boolean(),
                startedAt: Type.String(),
                usedMinutes: Type.Number(),
                dueAt: Nullable(Type.String()),
                warnAt: Nullable(Type.String()),
                breachedAt: Nullable(Type.String()),
                stoppedAt: Nullable(Type.String()),
              }),
            ),
            events: Type.Array(
              Type.Object({
                at: Type.String(),
                metric: Type.String(),
                kind: Type.String(),
                dueAt: Nullable(Type.String()),
                detail: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => slaTimeline(deps, request.actor, request.params.number),
  );
  api.get(
    '/api/v1/sla/next',
    {
      schema: {
        tags: ['sla'],
        summary: 'The tickets whose SLA breaches next, soonest (or most overdue) first',
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Ticket) }), ...errorResponses },
      },
    },
    async (request) => nextBreaches(deps, request.actor, request.query.limit),
  );
  api.get(
    '/api/v1/sla/breaches',
    {
      schema: {
        tags: ['sla'],
        summary: 'Breaches recorded since `since` (default: 30 days), newest first',
        querystring: Type.Object(
          { since: Type.Optional(Type.String()), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                ticket: Type.Integer(),
                metric: Type.String(),
                dueAt: Nullable(Type.String()),
                at: Type.String(),
                detail: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => listBreaches(deps, request.actor, request.query),
  );
  api.get(
    '/api/v1/sla/policies',
    {
      schema: {
        tags: ['sla'],
        summary: 'SLA policies',
        response: { 200: Type.Object({ items: Type.Array(Policy) }), ...errorResponses },
      },
    },
    async (request) => listPolicies(deps, request.actor),
  );
  api.put(
    '/api/v1/sla/policies',
    {
      schema: {
        tags: ['sla'],
        summary: 'Replaces the SLA policies (admin); the most specific (priority and plan) matches a ticket',
        body: Type.Object({ items: Type.Array(PolicyBody, { maxItems: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Policy) }), ...errorResponses },
      },
    },
    async (request) => replacePolicies(deps, request.actor, request.body.items),
  );
}
