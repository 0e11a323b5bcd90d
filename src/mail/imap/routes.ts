import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { errorResponses, Nullable } from '../../platform/http/schemas.js';
import { addMailbox, listMailboxes, pollMailboxNow, removeMailbox } from './mailboxes.js';

const Mailbox = Type.Object({
  id: Type.String(),
  name: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  secure: Type.Boolean(),
  username: Type.String(),
  folder: Type.String(),
  afterStore: Type.String(),
  moveTo: Nullable(Type.String()),
  enabled: Type.Boolean(),
  lastUid: Type.Integer(),
  lastPolledAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  watchedBy: Nullable(Type.String()),
});

export function mailboxRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/api/v1/mail/mailboxes',
    {
      schema: {
        tags: ['mail'],
        summary: 'Adds an IMAP mailbox the desk reads mail from, after signing in to it once (admin)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            host: Type.String({ minLength: 1, maxLength: 255 }),
            port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
            secure: Type.Optional(
              Type.Boolean({
                default: true,
                description: 'TLS from the start (993); false: 143, STARTTLS when offered',
              }),
            ),
            username: Type.String({ minLength: 1, maxLength: 320 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            folder: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
            afterStore: Type.Optional(Type.Enum(['seen', 'move'])),
            moveTo: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
            verify: Type.Optional(Type.Boolean({ default: true })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Mailbox, ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addMailbox(deps, request.actor, {
          ...request.body,
          afterStore: request.body.afterStore as 'seen' | undefined,
        }),
      ),
  );
  api.get(
    '/api/v1/mail/mailboxes',
    {
      schema: {
        tags: ['mail'],
        summary: 'IMAP mailboxes, with when each was last read and its last error (admin)',
        response: { 200: Type.Object({ items: Type.Array(Mailbox) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listMailboxes(deps, request.actor) }),
  );
  api.delete(
    '/api/v1/mail/mailboxes/:id',
    {
      schema: {
        tags: ['mail'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeMailbox(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
  api.post(
    '/api/v1/mail/mailboxes/:id/poll',
    {
      schema: {
        tags: ['mail'],
        summary: 'Reads new mail from the mailbox now (admin)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          200: Type.Object({ stored: Type.Integer(), duplicates: Type.Integer(), skipped: Type.Array(Type.String()) }),
          ...errorResponses,
          422: errorResponses[400],
        },
      },
    },
    async (request) => pollMailboxNow(deps, request.actor, request.params.id),
  );
}
