import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, IdParams, Nullable } from '../platform/http/schemas.js';
import { createField, deleteField, listFields, updateField } from './define-field.js';
import { FieldValueSchema, FieldValuesSchema } from './schemas.js';
import { FIELD_TYPES } from './tables.js';
import { getTicketFields, setTicketFields } from './ticket-fields.js';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const FieldType = Type.Enum(FIELD_TYPES, {
  description: 'text, number, select (one option), multiselect (several), date (YYYY-MM-DD)',
});
const Option = Type.String({ minLength: 1, maxLength: 100 });
const Plan = Type.String({ minLength: 1, maxLength: 64 });

const Field = Type.Object({
  id: Type.Optional(Type.String()),
  key: Type.String(),
  label: Type.String(),
  description: Nullable(Type.String()),
  type: FieldType,
  options: Type.Array(Type.String()),
  required: Type.Boolean(),
  customerEditable: Type.Boolean({ description: "asked in the portal's new ticket form" }),
  internal: Type.Optional(Type.Boolean({ description: 'agents only: customers never see it or its values' })),
  plans: Type.Optional(Type.Array(Type.String(), { description: 'organization plans it applies to; empty: all' })),
  position: Type.Optional(Type.Integer()),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
});

const FieldChanges = {
  label: Type.String({ minLength: 1, maxLength: 100 }),
  description: Nullable(Type.String({ maxLength: 500 })),
  options: Type.Array(Option, { maxItems: 100 }),
  required: Type.Boolean(),
  customerEditable: Type.Boolean(),
  internal: Type.Boolean(),
  plans: Type.Array(Plan, { maxItems: 50 }),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
};

const TicketField = Type.Object({
  key: Type.String(),
  label: Type.String(),
  description: Nullable(Type.String()),
  type: FieldType,
  options: Type.Array(Type.String()),
  required: Type.Boolean(),
  customerEditable: Type.Boolean(),
  internal: Type.Optional(Type.Boolean()),
  value: FieldValueSchema,
  missing: Type.Boolean({ description: 'required and empty (a ticket that came by mail)' }),
});
const TicketFields = Type.Object({ items: Type.Array(TicketField) });

export function fieldRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/fields',
    {
      schema: {
        tags: ['fields'],
        summary: 'Custom ticket fields',
        description:
          "Agents see every definition; a contact sees the fields of their organization's plan that are not internal.",
        response: { 200: Type.Object({ items: Type.Array(Field) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listFields(deps, request.actor) }),
  );

  api.post(
    '/api/v1/fields',
    {
      schema: {
        tags: ['fields'],
        summary: 'Defines a custom ticket field (admin)',
        body: Type.Object(
          {
            key: Type.String({
              pattern: '^[a-z][a-z0-9_]{0,39}$',
              description: 'lowercase name for the API and filters (field.<key>=…); cannot change',
            }),
            type: FieldType,
            ...FieldChanges,
            description: Type.Optional(FieldChanges.description),
            options: Type.Optional(FieldChanges.options),
            required: Type.Optional(FieldChanges.required),
            customerEditable: Type.Optional(FieldChanges.customerEditable),
            internal: Type.Optional(FieldChanges.internal),
            plans: Type.Optional(FieldChanges.plans),
            position: Type.Optional(FieldChanges.position),
          },
          { additionalProperties: false },
        ),
        response: { 201: Field, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createField(deps, request.actor, request.body)),
  );

  api.patch(
    '/api/v1/fields/:id',
    {
      schema: {
        tags: ['fields'],
        summary: "Changes a field's definition (admin); options removed take their values with them",
        params: IdParams,
        body: Type.Partial(Type.Object(FieldChanges), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Field, ...errorResponses },
      },
    },
    async (request) => updateField(deps, request.actor, request.params.id, request.body),
  );

  api.delete(
    '/api/v1/fields/:id',
    {
      schema: {
        tags: ['fields'],
        summary: "Removes a field and every ticket's value of it (admin)",
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteField(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/tickets/:number/fields',
    {
      schema: {
        tags: ['fields'],
        summary: "A ticket's custom fields and their values (customers: never the internal ones)",
        params: NumberParams,
        response: { 200: TicketFields, ...errorResponses },
      },
    },
    async (request) => getTicketFields(deps, request.actor, request.params.number),
  );

  api.patch(
    '/api/v1/tickets/:number/fields',
    {
      schema: {
        tags: ['fields'],
        summary: "Sets a ticket's custom field values (agents)",
        description: 'Only the keys given change; null or an empty value clears one, unless it is required.',
        params: NumberParams,
        body: Type.Object({ values: FieldValuesSchema }, { additionalProperties: false }),
        response: { 200: TicketFields, ...errorResponses },
      },
    },
    async (request) => setTicketFields(deps, request.actor, request.params.number, request.body.values),
  );
}
