import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { errorResponses } from '../platform/http/schemas.js';
import { retryInboundMail } from './inbound/retry-inbound.js';
import { storeInbound } from './inbound/store-inbound.js';
import { deleteSuppression, findInboundMail, listInboundMailRows, listSuppressions } from './mail-store.js';

const InboundState = Type.Enum(['received', 'processed', 'ignored', 'rejected', 'quarantined']);
const InboundMail = Type.Object({
  id: Type.Integer(),
  rfcMessageId: Type.Union([Type.String(), Type.Null()]),
  size: Type.Integer(),
  source: Type.String(),
  envelopeFrom: Type.Union([Type.String(), Type.Null()]),
  envelopeTo: Type.Array(Type.String()),
  receivedAt: Type.String(),
  state: Type.String(),
  attempts: Type.Integer(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'how it was routed, or why not' }),
  ticketNumber: Type.Union([Type.Integer(), Type.Null()]),
  messageId: Type.Union([Type.Integer(), Type.Null()]),
  processedAt: Type.Union([Type.String(), Type.Null()]),
});

export function inboundRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // raw MIME, as an MTA pipe or a provider webhook hands it over
  app.addContentTypeParser(
    ['message/rfc822', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: deps.config.mailMaxBytes },
    (_request, body, done) => done(null, body),
  );

  api.post(
    '/api/v1/mail/inbound',
    {
      bodyLimit: deps.config.mailMaxBytes,
      schema: {
        tags: ['mail'],
        summary: 'Delivers one raw message (Content-Type: message/rfc822); 202 once it is stored (admin)',
        description:
          'The raw bytes are committed before the answer; processing (threading, tickets) follows in the background. The same message delivered twice is stored once (duplicate: true).',
        response: { 202: Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAgent(request.actor, 'admin');
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the raw message with Content-Type: message/rfc822.');
      }
      const stored = await storeInbound(deps, request.body, { source: 'http' });
      return reply.status(202).send(stored);
    },
  );

  api.get(
    '/api/v1/mail/inbound',
    {
      schema: {
        tags: ['mail'],
        summary: 'Inbound mail, newest first, with how each was routed; state=quarantined lists what failed (admin)',
        querystring: Type.Object(
          {
            state: Type.Optional(InboundState),
            before: Type.Optional(
              Type.Integer({ minimum: 1, description: 'id of the last item of the previous page' }),
            ),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(InboundMail), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'admin');
      const { state, before, limit } = request.query;
      const rows = await listInboundMailRows(deps.db, {
        limit,
        ...(state ? { state: state as 'quarantined' } : {}),
        ...(before ? { beforeId: before } : {}),
      });
      const kept = rows.slice(0, limit);
      return {
        items: kept.map((r) => ({
          ...r,
          ticketNumber: r.ticketId,
          receivedAt: r.receivedAt.toISOString(),
          processedAt: r.processedAt?.toISOString() ?? null,
        })),
        nextBefore: rows.length > limit ? (kept.at(-1)?.id ?? null) : null,
      };
    },
  );

  api.get(
    '/api/v1/mail/inbound/:id/raw',
    {
      schema: {
        tags: ['mail'],
        summary: 'The stored raw message, byte for byte (admin)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request, reply) => {
      requireAgent(request.actor, 'admin');
      const row = await findInboundMail(deps.db, request.params.id);
      if (!row) throw new AppError('NOT_FOUND', `No inbound mail ${request.params.id}.`);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="inbound-${row.id}.eml"`)
        .send(row.raw);
    },
  );

  api.post(
    '/api/v1/mail/inbound/:id/retry',
    {
      schema: {
        tags: ['mail'],
        summary: 'Processes a quarantined, rejected or ignored message again (admin)',
        description:
          'With acceptOnto, the message joins that ticket and its sender becomes a CC: for a reply from someone who is not a participant, which the desk does not thread by itself.',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object(
          { acceptOnto: Type.Optional(Type.Integer({ minimum: 1, description: 'a ticket number' })) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ queued: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await retryInboundMail(deps, request.actor, request.params.id, request.query);
      return reply.status(202).send({ queued: true });
    },
  );

  api.get(
    '/api/v1/mail/suppressions',
    {
      schema: {
        tags: ['mail'],
        summary: 'Addresses that bounced for good: no automatic mail goes there (admin)',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ address: Type.String(), reason: Type.String(), createdAt: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'admin');
      const rows = await listSuppressions(deps.db, 500);
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    },
  );

  api.delete(
    '/api/v1/mail/suppressions/:address',
    {
      schema: {
        tags: ['mail'],
        summary: 'Clears a bounced address so automatic mail goes there again (admin)',
        params: Type.Object({ address: Type.String({ minLength: 3, maxLength: 320 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAgent(request.actor, 'admin');
      if (!(await deleteSuppression(deps.db, request.params.address))) {
        throw new AppError('NOT_FOUND', `${request.params.address} is not suppressed.`);
      }
      return reply.status(204).send(null);
    },
  );
}
