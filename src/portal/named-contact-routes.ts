import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import {
  addNamedContact,
  createSyncToken,
  listNamedContacts,
  listSyncTokens,
  removeNamedContact,
  revokeSyncToken,
  SYNC_TOKEN_MAX_DAYS,
} from '../people/index.js';
import { NamedContacts } from '../people/named-contact-routes.js';
import { Email, errorResponses, IdParams, Nullable } from '../platform/http/schemas.js';

// The portal's "Named contacts" page: an organization's admin contacts name and remove the colleagues
// who may open tickets for it, and make the sync tokens a CI job pushes the list with.

const NamedContact = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Nullable(Type.String()),
  orgAdmin: Type.Boolean(),
});
const SyncToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'first characters of the secret, to tell tokens apart' }),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  expiresAt: Type.String({ description: 'it stops working then; a CI job gets 401 TOKEN_EXPIRED' }),
  token: Type.Optional(Type.String({ description: 'the secret; returned only when the token is made' })),
});

export function portalNamedContactRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/portal/named-contacts',
    {
      schema: {
        tags: ['portal'],
        summary: "The organization's named support contacts and its limit (the organization's admins)",
        response: { 200: NamedContacts, ...errorResponses },
      },
    },
    async (request) => listNamedContacts(deps, request.actor),
  );

  api.post(
    '/api/v1/portal/named-contacts',
    {
      schema: {
        tags: ['portal'],
        summary: 'An organization admin names a colleague a support contact, up to the limit; they get a welcome mail',
        description:
          'NAMED_CONTACT_LIMIT at the limit; CONTACT_IN_OTHER_ORGANIZATION for another organization’s contact.',
        body: Type.Object(
          { email: Email, name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
          { additionalProperties: false },
        ),
        response: { 201: NamedContact, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addNamedContact(deps, request.actor, request.body)),
  );

  api.delete(
    '/api/v1/portal/named-contacts/:id',
    {
      schema: {
        tags: ['portal'],
        summary: 'An organization admin removes a named contact: they stay a contact, with their tickets',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeNamedContact(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/portal/sync-tokens',
    {
      schema: {
        tags: ['portal'],
        summary: "The organization's named-contact sync tokens (the organization's admins)",
        response: { 200: Type.Object({ items: Type.Array(SyncToken) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listSyncTokens(deps, request.actor) }),
  );

  api.post(
    '/api/v1/portal/sync-tokens',
    {
      schema: {
        tags: ['portal'],
        summary: 'An organization admin makes a sync token for a CI job; the secret is shown once',
        description: 'It can only PUT /api/v1/organizations/{id}/named-contacts, for this organization.',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            expiresInDays: Type.Optional(
              Type.Integer({ minimum: 1, maximum: SYNC_TOKEN_MAX_DAYS, description: 'default: a year, the most' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: SyncToken, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSyncToken(deps, request.actor, request.body.name, request.body.expiresInDays)),
  );

  api.delete(
    '/api/v1/portal/sync-tokens/:id',
    {
      schema: {
        tags: ['portal'],
        summary: 'An organization admin revokes a sync token; it stops at once',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeSyncToken(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
