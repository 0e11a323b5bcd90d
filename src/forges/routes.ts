import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { errorResponses, Nullable, Uuid } from '../platform/http/schemas.js';
import { createIssueFromTicket, previewIssue } from './create-issue.js';
import { listDemand } from './forge-store.js';
import { addForge, changeForge, listForges, removeForge } from './forges.js';
import { linkIssue, unlinkIssue } from './link-issue.js';
import { DEFAULT_TEMPLATES, loadTemplates, type NoticeKind, saveTemplate } from './notices.js';
import { receiveWebhook } from './receive-webhook.js';
import { listLinksWithDemand } from './suggest/demand.js';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1 }) });
const Forge = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  baseUrl: Type.String(),
  writeBack: Type.Boolean(),
  searchProjects: Type.Array(Type.String(), { description: 'the projects whose issues suggestions search' }),
  webhookUrl: Type.String({ description: 'point the forge’s webhook here, with the secret you gave' }),
  createdAt: Type.String(),
});
const Link = Type.Object({
  id: Type.String(),
  forge: Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String() }),
  kind: Type.String({ description: 'issue, or change (a merge/pull request)' }),
  project: Type.String(),
  number: Type.Integer(),
  url: Type.String(),
  title: Type.String(),
  state: Type.String(),
  status: Type.String({ description: 'open, scheduled, in-review, delivered, released, closed-without-fix' }),
  labels: Type.Array(Type.String()),
  milestone: Nullable(Type.Object({ title: Type.String(), dueDate: Nullable(Type.String()) })),
  assignees: Type.Array(Type.String()),
  change: Nullable(
    Type.Object({
      number: Type.Integer(),
      title: Nullable(Type.String()),
      url: Nullable(Type.String()),
      author: Nullable(Type.String()),
      mergedBy: Nullable(Type.String()),
      mergedAt: Nullable(Type.String()),
    }),
  ),
  release: Nullable(
    Type.Object({
      tag: Type.String(),
      name: Nullable(Type.String()),
      url: Nullable(Type.String()),
      releasedAt: Nullable(Type.String()),
    }),
  ),
  lastHeardAt: Type.String({ description: 'when the forge last told us about it' }),
  linkedAt: Type.String(),
  forgeKind: Type.Union([Type.Literal('gitlab'), Type.Literal('github')]),
  invitedAt: Nullable(Type.String({ description: 'when the customer was told how to follow the issue' })),
});
const LinkWithDemand = Type.Intersect([
  Link,
  Type.Object({
    demandAsked: Type.Boolean({ description: 'the ticket’s organization asked to be counted on the issue' }),
    canAskDemand: Type.Boolean({ description: 'the desk writes back to this forge, so it can count them' }),
  }),
]);
const SearchProjects = Type.Array(Type.String({ maxLength: 500 }), {
  maxItems: 20,
  description: 'the projects whose issues suggestions search: group/project on GitLab, owner/repo on GitHub',
});
const Removed = Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer() }));
const TemplateKinds = Object.keys(DEFAULT_TEMPLATES) as NoticeKind[];

export function forgeRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/v1/forges',
    {
      schema: {
        tags: ['forges'],
        summary: 'Connects a GitLab or GitHub instance (admin); the token and webhook secret are stored encrypted',
        body: Type.Object(
          {
            kind: Type.Enum(['gitlab', 'github']),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            baseUrl: Type.String({
              minLength: 8,
              maxLength: 500,
              description: 'e.g. https://gitlab.com or https://github.com',
            }),
            token: Type.String({ minLength: 1, maxLength: 2000 }),
            webhookSecret: Type.String({ minLength: 8, maxLength: 500 }),
            writeBack: Type.Optional(
              Type.Boolean({ description: 'put a label and the count of waiting tickets on linked issues' }),
            ),
            searchProjects: Type.Optional(SearchProjects),
          },
          { additionalProperties: false },
        ),
        response: { 201: Forge, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addForge(deps, request.actor, { ...request.body, kind: request.body.kind as 'gitlab' })),
  );
  api.get(
    '/api/v1/forges',
    { schema: { tags: ['forges'], response: { 200: Type.Object({ items: Type.Array(Forge) }), ...errorResponses } } },
    async (request) => ({ items: await listForges(deps, request.actor) }),
  );
  api.patch(
    '/api/v1/forges/:id',
    {
      schema: {
        tags: ['forges'],
        summary: 'Renames a forge, turns write-back on or off, or sets the projects suggestions search (admin)',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            writeBack: Type.Optional(Type.Boolean()),
            searchProjects: Type.Optional(SearchProjects),
          },
          { additionalProperties: false },
        ),
        response: { 200: Forge, ...errorResponses },
      },
    },
    async (request) => changeForge(deps, request.actor, request.params.id, request.body),
  );
  api.delete(
    '/api/v1/forges/:id',
    {
      schema: {
        tags: ['forges'],
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeForge(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/forges/templates',
    {
      schema: {
        tags: ['forges'],
        summary: 'The notices customers get when a linked issue moves (placeholders in braces)',
        response: { 200: Type.Record(Type.String(), Type.String()), ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor);
      return loadTemplates(deps.db);
    },
  );
  api.put(
    '/api/v1/forges/templates',
    {
      schema: {
        tags: ['forges'],
        summary: 'Edits notice templates (lead); null restores the default',
        body: Type.Object(
          Object.fromEntries(
            TemplateKinds.map((k) => [k, Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 2000 })))]),
          ),
          {
            additionalProperties: false,
          },
        ),
        response: { 200: Type.Record(Type.String(), Type.String()), ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'lead');
      for (const [kind, text] of Object.entries(request.body as Record<string, string | null | undefined>)) {
        if (text !== undefined) await saveTemplate(deps.db, kind as NoticeKind, text);
      }
      return loadTemplates(deps.db);
    },
  );

  api.post(
    '/api/v1/tickets/:number/links',
    {
      schema: {
        tags: ['links'],
        summary: 'Links the ticket to a public issue, or a merge/pull request, by its URL',
        params: NumberParams,
        body: Type.Object(
          {
            url: Type.String({ minLength: 8, maxLength: 2000 }),
            notify: Type.Optional(
              Type.Boolean({ default: true, description: 'tell the customer, with how to follow the issue' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Link, ...errorResponses, 422: errorResponses[400], 502: errorResponses[400] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await linkIssue(deps, request.actor, request.params.number, request.body.url, {
          notify: request.body.notify,
        }),
      ),
  );
  api.get(
    '/api/v1/tickets/:number/links',
    {
      schema: {
        tags: ['links'],
        summary: 'The issues a ticket waits on, with where each fix stands',
        params: NumberParams,
        response: { 200: Type.Object({ items: Type.Array(LinkWithDemand) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listLinksWithDemand(deps, request.actor, request.params.number) }),
  );
  api.delete(
    '/api/v1/tickets/:number/links/:id',
    {
      schema: {
        tags: ['links'],
        params: Type.Object({ number: Type.Integer({ minimum: 1 }), id: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await unlinkIssue(deps, request.actor, request.params.number, request.params.id);
      return reply.status(204).send(null);
    },
  );

  const IssueText = {
    forgeId: Uuid,
    title: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.String({ maxLength: 100_000 }),
  };
  api.post(
    '/api/v1/issues/preview',
    {
      schema: {
        tags: ['links'],
        summary:
          'Shows what an issue made from agent-written text would say, with addresses, hosts, IPs and secrets removed',
        body: Type.Object(IssueText, { additionalProperties: false }),
        response: {
          200: Type.Object({ title: Type.String(), description: Type.String(), removed: Removed }),
          ...errorResponses,
        },
      },
    },
    async (request) => previewIssue(deps, request.actor, request.body),
  );
  api.post(
    '/api/v1/tickets/:number/issues',
    {
      schema: {
        tags: ['links'],
        summary:
          'Opens an issue in a project from agent-written text (redacted as the preview shows) and links the ticket to it',
        params: NumberParams,
        body: Type.Object(
          { ...IssueText, project: Type.String({ minLength: 1, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ link: Link, removed: Removed }),
          ...errorResponses,
          422: errorResponses[400],
          502: errorResponses[400],
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createIssueFromTicket(deps, request.actor, request.params.number, request.body)),
  );

  api.get(
    '/api/v1/issues/demand',
    {
      schema: {
        tags: ['links'],
        summary: 'Linked issues ranked by the customers waiting on them: open tickets, organizations, longest wait',
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                forgeName: Type.String(),
                url: Type.String(),
                title: Type.String(),
                status: Type.String(),
                openTickets: Type.Integer(),
                organizations: Type.Integer(),
                plans: Type.Array(Type.String()),
                oldestWaitSince: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAgent(request.actor);
      const rows = await listDemand(deps.db, request.query.limit);
      return { items: rows.map((r) => ({ ...r, oldestWaitSince: new Date(r.oldestWaitSince).toISOString() })) };
    },
  );

  // webhooks: public, verified by the forge's secret or signature over the exact bytes received.
  // Forges send JSON: any other type is 415, more than 5 MB is 413, and an empty body is checked
  // like any other (401 unless signed, then 400)
  app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    for (const kind of ['gitlab', 'github'] as const) {
      hooks.post(`/hooks/${kind}`, { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const outcome = await receiveWebhook(deps, kind, request.headers, body);
        return reply.status(202).send(outcome);
      });
    }
  });
}
