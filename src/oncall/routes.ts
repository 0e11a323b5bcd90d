import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, Nullable, Uuid } from '../platform/http/schemas.js';
import { acknowledgePage, getOnCall, listPages, setOnCall } from './oncall.js';

const Person = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() });
const OnCall = Type.Object({
  startsAt: Type.String(),
  shiftHours: Type.Integer(),
  members: Type.Array(Person),
  onCall: Nullable(Type.Object({ ...Person.properties, until: Type.String() })),
  shifts: Type.Array(Type.Object({ ...Person.properties, from: Type.String(), until: Type.String() }), {
    description: 'the shift on call now and the ones after it, one round of the rotation (at most 12)',
  }),
});
const Page = Type.Object({
  id: Type.String(),
  ticket: Type.Integer(),
  agent: Nullable(Type.Object({ email: Type.String(), name: Type.String() })),
  level: Type.Integer({ description: '0 for whoever was on call, 1 for the next person, …' }),
  reason: Type.String(),
  pagedAt: Type.String(),
  acknowledgedAt: Nullable(Type.String()),
  escalatedAt: Nullable(Type.String()),
});

export function oncallRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/oncall',
    {
      schema: {
        tags: ['oncall'],
        summary: 'The on-call rotation (24/7, apart from the roster) and who is on call now',
        response: { 200: OnCall, ...errorResponses },
      },
    },
    async (request) => getOnCall(deps, request.actor),
  );
  api.put(
    '/api/v1/oncall',
    {
      schema: {
        tags: ['oncall'],
        summary: 'Sets the rotation: members in order, each on call for shiftHours from startsAt (lead)',
        body: Type.Object(
          {
            startsAt: Type.String({ format: 'date-time', description: 'when the first member’s shift starts' }),
            shiftHours: Type.Integer({ minimum: 1, maximum: 24 * 28 }),
            members: Type.Array(Type.String({ description: 'agent id or email' }), { maxItems: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: OnCall, ...errorResponses },
      },
    },
    async (request) => setOnCall(deps, request.actor, request.body),
  );
  api.get(
    '/api/v1/pages',
    {
      schema: {
        tags: ['oncall'],
        summary: 'Pages sent to the on-call rotation, newest first',
        querystring: Type.Object({
          open: Type.Optional(Type.Boolean({ description: 'only pages waiting for an acknowledgement' })),
          ticket: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Page) }), ...errorResponses },
      },
    },
    async (request) => listPages(deps, request.actor, request.query),
  );
  api.post(
    '/api/v1/pages/:id/ack',
    {
      schema: {
        tags: ['oncall'],
        summary: 'Acknowledges a page: the escalation stops, and an unassigned ticket goes to whoever acknowledged',
        params: Type.Object({ id: Uuid }),
        response: { 200: Page, ...errorResponses },
      },
    },
    async (request) => acknowledgePage(deps, request.actor, request.params.id),
  );
}
