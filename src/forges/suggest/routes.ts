import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { errorResponses, Nullable, Uuid } from '../../platform/http/schemas.js';
import { askToBeCounted } from './demand.js';
import { linkLookAlikes, lookAlikesOf, MAX_BULK_LINK } from './look-alikes.js';
import { dismissSuggestionOn, suggestIssues } from './suggest-issues.js';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1 }) });
const IssueUrl = Type.String({ minLength: 8, maxLength: 2000 });

const Suggestion = Type.Object({
  key: Type.String(),
  forgeId: Type.String(),
  forgeName: Type.String(),
  forgeKind: Type.Union([Type.Literal('gitlab'), Type.Literal('github')]),
  project: Type.String(),
  number: Type.Integer(),
  url: Type.String(),
  title: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  fixedIn: Nullable(Type.String({ description: 'the release with the fix, for a closed issue' })),
  linkedTickets: Type.Integer({ description: 'tickets of ours linked to it already' }),
  reasons: Type.Array(Type.String()),
  score: Type.Number(),
});

const Signature = Type.Object({
  exceptions: Type.Array(
    Type.Object({ errorClass: Type.String(), message: Type.String(), frames: Type.Array(Type.String()) }),
  ),
  requests: Type.Array(Type.String()),
  jobs: Type.Array(Type.String()),
  postgresCodes: Type.Array(Type.String()),
  versions: Type.Array(Type.String()),
  words: Type.Array(Type.String({ description: 'distinctive words of the subject' })),
});

const SentQuery = Type.Object({ forgeName: Type.String(), project: Type.String(), query: Type.String() });

const SuggestionsAnswer = Type.Object({
  signature: Signature,
  sent: Type.Array(SentQuery, {
    description: 'exactly what left the desk for the forge answers shown: the signature’s terms, per project',
  }),
  planned: Type.Array(SentQuery, {
    description: 'what a search would send (POST …/issue-suggestions/search): shown before it is sent',
  }),
  customerVersion: Nullable(Type.String()),
  items: Type.Array(Suggestion),
  dismissed: Type.Integer(),
  notes: Type.Array(Type.String()),
});

export function suggestionRoutes(app: FastifyInstance, deps: Deps) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/tickets/:number/issue-suggestions',
    {
      schema: {
        tags: ['links'],
        summary:
          'The public issues this ticket may belong to, with the reasons: tickets with the same failure linked before, and the forges’ search for its error signature (shown with what was sent)',
        params: NumberParams,
        response: {
          200: SuggestionsAnswer,
          ...errorResponses,
        },
      },
    },
    async (request) => suggestIssues(deps, request.actor, request.params.number),
  );

  api.post(
    '/api/v1/tickets/:number/issue-suggestions/search',
    {
      schema: {
        tags: ['links'],
        summary:
          'Sends the planned terms (the signature’s, shown first) to the forges’ issue search, and answers the suggestions with what they found',
        params: NumberParams,
        response: { 200: SuggestionsAnswer, ...errorResponses },
      },
    },
    async (request) => suggestIssues(deps, request.actor, request.params.number, { search: true }),
  );

  api.post(
    '/api/v1/tickets/:number/issue-suggestions/dismissals',
    {
      schema: {
        tags: ['links'],
        summary: 'Not this one: the issue is not suggested for this ticket again',
        params: NumberParams,
        body: Type.Object({ url: IssueUrl }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await dismissSuggestionOn(deps, request.actor, request.params.number, request.body.url);
      return reply.status(204).send(null);
    },
  );

  const LookAlike = Type.Object({
    number: Type.Integer(),
    subject: Type.String(),
    status: Type.String(),
    organization: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    createdAt: Type.String(),
    linked: Type.Boolean({ description: 'linked to an issue already' }),
  });
  api.get(
    '/api/v1/tickets/:number/look-alikes',
    {
      schema: {
        tags: ['links'],
        summary: 'Tickets of the last two weeks with the same failure (an exception and message, a failing request)',
        params: NumberParams,
        response: {
          200: Type.Object({
            tickets: Type.Array(LookAlike),
            organizations: Type.Integer({ description: 'organizations among them, this ticket’s included' }),
            because: Nullable(Type.String({ description: 'the failure they share' })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => lookAlikesOf(deps, request.actor, request.params.number),
  );

  api.post(
    '/api/v1/tickets/:number/look-alikes/link',
    {
      schema: {
        tags: ['links'],
        summary: 'Links this ticket and its look-alikes to one issue; each customer is told',
        params: NumberParams,
        body: Type.Object(
          {
            url: IssueUrl,
            tickets: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: MAX_BULK_LINK }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            linked: Type.Array(Type.Integer()),
            failed: Type.Array(Type.Object({ number: Type.Integer(), code: Type.String(), message: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      linkLookAlikes(deps, request.actor, request.params.number, request.body.url, request.body.tickets),
  );

  api.post(
    '/api/v1/tickets/:number/links/:id/demand',
    {
      schema: {
        tags: ['links'],
        summary:
          'Counts the ticket’s organization among those affected, on the public issue (a number on its labels, never a name)',
        params: Type.Object({ number: Type.Integer({ minimum: 1 }), id: Uuid }),
        response: { 204: Type.Null(), ...errorResponses, 409: errorResponses[400] },
      },
    },
    async (request, reply) => {
      await askToBeCounted(deps, request.actor, request.params.number, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
