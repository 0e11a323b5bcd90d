import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, IdParams, Nullable, Uuid } from '../platform/http/schemas.js';
import { listOrganizationNamedContacts } from './list-named-contacts.js';
import { listOrganizationSyncTokens, revokeOrganizationSyncToken } from './named-contact-sync-tokens.js';
import { MAX_FILE_CONTACTS } from './parse-named-contacts-file.js';
import { setNamedContactLimit } from './set-named-contact-limit.js';
import { syncNamedContacts } from './sync-named-contacts.js';

export const NamedContacts = Type.Object({
  organization: Type.Object({ id: Type.String(), name: Type.String(), plan: Type.String() }),
  count: Type.Integer({ description: 'named support contacts now' }),
  limit: Type.Integer({ description: 'how many it may have: its own limit when an agent set one, else its plan’s' }),
  planLimit: Type.Integer({ description: 'the plan’s limit (PLAN_CONTACT_LIMITS)' }),
  limitOverride: Nullable(Type.Integer({ description: 'an agent’s exception to the plan’s limit' })),
  items: Type.Array(
    Type.Object({ id: Type.String(), email: Type.String(), name: Nullable(Type.String()), orgAdmin: Type.Boolean() }),
  ),
});

const FileEntry = Type.Object({
  email: Type.String({ maxLength: 320 }),
  name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  admin: Type.Optional(Type.Boolean({ description: 'true: an organization admin; false: not; absent: unchanged' })),
});
const FileList = Type.Array(FileEntry, { maxItems: MAX_FILE_CONTACTS });
const FILE_BYTES = 256 * 1024;

export function namedContactRoutes(app: FastifyInstance, deps: Deps): void {
  // a scope of its own: the YAML body parser here must not meet another module's
  app.register(async (scope) => {
    for (const type of ['application/yaml', 'text/yaml']) {
      if (!scope.hasContentTypeParser(type)) {
        scope.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
      }
    }
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/v1/organizations/:id/named-contacts',
      {
        schema: {
          tags: ['organizations'],
          summary: 'An organization’s named support contacts, its limit and its admins (agents)',
          params: IdParams,
          response: { 200: NamedContacts, ...errorResponses },
        },
      },
      async (request) => listOrganizationNamedContacts(deps, request.actor, request.params.id),
    );

    api.put(
      '/api/v1/organizations/:id/named-contacts',
      {
        bodyLimit: FILE_BYTES,
        config: { syncToken: true, rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags: ['organizations'],
          summary:
            'Makes the named support contacts exactly the file’s (lead, or the organization’s sync token from a CI job)',
          description: [
            'The body is the contacts file as it is in the repository (Content-Type: application/yaml or text/yaml),',
            'or the same as JSON. Either a list of `- name: …, email: …` entries (the contacts.yaml of a GitLab contact',
            'management project), or `contacts:` with that list; `admin: true` makes an organization admin.',
            `At most ${MAX_FILE_CONTACTS} entries and 256 kB. New contacts are named and get a welcome mail; those not in`,
            'the file stay contacts (with their tickets) but are no longer named. Over the limit, or naming another',
            'organization’s contact, the whole file is refused; problems are listed by line. Sending it again changes nothing.',
          ].join(' '),
          params: IdParams,
          body: {
            content: {
              'application/yaml': { schema: Type.String() },
              'text/yaml': { schema: Type.String() },
              'application/json': { schema: Type.Union([FileList, Type.Object({ contacts: FileList })]) },
            },
          } as never,
          response: {
            200: Type.Object({
              added: Type.Array(Type.String(), { description: 'named now (each got a welcome mail)' }),
              removed: Type.Array(Type.String(), { description: 'no longer named; still contacts' }),
              unchanged: Type.Array(Type.String()),
              count: Type.Integer(),
              limit: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        syncNamedContacts(deps, request.syncCaller ?? request.actor, request.params.id, request.body as unknown),
    );

    api.get(
      '/api/v1/organizations/:id/sync-tokens',
      {
        schema: {
          tags: ['organizations'],
          summary: 'The organization’s named-contact sync tokens, which its admins made in the portal (agents)',
          params: IdParams,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  name: Type.String(),
                  prefix: Type.String(),
                  createdAt: Type.String(),
                  lastUsedAt: Nullable(Type.String()),
                  expiresAt: Type.String(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ items: await listOrganizationSyncTokens(deps, request.actor, request.params.id) }),
    );

    api.delete(
      '/api/v1/organizations/:id/sync-tokens/:tokenId',
      {
        schema: {
          tags: ['organizations'],
          summary: 'Revokes one of the organization’s sync tokens (lead); it stops at once',
          params: Type.Object({ id: Uuid, tokenId: Uuid }),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await revokeOrganizationSyncToken(deps, request.actor, request.params.id, request.params.tokenId);
        return reply.status(204).send(null);
      },
    );

    api.put(
      '/api/v1/organizations/:id/named-contact-limit',
      {
        schema: {
          tags: ['organizations'],
          summary:
            'Sets how many named support contacts the organization may have, over its plan’s (lead); null: the plan’s',
          params: IdParams,
          body: Type.Object(
            { limit: Nullable(Type.Integer({ minimum: 0, maximum: 100_000 })) },
            { additionalProperties: false },
          ),
          response: { 200: NamedContacts, ...errorResponses },
        },
      },
      async (request) => setNamedContactLimit(deps, request.actor, request.params.id, request.body.limit),
    );
  });
}
