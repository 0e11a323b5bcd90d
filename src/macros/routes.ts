import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, IdParams, Nullable, Uuid } from '../platform/http/schemas.js';
import { Message, Priority, Tags, Ticket } from '../tickets/schemas.js';
import { TICKET_STATUSES } from '../tickets/status-rules.js';
import { applyMacro } from './apply-macro.js';
import { createMacro, deleteMacro, getMacro, listMacros, listPlaceholders, updateMacro } from './macros.js';
import { PLACEHOLDERS } from './placeholders.js';

const PLACEHOLDER_LIST = Object.keys(PLACEHOLDERS)
  .map((p) => `{{${p}}}`)
  .join(', ');

const MacroActions = Type.Object(
  {
    status: Type.Optional(Type.Enum(TICKET_STATUSES.filter((s) => s !== 'new'))),
    priority: Type.Optional(Priority),
    addTags: Type.Optional(Tags),
    removeTags: Type.Optional(Tags),
    assignee: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 320,
          description: 'an agent id or email, "me" (whoever applies the macro), or null to unassign',
        }),
      ),
    ),
    team: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'team id or name; null clears' })),
    ),
    linkIssueUrl: Type.Optional(
      Type.String({ maxLength: 2000, description: 'a public issue to link the ticket to (a connected forge)' }),
    ),
  },
  { additionalProperties: false },
);

const Macro = Type.Object({
  id: Type.String(),
  name: Type.String(),
  body: Type.String({ description: 'Markdown with placeholders' }),
  internal: Type.Boolean({ description: 'the body is an internal note, not a public reply' }),
  actions: MacroActions,
  summary: Type.Array(Type.String(), { description: 'the actions in words' }),
  shared: Type.Boolean({ description: 'every agent has it; otherwise it is the caller’s own' }),
  editable: Type.Boolean({ description: 'whether the caller may change or delete it' }),
  usageCount: Type.Integer(),
  lastUsedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Body = Type.String({ maxLength: 100_000, description: `Markdown; placeholders: ${PLACEHOLDER_LIST}` });
const MacroFields = {
  body: Type.Optional(Body),
  internal: Type.Optional(Type.Boolean({ description: 'the body is an internal note' })),
  actions: Type.Optional(MacroActions),
  shared: Type.Optional(Type.Boolean({ description: 'for every agent (lead or admin); default: personal' })),
};

export function macroRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/macros',
    {
      schema: {
        tags: ['macros'],
        summary: 'The shared macros and my own, most used first (agents)',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200, description: 'words in the name' })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Macro) }), ...errorResponses },
      },
    },
    async (request) => listMacros(deps, request.actor, request.query),
  );

  api.get(
    '/api/v1/macros/placeholders',
    {
      schema: {
        tags: ['macros'],
        summary: 'The placeholders a macro body may use',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: listPlaceholders(request.actor) }),
  );

  api.post(
    '/api/v1/macros',
    {
      schema: {
        tags: ['macros'],
        summary: 'Creates a personal macro, or a shared one (lead or admin)',
        description: `Unknown placeholders are refused (MACRO_PLACEHOLDER_UNKNOWN). Placeholders: ${PLACEHOLDER_LIST}; a value the ticket lacks is left empty.`,
        body: Type.Object({ name: Name, ...MacroFields }, { additionalProperties: false }),
        response: { 201: Macro, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createMacro(deps, request.actor, request.body)),
  );

  api.get(
    '/api/v1/macros/:id',
    {
      schema: { tags: ['macros'], summary: 'One macro', params: IdParams, response: { 200: Macro, ...errorResponses } },
    },
    async (request) => getMacro(deps, request.actor, request.params.id),
  );

  api.patch(
    '/api/v1/macros/:id',
    {
      schema: {
        tags: ['macros'],
        summary: 'Changes my macro, or a shared one (lead or admin)',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Name), ...MacroFields },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Macro, ...errorResponses },
      },
    },
    async (request) => updateMacro(deps, request.actor, request.params.id, request.body),
  );

  api.delete(
    '/api/v1/macros/:id',
    {
      schema: {
        tags: ['macros'],
        summary: 'Deletes my macro, or a shared one (lead or admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMacro(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/tickets/:number/macros/:id/apply',
    {
      schema: {
        tags: ['macros'],
        summary: 'Applies a macro to a ticket: its actions now, its body rendered for the composer',
        description:
          'The actions change the ticket as PATCH /tickets/{number} and the link route would (audit trail, SLA, routing). The answer holds the rendered body; with send: true it is also added as the reply or note at once.',
        params: Type.Object({
          number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
          id: Uuid,
        }),
        body: Type.Object(
          { send: Type.Optional(Type.Boolean({ default: false, description: 'also add the body as the message' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            body: Type.String({ description: 'the rendered body, Markdown' }),
            internal: Type.Boolean(),
            ticket: Ticket,
            message: Type.Optional(Message),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      applyMacro(deps, request.actor, request.params.number, request.params.id, { send: request.body?.send }),
  );
}
