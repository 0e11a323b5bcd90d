import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { fieldFilterParams } from '../fields/schemas.js';
import { contentDisposition } from '../platform/http/content-disposition.js';
import { errorResponses, IdParams, Nullable, Page, PageQuery } from '../platform/http/schemas.js';
import { addMessage } from './add-message.js';
import { getAttachment } from './attachments.js';
import { BULK_MAX, bulkUpdateTickets } from './bulk-update-tickets.js';
import { getTicket } from './get-ticket.js';
import { listMessages, listTicketAuditEvents } from './list-messages.js';
import { countTicketsMatching, listTickets } from './list-tickets.js';
import { openTicket } from './open-ticket.js';
import {
  AddMessageBody,
  ListTicketsQuery,
  Message,
  OpenTicketBody,
  Priority,
  Status,
  Tags,
  Ticket,
  TicketFilters,
  UpdateTicketBody,
  View,
  ViewBody,
} from './schemas.js';
import { searchTickets } from './search-tickets.js';
import type { TicketSort } from './ticket-store.js';
import { updateTicket } from './update-ticket.js';
import { createView, deleteView, listViews, listViewTickets } from './views.js';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
// room for attachments sent inline as base64 (a third larger than the files)
const MESSAGE_BODY_LIMIT = 200 * 1024 * 1024;

const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  actor: Type.Object({ kind: Type.String(), id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  data: Type.Object({}, { additionalProperties: true }),
  summary: Type.String({ description: 'the event in plain words, e.g. "Ana set priority high → urgent"' }),
});

const BulkBody = Type.Object(
  {
    numbers: Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), {
      minItems: 1,
      maxItems: BULK_MAX,
    }),
    changes: Type.Optional(
      Type.Object(
        {
          status: Type.Optional(Status),
          priority: Type.Optional(Priority),
          assignee: Type.Optional(
            Nullable(Type.String({ minLength: 1, maxLength: 320, description: 'agent id or email; null unassigns' })),
          ),
          team: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'team id or name' }))),
          addTags: Type.Optional(Tags),
          removeTags: Type.Optional(Tags),
        },
        { additionalProperties: false },
      ),
    ),
    macroId: Type.Optional(Type.String({ format: 'uuid', description: 'a macro applied to each, its reply sent' })),
  },
  { additionalProperties: false },
);

export function ticketRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const bodyLimit = Math.min(MESSAGE_BODY_LIMIT, Math.ceil(deps.config.attachmentMaxBytes * 1.4) + 4 * 1024 * 1024);

  api.post(
    '/api/v1/tickets',
    {
      bodyLimit,
      schema: {
        tags: ['tickets'],
        summary: 'Opens a ticket with its first message',
        description:
          'With a contact token the contact is the requester; an agent names the requester with requesterEmail (created when new, with requesterName) and the first message is mailed to them and the CCs, unless it is an internal note (firstMessageInternal) or notify is false.',
        body: OpenTicketBody,
        response: { 201: Ticket, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await openTicket(deps, request.actor, request.body)),
  );

  api.get(
    '/api/v1/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Lists tickets, newest activity first by default, a page at a time',
        description:
          'Custom fields filter as field.<key>=value (a select field takes several values, comma-separated: any of them); GET /api/v1/fields lists the keys.',
        querystring: ListTicketsQuery,
        response: { 200: Page(Ticket), ...errorResponses },
      },
    },
    async (request) => listTickets(deps, request.actor, { ...request.query, sort: request.query.sort as TicketSort }),
  );

  api.get(
    '/api/v1/tickets/count',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Counts tickets matching the same filters as the list',
        querystring: Type.Object(TicketFilters, { additionalProperties: false, ...fieldFilterParams }),
        response: { 200: Type.Object({ count: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => countTicketsMatching(deps, request.actor, request.query),
  );

  api.post(
    '/api/v1/tickets/bulk',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Changes many tickets at once, or applies a macro to each (agents)',
        description:
          'Each ticket is changed as if by hand (audit trail, SLA, routing, live updates), one after another; the answer says for each whether it worked. A refused or failing ticket does not stop the others.',
        body: BulkBody,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                number: Type.Integer(),
                ok: Type.Boolean(),
                error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
              }),
            ),
            changed: Type.Integer(),
            failed: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => bulkUpdateTickets(deps, request.actor, request.body),
  );

  api.get(
    '/api/v1/tickets/:number',
    { schema: { tags: ['tickets'], params: NumberParams, response: { 200: Ticket, ...errorResponses } } },
    async (request) => getTicket(deps, request.actor, request.params.number),
  );

  api.patch(
    '/api/v1/tickets/:number',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Changes status, priority, assignee, team, tags, CCs…',
        params: NumberParams,
        body: UpdateTicketBody,
        response: { 200: Ticket, ...errorResponses },
      },
    },
    async (request) => updateTicket(deps, request.actor, request.params.number, request.body),
  );

  api.get(
    '/api/v1/tickets/:number/messages',
    {
      schema: {
        tags: ['tickets'],
        summary: "A ticket's conversation, oldest first (customers never see internal notes)",
        params: NumberParams,
        querystring: Type.Object(
          { ...PageQuery, limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Message), ...errorResponses },
      },
    },
    async (request) => listMessages(deps, request.actor, request.params.number, request.query),
  );

  api.post(
    '/api/v1/tickets/:number/messages',
    {
      bodyLimit,
      schema: {
        tags: ['tickets'],
        summary: 'Adds a public reply or an internal note',
        description:
          "A customer's reply reopens a pending, on-hold, watching or solved ticket; a customer's reply to a closed ticket opens a follow-up ticket (followUp: true).",
        params: NumberParams,
        body: AddMessageBody,
        response: {
          201: Type.Object({ message: Message, ticket: Ticket, followUp: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMessage(deps, request.actor, request.params.number, request.body)),
  );

  api.get(
    '/api/v1/tickets/:number/events',
    {
      schema: {
        tags: ['tickets'],
        summary: "The ticket's audit trail: every change, who made it and when (agents)",
        params: NumberParams,
        querystring: Type.Object(
          { ...PageQuery, limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: Page(AuditEvent), ...errorResponses },
      },
    },
    async (request) => listTicketAuditEvents(deps, request.actor, request.params.number, request.query),
  );

  api.get(
    '/api/v1/attachments/:id',
    { schema: { tags: ['tickets'], summary: "An attachment's content", params: IdParams } },
    async (request, reply) => {
      const file = await getAttachment(deps, request.actor, request.params.id);
      // served as a download, never rendered by the browser as a page of ours
      const safeType = /^(image\/(png|jpeg|gif|webp)|text\/plain|application\/pdf)$/i.test(file.contentType)
        ? file.contentType
        : 'application/octet-stream';
      return reply
        .header('content-type', safeType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', contentDisposition(file.filename))
        .send(file.content);
    },
  );

  api.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Finds tickets: by number, person, organization, linked issue, and ranked full text',
        description:
          'What a person means first: `#253` or `253` (that ticket), an email (tickets that address requested or is CC’d on), a person’s or organization’s name (their tickets), an issue URL, `#7`, `!7` or `project#7` (tickets linked to it); then ranked full text over subjects and messages (web-search syntax: words, "a phrase", -excluded, or). The list filters narrow all of it; the cursor pages through. Customers find only what they may open.',
        querystring: Type.Object(
          {
            ...TicketFilters,
            q: Type.String({ minLength: 1, maxLength: 500 }),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Page(
            Type.Object({
              ticket: Ticket,
              rank: Nullable(Type.Number({ description: 'full-text rank; null for a ticket the query names' })),
              match: Type.Object({
                kind: Type.Enum(['number', 'requester', 'cc', 'organization', 'link', 'text']),
                label: Nullable(Type.String({ description: 'why it matched, e.g. "requested by lena@acme.example"' })),
              }),
              highlights: Type.Object({
                subject: Type.String({ description: 'escaped HTML with <mark> around matches' }),
                message: Type.Union([Type.String(), Type.Null()]),
                messageId: Type.Union([Type.Integer(), Type.Null()]),
              }),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => searchTickets(deps, request.actor, request.query),
  );

  // views
  api.post(
    '/api/v1/views',
    {
      schema: {
        tags: ['views'],
        summary: 'Saves a ticket filter as a view',
        body: ViewBody,
        response: { 201: View, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createView(deps, request.actor, { ...request.body, sort: request.body.sort as TicketSort | undefined }),
        ),
  );
  api.get(
    '/api/v1/views',
    {
      schema: {
        tags: ['views'],
        summary: 'My views and the shared ones',
        response: { 200: Type.Object({ items: Type.Array(View) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listViews(deps, request.actor) }),
  );
  api.delete(
    '/api/v1/views/:id',
    { schema: { tags: ['views'], params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteView(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
  api.get(
    '/api/v1/views/:id/tickets',
    {
      schema: {
        tags: ['views'],
        summary: 'The tickets in a view',
        params: IdParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(Ticket), ...errorResponses },
      },
    },
    async (request) => listViewTickets(deps, request.actor, request.params.id, request.query),
  );
}
