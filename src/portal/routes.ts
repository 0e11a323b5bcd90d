import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { Email, errorResponses, Nullable } from '../platform/http/schemas.js';
import { Priority, Ticket } from '../tickets/schemas.js';
import { addColleagueCcs } from './add-colleague-ccs.js';
import { listColleagues } from './colleagues.js';
import { listSeverities, setSeverities } from './severities.js';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const Level = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]);
const Severity = Type.Object({
  level: Level,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  definition: Type.String({ minLength: 1, maxLength: 500 }),
  priority: Type.Optional(Priority),
});

export function portalRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/severities',
    {
      schema: {
        tags: ['portal'],
        summary: 'The severities a customer chooses from when opening a ticket, with their definitions',
        description: 'Agents also see the priority each one gives the ticket.',
        response: { 200: Type.Object({ items: Type.Array(Severity) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listSeverities(deps, request.actor) }),
  );

  api.put(
    '/api/v1/severities',
    {
      schema: {
        tags: ['portal'],
        summary: 'Sets the severities and the priority each maps to (admin)',
        body: Type.Object(
          {
            items: Type.Array(Type.Object({ ...Severity.properties, priority: Priority }), {
              minItems: 4,
              maxItems: 4,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Severity) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await setSeverities(deps, request.actor, request.body.items) }),
  );

  api.get(
    '/api/v1/portal/colleagues',
    {
      schema: {
        tags: ['portal'],
        summary: "The customer's colleagues (their organization's other contacts), to copy onto tickets",
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), email: Type.String(), name: Nullable(Type.String()) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await listColleagues(deps, request.actor) }),
  );

  api.post(
    '/api/v1/tickets/:number/colleagues',
    {
      schema: {
        tags: ['portal'],
        summary: 'A customer copies colleagues of their organization onto a ticket (CCs)',
        params: NumberParams,
        body: Type.Object(
          { emails: Type.Array(Email, { minItems: 1, maxItems: 50 }) },
          { additionalProperties: false },
        ),
        response: { 200: Ticket, ...errorResponses },
      },
    },
    async (request) => addColleagueCcs(deps, request.actor, request.params.number, request.body.emails),
  );
}
