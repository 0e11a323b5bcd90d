import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { Email, errorResponses, Nullable, Uuid } from '../platform/http/schemas.js';
import { addCc, listCcs, removeCc } from './manage-ccs.js';
import { mergeTickets } from './merge-tickets.js';
import { Ticket } from './schemas.js';

// The ticket's story: its CCs (who copied whom, and when) and merging one ticket into another.

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

const Cc = Type.Object({
  contact: Type.Object({ id: Type.String(), email: Type.String(), name: Nullable(Type.String()) }),
  organization: Nullable(
    Type.Object(
      { id: Type.String(), name: Type.String() },
      { description: "customers see the organization of their own colleagues only; another organization's is null" },
    ),
  ),
  otherOrganization: Type.Boolean({
    description: "not of the ticket's organization: they see this ticket, and none other of that organization's",
  }),
  addedAt: Type.String(),
  addedBy: Nullable(
    Type.Object(
      { kind: Type.String(), name: Type.String() },
      { description: 'who copied them; null on CCs from before this was kept' },
    ),
  ),
  via: Nullable(
    Type.Enum(['opened', 'added', 'reply', 'merge', 'follow-up', 'accepted'], {
      description:
        'opened: on the first message; added: by hand; reply: copied by a participant on a reply to our mail; merge: came with a merged ticket; follow-up: from the closed ticket; accepted: an admin accepted their mail',
    }),
  ),
});

export function storyRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/tickets/:number/ccs',
    {
      schema: {
        tags: ['tickets'],
        summary: "A ticket's CCs, with who copied each and when",
        params: NumberParams,
        response: { 200: Type.Object({ items: Type.Array(Cc) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listCcs(deps, request.actor, request.params.number) }),
  );

  api.post(
    '/api/v1/tickets/:number/ccs',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Copies someone on a ticket (agents, or the ticket’s requester)',
        description:
          "They get its public replies by mail and may read it. An agent may copy someone of another organization: they then see this ticket (and no other of its organization); the audit trail records who did it. A customer copies only colleagues of their organization the desk knows already (CC_NOT_COLLEAGUE otherwise, the same answer for an unknown address and another organization's).",
        params: NumberParams,
        body: Type.Object(
          { email: Email, name: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: Cc, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCc(deps, request.actor, request.params.number, request.body)),
  );

  api.delete(
    '/api/v1/tickets/:number/ccs/:contactId',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Takes someone off a ticket’s CCs (agents, the requester, or the CC themselves)',
        params: Type.Object({ number: NumberParams.properties.number, contactId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeCc(deps, request.actor, request.params.number, request.params.contactId);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/tickets/:number/merge',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Merges this ticket into another (agents)',
        description:
          'Its messages (with their files and mail), links and people move to the target; it closes with mergedInto pointing there, and its customers are told by mail where the conversation continues. Mail to its thread lands on the target. Refused into itself, into a closed ticket, and between two customers (other organizations, or colleagues of an organization that does not share its tickets) unless force: then the messages move as internal notes and nobody of the merged ticket is copied on the target (neither customer reads the other’s conversation). The notice names the target only to those who may read it.',
        params: NumberParams,
        body: Type.Object(
          {
            into: Type.Integer({
              minimum: 1,
              maximum: Number.MAX_SAFE_INTEGER,
              description: 'the ticket to merge into',
            }),
            force: Type.Optional(
              Type.Boolean({
                description: 'merge tickets of two customers anyway (their messages move as internal notes)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            ticket: Ticket,
            into: Ticket,
            notCopied: Type.Array(
              Type.Object({ id: Type.String(), email: Type.String(), name: Nullable(Type.String()) }),
              { description: "people of the merged ticket not copied on the target: not of the target's organization" },
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => mergeTickets(deps, request.actor, request.params.number, request.body),
  );
}
