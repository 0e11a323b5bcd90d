import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { Email, ErrorSchema, errorResponses, IdParams } from '../../platform/http/schemas.js';
import { signInPages } from '../oidc/sign-in-pages.js';
import { finishOrganizationSignIn } from './finish-sign-in.js';
import { getOrganizationSso, removeOrganizationSso, saveOrganizationSso } from './organization-sso-settings.js';
import { companySignInForDomain } from './portal-sign-in.js';
import { startOrganizationSignIn } from './start-sign-in.js';

/** Names this browser's sign-in in flight; sent back only to /auth/organization-sso/… */
const ATTEMPT_COOKIE = 'pf_org_sso';
const ATTEMPT_PATH = '/auth/organization-sso';

const OrganizationSso = Type.Object({
  configured: Type.Boolean(),
  redirectUri: Type.String({ description: 'register this at the provider as the redirect URI' }),
  issuer: Type.Union([Type.String(), Type.Null()]),
  clientId: Type.Union([Type.String(), Type.Null()]),
  clientSecretSet: Type.Boolean({ description: 'a client secret is stored (it is never shown)' }),
  required: Type.Boolean({ description: 'the organization’s contacts may not sign in by emailed link' }),
});

/**
 * Organizations' own single sign-on for their contacts: the admin's settings (API), the portal's
 * question "does this address's domain have a company sign-in?", and the two pages of the sign-in
 * itself, which end on the portal (/portal?sso_error=CODE when it went wrong).
 */
export function organizationSsoRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { publicUrl } = deps.config;
  const toPortal = (reply: FastifyReply, code: string) =>
    reply.redirect(`${publicUrl}/portal?sso_error=${encodeURIComponent(code)}`, 303);

  api.get(
    '/api/v1/organizations/:id/sso',
    {
      schema: {
        tags: ['organizations'],
        summary: 'The organization’s own single sign-on for its contacts (admin); never the client secret',
        params: IdParams,
        response: { 200: OrganizationSso, ...errorResponses },
      },
    },
    async (request) => getOrganizationSso(deps, request.actor, request.params.id),
  );

  api.put(
    '/api/v1/organizations/:id/sso',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Sets the organization’s OpenID provider for its contacts (admin); 422 when discovery fails',
        params: IdParams,
        body: Type.Object(
          {
            issuer: Type.String({ minLength: 1, maxLength: 500, description: 'https; the provider’s issuer URL' }),
            clientId: Type.String({ minLength: 1, maxLength: 500 }),
            clientSecret: Type.Optional(
              Type.String({ maxLength: 2000, description: 'write-only; left out, the stored one stays' }),
            ),
            required: Type.Boolean({ description: 'no emailed sign-in links for its contacts' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrganizationSso, ...errorResponses, 422: ErrorSchema },
      },
    },
    async (request) => saveOrganizationSso(deps, request.actor, request.params.id, request.body),
  );

  api.delete(
    '/api/v1/organizations/:id/sso',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Removes the organization’s single sign-on: its contacts sign in by emailed link again (admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeOrganizationSso(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/sign-in-options',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'The portal asks how an address signs in: its domain’s company sign-in, if any',
        description:
          'Decided by the domain alone, the same for every address there: it never tells whether the address belongs to a contact.',
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            companySignIn: Type.Union([
              Type.Object({
                organizationId: Type.String(),
                name: Type.String(),
                required: Type.Boolean({ description: 'no emailed link: the company sign-in only' }),
                url: Type.String({ description: 'the page that starts it' }),
              }),
              Type.Null(),
            ]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ companySignIn: await companySignInForDomain(deps, request.body.email) }),
  );

  const organizationOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  signInPages(app, deps, {
    path: '/auth/organization-sso/:id',
    cookie: { name: ATTEMPT_COOKIE, path: ATTEMPT_PATH },
    start: (request) =>
      startOrganizationSignIn(deps, organizationOf(request), {
        returnTo: (request.query as { returnTo?: unknown }).returnTo,
      }),
    finish: (request, input) => finishOrganizationSignIn(deps, organizationOf(request), input),
    refused: toPortal,
  });
}
