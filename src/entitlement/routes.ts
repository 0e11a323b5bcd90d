import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, IdParams, Nullable, Uuid } from '../platform/http/schemas.js';
import { confirmRequest, describeLink, NOTE_MAX } from './confirm-request.js';
import { approveRequest, DECISION_NOTE_MAX, declineRequest } from './decide-request.js';
import { listRequests } from './list-requests.js';

const State = Type.Union([
  Type.Literal('awaiting-confirmation'),
  Type.Literal('awaiting-approval'),
  Type.Literal('approved'),
  Type.Literal('declined'),
  Type.Literal('expired'),
]);
const EntitlementRequest = Type.Object({
  id: Type.String(),
  organization: Type.Object({ id: Type.String(), name: Type.String() }),
  contact: Type.Object({ id: Type.String(), email: Type.String(), name: Nullable(Type.String()) }),
  state: State,
  note: Nullable(Type.String({ description: 'what the person wrote when confirming: who they are, why' })),
  ticketNumbers: Type.Array(Type.Integer(), { description: 'the tickets their mail opened, held by the request' }),
  createdAt: Type.String(),
  confirmedAt: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});
const LinkView = Type.Object({
  organization: Type.Object({ name: Type.String() }),
  email: Type.String(),
  state: State,
  linkExpiresAt: Type.String(),
  confirmedAt: Nullable(Type.String()),
});
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });
const Decision = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: DECISION_NOTE_MAX, description: 'mailed to the person' })) },
  { additionalProperties: false },
);

/** Entitlement requests: thin routes over ./ */
export function entitlementRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['entitlement'];

  api.get(
    '/api/v1/entitlement-requests',
    {
      schema: {
        tags,
        summary: 'Requests to be entitled by an organization, newest first',
        description:
          "Agents: every organization's, or one's (organizationId). An organization's admin contact: their own organization's only; other contacts get 403 ORG_ADMIN_REQUIRED.",
        querystring: Type.Object({
          organizationId: Type.Optional(Uuid),
          state: Type.Optional(Type.Array(State, { maxItems: 5 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(EntitlementRequest) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listRequests(deps, request.actor, {
        organizationId: request.query.organizationId,
        states: request.query.state,
        limit: request.query.limit,
      }),
    }),
  );

  api.post(
    '/api/v1/entitlement-requests/:id/approve',
    {
      schema: {
        tags,
        summary:
          "Approves a confirmed request: the person becomes a named support contact (409 NAMED_CONTACT_LIMIT when the plan is full) and their held tickets get their entitlement (a lead, or the organization's admin contact)",
        params: IdParams,
        body: Type.Optional(Decision),
        response: { 200: EntitlementRequest, ...errorResponses },
      },
    },
    async (request) => approveRequest(deps, request.actor, request.params.id, request.body ?? {}),
  );

  api.post(
    '/api/v1/entitlement-requests/:id/decline',
    {
      schema: {
        tags,
        summary:
          "Declines a request; a person who confirmed their address is told by mail (a lead, or the organization's admin contact)",
        params: IdParams,
        body: Type.Optional(Decision),
        response: { 200: EntitlementRequest, ...errorResponses },
      },
    },
    async (request) => declineRequest(deps, request.actor, request.params.id, request.body ?? {}),
  );

  // the mailed link: no sign-in, the one-use secret is the key to one request
  api.get(
    '/api/v1/entitlement-links/:token',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          'What a mailed entitlement link is about, and where its request stands (no sign-in: the link is the key)',
        security: [],
        params: TokenParams,
        response: { 200: LinkView, ...errorResponses },
      },
    },
    async (request) => describeLink(deps, request.params.token),
  );

  api.post(
    '/api/v1/entitlement-links/:token',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "Confirms the address with the mailed link (once, within 7 days) and asks the organization's admins to decide",
        security: [],
        params: TokenParams,
        body: Type.Object(
          {
            note: Type.Optional(
              Type.String({ maxLength: NOTE_MAX, description: 'for the admins: who they are, why they write' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: LinkView, ...errorResponses },
      },
    },
    async (request) => confirmRequest(deps, request.params.token, request.body),
  );
}
