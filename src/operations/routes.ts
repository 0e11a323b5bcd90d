import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { errorResponses } from '../platform/http/schemas.js';
import { listJobs, requeueDeadJob } from '../platform/jobs/job-store.js';

// What an admin sees of the running desk. Jobs are platform (every module defines its own); who may
// look at them is an auth question, so the route lives here and platform stays free of auth.

const JobSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  state: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  runAt: Type.String(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Unknown(),
});

export function jobRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/jobs',
    {
      schema: {
        tags: ['operations'],
        summary: 'Background jobs by state; dead ones failed every attempt and wait for a retry (admin)',
        querystring: Type.Object(
          {
            state: Type.Enum(['queued', 'running', 'done', 'dead'], { default: 'dead' }),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(JobSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'admin');
      const rows = await listJobs(deps.db, request.query.state as 'dead', request.query.limit);
      return {
        items: rows.map((r) => ({
          ...r,
          payload: withoutPersonalData(r.payload),
          runAt: r.runAt.toISOString(),
          createdAt: r.createdAt.toISOString(),
          finishedAt: r.finishedAt?.toISOString() ?? null,
        })),
      };
    },
  );
  api.post(
    '/api/v1/jobs/:id/retry',
    {
      schema: {
        tags: ['operations'],
        summary: 'Gives a dead job a fresh set of attempts (admin)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 202: Type.Object({ queued: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAgent(request.actor, 'admin');
      if (!(await requeueDeadJob(deps.db, request.params.id, deps.clock.now()))) {
        throw new AppError('NOT_FOUND', `No dead job ${request.params.id}.`);
      }
      return reply.status(202).send({ queued: true });
    },
  );
}

// What a job is about is ids; a few carry what a stranger typed (the address and client of a password
// reset request): an admin sees that there was one, not who asked.
const PERSONAL = new Set(['email', 'ip']);

function withoutPersonalData(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  return Object.fromEntries(
    Object.entries(payload as Record<string, unknown>).map(([k, v]) => [k, PERSONAL.has(k) ? '(hidden)' : v]),
  );
}
