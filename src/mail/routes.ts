import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { errorResponses } from '../platform/http/schemas.js';
import { listOutbox } from './outbox.js';

export function mailRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/mail/addresses',
    {
      schema: {
        tags: ['mail'],
        summary: 'Where mail reaches the desk and how it leaves (admin); set by SUPPORT_ADDRESS, SUPPORT_ADDRESSES, …',
        response: {
          200: Type.Object({
            supportAddress: Type.String(),
            addresses: Type.Array(Type.String(), { description: 'every address the desk takes mail for (+tags too)' }),
            emergencyAddress: Type.Union([Type.String(), Type.Null()]),
            smtpListenerPort: Type.Union([Type.Integer(), Type.Null()]),
            outboundConfigured: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'admin');
      const c = deps.config;
      return {
        supportAddress: c.supportAddress,
        addresses: c.supportAddresses,
        emergencyAddress: c.emergencyAddress ?? null,
        smtpListenerPort: c.smtpPort > 0 ? c.smtpPort : null,
        outboundConfigured: Boolean(c.outboundSmtpUrl),
      };
    },
  );
  api.get(
    '/api/v1/mail/status',
    {
      schema: {
        tags: ['mail'],
        summary:
          'Whether the desk can send mail (agents): while OUTBOUND_SMTP_URL is unset, replies wait in the outbox',
        response: {
          200: Type.Object({
            outboundConfigured: Type.Boolean({
              description: 'false: no mail leaves the desk; replies, notices and sign-in links wait in the outbox',
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAgent(request.actor);
      return { outboundConfigured: Boolean(deps.config.outboundSmtpUrl) };
    },
  );
  api.get(
    '/api/v1/mail/outbox',
    {
      schema: {
        tags: ['mail'],
        summary: 'Mail the desk sends: queued (waiting for a transport), sent, or failed with the reason (admin)',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Enum(['queued', 'sent', 'failed'])),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                purpose: Type.String(),
                ticketNumber: Type.Union([Type.Integer(), Type.Null()]),
                to: Type.Array(Type.String()),
                cc: Type.Array(Type.String()),
                subject: Type.String(),
                state: Type.String(),
                attempts: Type.Integer(),
                lastError: Type.Union([Type.String(), Type.Null()]),
                nextAttemptAt: Type.Union([Type.String(), Type.Null()], {
                  description: 'queued mail: when the next try is due (after a failed one, the backoff shows here)',
                }),
                createdAt: Type.String(),
                sentAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'admin');
      return { items: await listOutbox(deps, request.query.state as 'queued' | undefined, request.query.limit) };
    },
  );
}
